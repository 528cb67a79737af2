/**
 * The pg driver adapter, with one rule added for interactive transactions: a transaction's
 * statements run one after another on its connection, and nothing runs after its COMMIT or
 * ROLLBACK has been sent.
 *
 * Why: Prisma's transaction manager ends a transaction that outlives its timeout by sending
 * ROLLBACK on the connection *while a statement of a nested write may still be running*,
 * then hands the connection back to the pool. The nested write's next statement (say the
 * StockReservation rows of `order.create`) was then queued on the same pg client behind the
 * ROLLBACK and ran in autocommit — outside any transaction — failing on the order's foreign
 * key, or worse, committing half a checkout; pg warned "client.query() when the client is
 * already executing a query". Here the ROLLBACK waits for the running statement, and every
 * statement after it is refused with Prisma's own "transaction already closed" error (P1018),
 * so a timed-out transaction leaves nothing behind.
 */
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { DriverAdapterError } from "@prisma/driver-adapter-utils";

/** One statement sent to PostgreSQL, as a benchmark observer sees it (scripts/bench/work.ts). */
export type ObservedStatement = { sql: string; args: unknown[]; kind: "query" | "execute" | "begin" };
const OBSERVER = Symbol.for("anjung.sql-observer");
type Observer = (s: ObservedStatement) => void;

/**
 * Lets a benchmark see every round trip (shared through the global symbol registry, so an
 * observer installed by a script also sees the statements of the bundled server build).
 * Returns the function that removes it. Costs one property read per statement when unused.
 */
export function observeStatements(fn: Observer): () => void {
  const g = globalThis as { [OBSERVER]?: Observer };
  g[OBSERVER] = fn;
  return () => {
    if (g[OBSERVER] === fn) g[OBSERVER] = undefined;
  };
}

function observed(kind: ObservedStatement["kind"], query?: SqlQuery) {
  const fn = (globalThis as { [OBSERVER]?: Observer })[OBSERVER];
  if (fn) fn({ sql: query?.sql ?? kind.toUpperCase(), args: query?.args ?? [], kind });
}

const ENDS_TRANSACTION = /^\s*(COMMIT|ROLLBACK)\b(?!\s+TO\b)/i;

class SerialTransaction implements Transaction {
  readonly provider: Transaction["provider"];
  readonly adapterName: string;
  readonly options: Transaction["options"];
  #tail: Promise<unknown> = Promise.resolve();
  #ended: string | null = null;

  constructor(private readonly inner: Transaction) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    this.options = inner.options;
  }

  /** Queues `run` behind the statements already sent; refuses it once the transaction has ended. */
  #serial<T>(sql: string, run: () => Promise<T>): Promise<T> {
    if (this.#ended) {
      return Promise.reject(
        new DriverAdapterError({
          kind: "TransactionAlreadyClosed",
          cause: `Transaction already closed: a statement was sent after its ${this.#ended}.`,
        }),
      );
    }
    const m = ENDS_TRANSACTION.exec(sql);
    if (m) this.#ended = m[1].toUpperCase();
    const result = this.#tail.then(run, run);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    observed("query", query);
    return this.#serial(query.sql, () => this.inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    observed("execute", query);
    return this.#serial(query.sql, () => this.inner.executeRaw(query));
  }

  async commit(): Promise<void> {
    this.#ended ??= "COMMIT";
    await this.#tail;
    await this.inner.commit();
  }

  async rollback(): Promise<void> {
    this.#ended ??= "ROLLBACK";
    await this.#tail;
    await this.inner.rollback();
  }

  createSavepoint(name: string): Promise<void> {
    return this.#serial(`SAVEPOINT ${name}`, () => this.inner.createSavepoint!(name));
  }

  rollbackToSavepoint(name: string): Promise<void> {
    return this.#serial(`ROLLBACK TO SAVEPOINT ${name}`, () => this.inner.rollbackToSavepoint!(name));
  }

  releaseSavepoint(name: string): Promise<void> {
    return this.#serial(`RELEASE SAVEPOINT ${name}`, () => this.inner.releaseSavepoint!(name));
  }
}

class SerialTransactionsAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter["provider"];
  readonly adapterName: string;

  constructor(private readonly inner: SqlDriverAdapter) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery) {
    observed("query", query);
    return this.inner.queryRaw(query);
  }

  executeRaw(query: SqlQuery) {
    observed("execute", query);
    return this.inner.executeRaw(query);
  }

  executeScript(script: string) {
    return this.inner.executeScript(script);
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    // adapter-pg sends BEGIN (and SET TRANSACTION for an isolation level) itself; COMMIT comes through executeRaw
    observed("begin");
    if (isolationLevel) observed("begin");
    return new SerialTransaction(await this.inner.startTransaction(isolationLevel));
  }

  getConnectionInfo() {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: false };
  }

  dispose() {
    return this.inner.dispose();
  }
}

/** Wraps a driver adapter factory (PrismaPg) so that its transactions follow the rule above. */
export function serialTransactions<F extends SqlDriverAdapterFactory>(factory: F): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => new SerialTransactionsAdapter(await factory.connect()),
  };
}
