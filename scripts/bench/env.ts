/**
 * A throwaway PostgreSQL + Meilisearch for a benchmark run, in a temporary directory on
 * free loopback ports; process.env points the app at them. Never touches .data.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, ensureDatabase } from "../lib/postgres";
import { startEmbeddedMeili } from "../lib/meili";
import { freePort } from "../lib/ports";
import { migrateDeploy } from "../lib/prisma-cli";

export async function benchServices(name: string) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `anjung-bench-${name}-`));
  fs.chmodSync(root, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(root, "pg"), port: await freePort() });
  await ensureDatabase(pg.url("postgres"), "bench");
  await migrateDeploy(pg.url("bench"));
  const key = "bench-master-key-0123456789abcdef";
  const meili = await startEmbeddedMeili({
    dataDir: path.join(root, "meili"),
    binDir: path.resolve(".data", "bin"),
    port: await freePort(),
    masterKey: key,
  });
  Object.assign(process.env, {
    NODE_ENV: "production",
    DATABASE_URL: pg.url("bench"),
    DATABASE_POOL_SIZE: "20",
    MEILI_HOST: meili.host,
    MEILI_MASTER_KEY: key,
    MEILI_INDEX_PREFIX: "bench_",
    SESSION_SECRET: "bench-session-secret-0123456789",
    DATA_DIR: root,
  });
  return {
    root,
    async stop() {
      const { disconnectDb } = await import("../../app/lib/db.server");
      await disconnectDb();
      await meili.stop();
      await pg.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
