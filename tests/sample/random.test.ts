import { describe, expect, it } from 'vitest';
import { AliasTable, normalQuantile, QuantileTable, rngFor } from '../../scripts/sample/random';

const draws = (seed: string, label: string, n = 8) => {
  const rng = rngFor(seed, label);
  return Array.from({ length: n }, () => rng.uint32());
};

describe('rngFor', () => {
  it('gives the same stream for the same seed and label', () => {
    expect(draws('20261129', 'day:2026-10-31')).toEqual(draws('20261129', 'day:2026-10-31'));
  });

  it('gives different streams for another seed or another label', () => {
    expect(draws('20261129', 'a')).not.toEqual(draws('20261130', 'a'));
    expect(draws('20261129', 'a')).not.toEqual(draws('20261129', 'b'));
  });

  it('draws uniformly in [0, 1)', () => {
    const rng = rngFor('u', 'u');
    const buckets = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = rng.next();
      if (x < 0 || x >= 1) outside++;
      else buckets[Math.floor(x * 10)]!++;
    }
    expect(outside).toBe(0);
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('has the means its distributions promise', () => {
    const rng = rngFor('m', 'm');
    const mean = (f: () => number, n = 50_000) =>
      Array.from({ length: n }, f).reduce((a, b) => a + b, 0) / n;
    expect(mean(() => rng.normal())).toBeCloseTo(0, 1);
    expect(mean(() => rng.normal() ** 2)).toBeCloseTo(1, 1);
    expect(mean(() => rng.poisson(3))).toBeCloseTo(3, 1);
    expect(mean(() => rng.poisson(200), 5_000) / 200).toBeCloseTo(1, 1);
    expect(mean(() => rng.exponential(2))).toBeCloseTo(2, 1);
    expect(mean(() => rng.int(7)) / 3).toBeCloseTo(1, 1);
  });
});

describe('AliasTable', () => {
  it('samples in proportion to the weights, never a zero weight', () => {
    const table = new AliasTable([1, 0, 3, 6]);
    const rng = rngFor('alias', 'alias');
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 100_000; i++) counts[table.sample(rng)]!++;
    expect(counts[1]).toBe(0);
    expect(counts[0]! / 100_000).toBeCloseTo(0.1, 2);
    expect(counts[2]! / 100_000).toBeCloseTo(0.3, 2);
    expect(counts[3]! / 100_000).toBeCloseTo(0.6, 2);
  });

  it('refuses weights it cannot sample from', () => {
    expect(() => new AliasTable([])).toThrow();
    expect(() => new AliasTable([0, 0])).toThrow();
    expect(() => new AliasTable([1, -1])).toThrow();
    expect(() => new AliasTable([1, Number.NaN])).toThrow();
  });
});

describe('normalQuantile and QuantileTable', () => {
  it('inverts the normal distribution', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 6);
    expect(() => normalQuantile(1)).toThrow();
  });

  it('draws from a distribution given by its quantiles', () => {
    const table = QuantileTable.of(normalQuantile);
    const rng = rngFor('q', 'q');
    const draws = Array.from({ length: 50_000 }, () => table.sample(rng)).sort((a, b) => a - b);
    expect(draws[25_000]!).toBeCloseTo(0, 1);
    expect(draws[Math.floor(50_000 * 0.8413)]!).toBeCloseTo(1, 1);
  });
});
