/**
 * `npm run data:fetch -- [--since YYYY-MM-DD] [--raw DIR] [--url URL] [--limit N]`
 * `npm run data:fetch -- --api --from YYYY-MM-DD --to YYYY-MM-DD`
 *
 * Thin entry: the work is in scripts/fetch/ (see main.ts). Ctrl-C aborts the run cleanly (temp
 * files removed, ledger intact); a second Ctrl-C kills it outright.
 */
import { main } from './fetch/main';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort(new Error('interrupted')));
process.once('SIGTERM', () => controller.abort(new Error('terminated')));

process.exitCode = await main(process.argv.slice(2), { signal: controller.signal });
