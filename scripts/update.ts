/**
 * `npm run update -- [--url URL] [--raw DIR] [--user-agent UA] [--out DIR] [--no-build]`
 *
 * Thin entry: the work is in scripts/update/run-update.ts (exit codes there and in --help).
 */
import { update } from './update/run-update';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort(new Error('interrupted')));
process.once('SIGTERM', () => controller.abort(new Error('terminated')));

process.exitCode = await update(process.argv.slice(2), { signal: controller.signal });
