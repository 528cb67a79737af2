// Prisma 6.19 runs offline here only through its WebAssembly schema engine with a
// driver adapter (see docs/decisions/001-prisma-wasm-engine.md).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => new PrismaPg({ connectionString: requireUrl() }),
});

function requireUrl() {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error("DATABASE_URL must be set for Prisma CLI commands (npm start sets it for the embedded database).");
  return url;
}
