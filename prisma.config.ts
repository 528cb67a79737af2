// Prisma 6.19 runs offline here only through its WebAssembly schema engine with a
// driver adapter (see docs/decisions/001-prisma-wasm-engine.md).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";

/**
 * The pg adapter runs a migration by splitting it on every ";", which cuts a trigger function's
 * body ($$ … $$) into pieces. This one sends the script whole, as one simple query: PostgreSQL
 * parses it (dollar quotes included) and runs it as one implicit transaction, so a migration
 * that fails half-way leaves nothing behind.
 */
class PrismaPgWholeScripts extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const pool = adapter.underlyingDriver() as pg.Pool;
    adapter.executeScript = async (script: string) => {
      try {
        await pool.query(script);
      } catch (error) {
        // the adapter's own translation into the error the schema engine reports
        (adapter as unknown as { onError(e: unknown): never }).onError(error);
      }
    };
    return adapter;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => new PrismaPgWholeScripts({ connectionString: requireUrl() }),
});

function requireUrl() {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error("DATABASE_URL must be set for Prisma CLI commands (npm start sets it for the embedded database).");
  return url;
}
