/**
 * `npm run db:migration -- <name>`: authors the next migration offline. `prisma migrate
 * dev` does not work through the driver adapter here, so the SQL is the diff between the
 * schema as last committed (git HEAD) and prisma/schema.prisma, computed against a
 * throwaway embedded PostgreSQL. Review the SQL, then `npm start` (or migrate deploy)
 * applies it.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "./lib/postgres";
import { freePort } from "./lib/ports";
import { runPrisma } from "./lib/prisma-cli";

async function main() {
  const name = (process.argv[2] ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/^_|_$/g, "");
  if (!name) {
    console.error("usage: npm run db:migration -- <name>   (e.g. add_producer_capacity)");
    process.exit(2);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "anjung-migration-"));
  fs.chmodSync(tmp, 0o755);
  let from: string[];
  try {
    const committed = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    fs.writeFileSync(path.join(tmp, "committed.prisma"), committed);
    from = ["--from-schema-datamodel", path.join(tmp, "committed.prisma")];
  } catch {
    from = ["--from-empty"];
  }
  const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), port: await freePort() });
  try {
    const out = await runPrisma(
      ["migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
      pg.url("postgres"),
    );
    const start = out.search(/^-- /m);
    const sql = start >= 0 ? out.slice(start).trim() : "";
    if (!sql || /This is an empty migration/.test(sql)) {
      console.log("schema.prisma matches the committed schema: no migration needed");
      return;
    }
    const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
    const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), sql + "\n");
    console.log(`wrote ${dir}/migration.sql — review it, then commit it with schema.prisma`);
  } finally {
    await pg.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
