/**
 * What the browser benchmarks share: the two explorer datasets (the default sample and about 10 M
 * rows) and one headless Chromium that measures each in turn.
 */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../../tests/helpers/browser';
import { benchDataset, type BenchDataset } from './dataset';
import { report, type BenchResult } from '../results';

/** `--only default` or `--only 10m` measures one of them (the 10 M-row build takes long to make). */
export function explorerDatasets(args: Map<string, string>): BenchDataset[] {
  const only = args.get('only');
  return [
    ...(only === '10m' ? [] : [benchDataset('explorer-default', { days: 730 })]),
    ...(only === 'default'
      ? []
      : [
          benchDataset('explorer-10m', {
            days: 730,
            volume: Number(args.get('large-volume') ?? 15_900),
          }),
        ]),
  ];
}

/** Runs `measure` on each dataset in one browser and reports the results under `suite`. */
export async function runBrowserSuite(
  suite: string,
  datasets: BenchDataset[],
  measure: (browser: Browser, dataset: BenchDataset) => Promise<BenchResult[]>,
): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
  const results: BenchResult[] = [];
  try {
    for (const dataset of datasets) results.push(...(await measure(browser, dataset)));
  } finally {
    await browser.close();
  }
  report(suite, results);
}
