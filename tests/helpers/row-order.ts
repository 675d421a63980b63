/**
 * ROW_ORDER's comparison (scripts/ingest/normalize.ts: state NULLS LAST, created_at, source_file,
 * source_line), and the caller index's, in plain TypeScript: key by key, NULL after any value.
 */
export type RowKey = (string | number | null)[];

export function compareRowKeys(a: RowKey, b: RowKey): number {
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i]!, b[i]!];
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}
