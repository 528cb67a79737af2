/**
 * The one Prisma client of this process (Prisma 6.19, WebAssembly query compiler with
 * the pg driver adapter, made safe for timed-out transactions by `serialTransactions`).
 * Created on first use so that tests can choose DATABASE_URL.
 */
import crypto from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { serialTransactions } from "./db-adapter.server";
import { getEnv } from "./env.server";

type Holder = { url: string; client: PrismaClient };
const g = globalThis as unknown as { __anjungDb?: Holder };

export function getDb(): PrismaClient {
  const env = getEnv();
  if (g.__anjungDb && g.__anjungDb.url === env.DATABASE_URL) return g.__anjungDb.client;
  const adapter = new PrismaPg(
    { connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE, connectionTimeoutMillis: 5_000 },
    { statementNameGenerator: statementName },
  );
  // transactions run their statements one at a time and nothing after their end (db-adapter.server.ts)
  const client = new PrismaClient({ adapter: serialTransactions(adapter) });
  g.__anjungDb = { url: env.DATABASE_URL, client };
  return client;
}

/**
 * Named (prepared) statements: each connection parses a statement once and PostgreSQL may keep
 * its plan, instead of parsing and planning Prisma's large lateral-join queries on every call
 * (planning was most of a product page's query time). The name is a digest of the SQL text;
 * statements with many parameters (bulk writes, long IN lists) stay unnamed so a connection
 * does not collect one prepared statement per list length.
 */
function statementName(query: { sql: string; args: unknown[] }): string {
  if (query.args.length > 32) return ""; // pg sends an unnamed statement for an empty name
  return `p${crypto.createHash("sha1").update(query.sql).digest("base64url").slice(0, 22)}`;
}

/** Closes the client (shutdown, end of a test file). */
export async function disconnectDb() {
  const holder = g.__anjungDb;
  g.__anjungDb = undefined;
  if (holder) await holder.client.$disconnect();
}

/** `db.product.findMany(...)` reads like Prisma everywhere while staying lazy. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getDb();
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export { Prisma } from "~/generated/prisma/client";
export type { PrismaClient };
/** A transaction client or the root client: domain functions accept either. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0] | PrismaClient;
