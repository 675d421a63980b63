/** npm run serve -- [--dir dist] [--port 4321]: the built site, with HEAD and Range support. */
import { parseArgs } from './lib/args';
import { createStaticServer } from './serve/static-server';

const { values } = parseArgs(process.argv.slice(2));
const dir = values.get('dir') ?? 'dist';
const port = Number(values.get('port') ?? process.env.PORT ?? 4321);
createStaticServer(dir).listen(port, '127.0.0.1', () => {
  console.log(`Robocall Atlas: serving ${dir} at http://localhost:${port}/`);
});
