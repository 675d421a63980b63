/**
 * The engine's prepared statements kept by SQL text (src/lib/engine/statement-cache.ts): one
 * prepare per SQL text, the least recently used closed past the capacity and only after a query
 * already handed its statement, and a statement that failed to prepare not kept.
 * The statements are fakes that log to one list, in the order a worker would receive messages.
 */
import { describe, expect, it } from 'vitest';
import { StatementCache } from '../../src/lib/engine/statement-cache';

function engine(failing: Set<string> = new Set()) {
  const log: string[] = [];
  const prepare = async (sql: string) => {
    log.push(`prepare ${sql}`);
    if (failing.has(sql)) throw new Error(`syntax error in ${sql}`);
    return {
      query: (value: string) => log.push(`query ${sql} ${value}`),
      close: async () => log.push(`close ${sql}`),
    };
  };
  return { log, prepare };
}

describe('StatementCache', () => {
  it('prepares each SQL text once, whatever is bound to it', async () => {
    const { log, prepare } = engine();
    const cache = new StatementCache(prepare);
    for (const state of ['OH', 'PA', 'OH'])
      (await cache.get('SELECT … WHERE state IN (?)')).query(state);
    (await cache.get('SELECT count(*)')).query('');
    expect(log).toEqual([
      'prepare SELECT … WHERE state IN (?)',
      'query SELECT … WHERE state IN (?) OH',
      'query SELECT … WHERE state IN (?) PA',
      'query SELECT … WHERE state IN (?) OH',
      'prepare SELECT count(*)',
      'query SELECT count(*) ',
    ]);
    expect(cache.size).toBe(2);
  });

  it('gives concurrent callers of one SQL text the same statement', async () => {
    const { log, prepare } = engine();
    const cache = new StatementCache(prepare);
    const [a, b] = await Promise.all([cache.get('Q'), cache.get('Q')]);
    expect(a).toBe(b);
    expect(log).toEqual(['prepare Q']);
  });

  it('closes the least recently used past its capacity, after the query of a caller that already had it', async () => {
    const { log, prepare } = engine();
    const cache = new StatementCache(prepare, 2);
    await cache.get('A');
    await cache.get('B');
    await cache.get('A'); // A is now the most recently used: B goes first
    const handed = cache.get('C'); // evicts B
    await handed;
    await Promise.resolve();
    expect(log).toContain('close B');
    expect(log).not.toContain('close A');
    // A caller holding A's promise when A is evicted queues its query before the close.
    const holding = cache.get('A');
    const evicting = cache.get('D').then(() => cache.get('E')); // evicts C, then A
    const statement = await holding;
    statement.query('held');
    await evicting;
    await new Promise((done) => setTimeout(done, 0));
    expect(log.indexOf('query A held')).toBeGreaterThan(-1);
    expect(log.indexOf('close A')).toBeGreaterThan(log.indexOf('query A held'));
    expect(cache.size).toBe(2);
  });

  it('does not keep a statement that failed to prepare, so the next use tries again', async () => {
    const failing = new Set(['BAD']);
    const { log, prepare } = engine(failing);
    const cache = new StatementCache(prepare);
    await expect(cache.get('BAD')).rejects.toThrow('syntax error in BAD');
    expect(cache.size).toBe(0);
    failing.clear();
    (await cache.get('BAD')).query('x');
    expect(log).toEqual(['prepare BAD', 'prepare BAD', 'query BAD x']);
  });

  it('runs a query on a prepared statement in the same task, and on a new one once it is prepared', async () => {
    const { log, prepare } = engine();
    const cache = new StatementCache(prepare);
    const first = cache.run('Q', async (s) => s.query('first'));
    // Not prepared yet: nothing is sent before the prepare is done.
    expect(log).toEqual(['prepare Q']);
    await first;
    expect(log).toEqual(['prepare Q', 'query Q first']);
    void cache.run('Q', async (s) => s.query('second'));
    // Prepared: the query is sent before run returns, with no await in between.
    expect(log.at(-1)).toBe('query Q second');
    await expect(
      cache.run('Q', () => {
        throw new Error('bad parameter');
      }),
    ).rejects.toThrow('bad parameter');
  });

  it('does not run a query on a statement it has closed', async () => {
    const { log, prepare } = engine();
    const cache = new StatementCache(prepare, 1);
    await cache.run('A', async (s) => s.query('1'));
    await cache.run('B', async (s) => s.query('1')); // evicts A
    await new Promise((done) => setTimeout(done, 0));
    await cache.run('A', async (s) => s.query('2'));
    expect(log.filter((line) => line.startsWith('prepare A'))).toHaveLength(2);
    expect(log.indexOf('query A 2')).toBeGreaterThan(log.indexOf('close A'));
  });
});
