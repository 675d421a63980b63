/** Benchmark results: printed as a table and written to bench/results/<suite>.json (docs/DESIGN.md §6). */
import { mkdirSync, writeFileSync } from 'node:fs';

export interface BenchResult {
  metric: string;
  value: number;
  unit: string;
  /** The same measure for the baseline, taken in the same run. */
  baseline?: number;
  /** value / baseline. */
  ratio?: number;
  note?: string;
}

export function result(
  metric: string,
  value: number,
  unit: string,
  baseline?: number,
  note?: string,
): BenchResult {
  return {
    metric,
    value: round(value),
    unit,
    ...(baseline === undefined
      ? {}
      : { baseline: round(baseline), ratio: round(value / baseline, 3) }),
    ...(note ? { note } : {}),
  };
}

export function report(suite: string, results: BenchResult[]): void {
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/${suite}.json`, `${JSON.stringify(results, null, 2)}\n`);
  const rows = results.map((r) => [
    r.metric,
    `${r.value.toLocaleString('en-US')} ${r.unit}`,
    r.baseline?.toLocaleString('en-US') ?? '',
    r.ratio?.toString() ?? '',
    r.note ?? '',
  ]);
  const header = ['metric', 'value', 'baseline', 'ratio', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`\n${suite}`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
  console.log(`\nwritten to bench/results/${suite}.json`);
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
