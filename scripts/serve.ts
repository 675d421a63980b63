/** npm run serve -- [--dir dist] [--port 4321]: the built site, with HEAD and Range support. */
import { positiveInteger, runCommand } from './lib/cli';
import { createStaticServer } from './serve/static-server';

const USAGE = `usage: npm run serve -- [--dir DIR] [--port N]

Serves a built site on 127.0.0.1 with HEAD and byte ranges (the explorer reads .duckdb files by Range).

  --dir DIR    the built site (default dist)
  --port N     the port (default $PORT, else 4321)
  -h, --help   this text

Exit code: 2 bad arguments; otherwise it serves until stopped.`;

const COMMAND = {
  name: 'serve',
  usage: USAGE,
  options: {
    dir: { type: 'string', default: 'dist' },
    port: { type: 'string', default: process.env.PORT ?? '4321' },
  },
} as const;

process.exitCode = await runCommand(COMMAND, process.argv.slice(2), ({ dir, port }) => {
  const portNumber = positiveInteger('--port', port);
  createStaticServer(dir).listen(portNumber, '127.0.0.1', () => {
    console.log(`Robocall Atlas: serving ${dir} at http://localhost:${portNumber}/`);
  });
  return 0;
});
