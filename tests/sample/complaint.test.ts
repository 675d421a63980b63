/** One day's complaints, straight from the model (no files): the pieces behind the CSV. */
import { describe, expect, it } from 'vitest';
import { collectDay } from '../../scripts/sample/complaint';
import { parseDay } from '../../scripts/sample/dates';
import { buildModel } from '../../scripts/sample/model';
import { delayHoursQuantile } from '../../scripts/sample/violation';

const model = buildModel({ days: 30, end: '2026-10-31', seed: '20261129', volume: 2000 });
const day = parseDay('2026-10-20');

describe('a day of complaints', () => {
  it('depends only on the model and the day', () => {
    const a = collectDay(model, day);
    collectDay(model, day - 1);
    expect(collectDay(model, day)).toEqual(a);
    expect(collectDay(model, day + 1)).not.toEqual(a);
  });

  it('are all created that day, in nearly sorted order', () => {
    const rows = collectDay(model, day);
    expect(rows.length).toBeGreaterThan(1000);
    expect(
      rows.every(
        (row) => row.createdDay === day && row.createdSecond >= 0 && row.createdSecond < 86_400,
      ),
    ).toBe(true);
    const inversions = rows.filter(
      (row, i) => i > 0 && row.createdSecond < rows[i - 1]!.createdSecond,
    ).length;
    expect(inversions / rows.length).toBeLessThan(0.06);
  });

  it('include consumers filing twice about the same call', () => {
    const rows = collectDay(model, day);
    const repeats = rows.filter((row, i) => {
      const before = rows[i - 1];
      return (
        before !== undefined &&
        row.callerNumber > 0 &&
        row.callerNumber === before.callerNumber &&
        row.city === before.city &&
        row.state === before.state
      );
    });
    expect(repeats.length / rows.length).toBeGreaterThan(0.01);
    expect(repeats.length / rows.length).toBeLessThan(0.06);
  });
});

describe('violation delay', () => {
  it('follows the real file’s quantiles (hours: 50% 3.4, 75% 21.4, 90% 126, 99% 746)', () => {
    expect(delayHoursQuantile(0.5)).toBeCloseTo(3.4, 1);
    expect(delayHoursQuantile(0.75) / 21.4).toBeGreaterThan(0.8);
    expect(delayHoursQuantile(0.75) / 21.4).toBeLessThan(1.25);
    expect(delayHoursQuantile(0.9) / 126).toBeGreaterThan(0.7);
    expect(delayHoursQuantile(0.9) / 126).toBeLessThan(1.3);
    expect(delayHoursQuantile(0.99) / 746).toBeGreaterThan(0.6);
    expect(delayHoursQuantile(0.99) / 746).toBeLessThan(1.5);
    expect(delayHoursQuantile(0.99999)).toBe(60 * 24);
  });
});
