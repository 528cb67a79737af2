/**
 * The one Prisma client of this process (Prisma 6.19, WebAssembly query compiler with
 * the pg driver adapter, made safe for timed-out transactions by `serialTransactions`).
 * Created on first use so that tests can choose DATABASE_URL.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { serialTransactions } from "./db-adapter.server";
import { getEnv } from "./env.server";

type Holder = { url: string; client: PrismaClient };
const g = globalThis as unknown as { __anjungDb?: Holder };

export function getDb(): PrismaClient {
  const env = getEnv();
  if (g.__anjungDb && g.__anjungDb.url === env.DATABASE_URL) return g.__anjungDb.client;
  const adapter = new PrismaPg({
    connectionString: env.DATABASE_URL,
    max: env.DATABASE_POOL_SIZE,
    connectionTimeoutMillis: 5_000,
  });
  // transactions run their statements one at a time and nothing after their end (db-adapter.server.ts)
  const client = new PrismaClient({ adapter: serialTransactions(adapter) });
  g.__anjungDb = { url: env.DATABASE_URL, client };
  return client;
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
