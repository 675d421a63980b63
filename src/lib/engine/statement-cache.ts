/**
 * Prepared statements kept by their SQL text, so a view that differs from the last one only in
 * its bound values (another state, another year: the explorer's SQL binds every value) is one
 * message to the engine's worker instead of two. Each message waits for the page's main thread,
 * which is busy updating the page just after a filter change; a statement already prepared lets
 * the worker run the query meanwhile (docs/STACK-NOTES.md, "Row views").
 *
 * A statement already prepared is handed over in the same task (`run`): duckdb-wasm posts a
 * query to its worker synchronously, so the worker starts on it before the page goes on to update
 * itself, instead of after (a promise would resume only once the page's synchronous work is done).
 *
 * Generic over the statement so it is tested in Node; src/client/query.ts keeps one per
 * duckdb-wasm connection.
 */

export interface Closable {
  close(): Promise<unknown>;
}

export class StatementCache<Statement extends Closable> {
  /** In order of last use, oldest first (a Map keeps insertion order). */
  private readonly statements = new Map<string, Promise<Statement>>();
  /** The ones whose prepare has finished, by the same key: what `run` can use at once. */
  private readonly prepared = new Map<string, Statement>();

  constructor(
    private readonly prepare: (sql: string) => Promise<Statement>,
    private readonly capacity = 32,
  ) {}

  /**
   * The statement for `sql`, prepared once. One that failed to prepare is not kept, so the next
   * call tries again. Past `capacity`, the least recently used is closed once it has been
   * prepared: a caller that was already awaiting it (as runQuery does, at once) is resumed first
   * and queues its query with the worker, which takes messages in order, so the close comes after.
   */
  get(sql: string): Promise<Statement> {
    let statement = this.statements.get(sql);
    if (statement) {
      this.statements.delete(sql);
    } else {
      const preparing = this.prepare(sql);
      statement = preparing;
      preparing.then(
        (done) => {
          if (this.statements.get(sql) === preparing) this.prepared.set(sql, done);
        },
        () => {
          if (this.statements.get(sql) === preparing) this.statements.delete(sql);
        },
      );
    }
    this.statements.set(sql, statement);
    while (this.statements.size > this.capacity) {
      const [oldest, evicted] = this.statements.entries().next().value!;
      this.statements.delete(oldest);
      this.prepared.delete(oldest);
      evicted.then((s) => s.close()).catch(() => undefined);
    }
    return statement;
  }

  /**
   * `use` applied to the statement for `sql`: in this task when it is already prepared, else once
   * it is. An eviction's close is queued after, as for `get`.
   */
  run<T>(sql: string, use: (statement: Statement) => Promise<T>): Promise<T> {
    const pending = this.get(sql);
    const ready = this.prepared.get(sql);
    if (!ready) return pending.then(use);
    try {
      return use(ready);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  get size(): number {
    return this.statements.size;
  }
}
