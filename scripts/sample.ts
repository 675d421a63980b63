/**
 * `npm run data:sample`: seeded synthetic FTC daily files for building the site without the
 * archive. See scripts/sample/ (calibration.ts says where every number comes from).
 */
import { performance } from 'node:perf_hooks';
import { generateSample } from './sample/generate';
import { runCommand } from './lib/cli';
import { createProgress } from './lib/progress';
import { SAMPLE_COMMAND, sampleOptions } from './sample/options';

async function main(argv: readonly string[]): Promise<number> {
  return runCommand(SAMPLE_COMMAND, argv, async (values) => {
    const options = sampleOptions(values);
    createProgress().log(
      `data:sample: writing ${options.days} days to ${options.end} into ${options.out}/dnc (seed ${options.seed}, ${options.workers ?? 1} threads)`,
    );
    const started = performance.now();
    const summary = await generateSample(options);
    const seconds = (performance.now() - started) / 1000;
    const rate = Math.round(summary.rows / seconds);
    console.log(
      `data:sample: ${summary.rows.toLocaleString('en-US')} complaints created ${summary.first} … ${summary.last} in ` +
        `${summary.files} files, ${(summary.bytes / 1e6).toFixed(1)} MB, under ${options.out}/dnc ` +
        `(seed ${options.seed}; ${seconds.toFixed(1)} s, ${rate.toLocaleString('en-US')} rows/s, ${options.workers ?? 1} threads)`,
    );
    return 0;
  });
}

process.exitCode = await main(process.argv.slice(2));
