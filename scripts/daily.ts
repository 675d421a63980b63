/** The scheduled workflow's one step: see scripts/schedule/daily-run.ts. */
import { dailyRun } from './schedule/daily-run';

process.exitCode = await dailyRun(process.argv.slice(2));
