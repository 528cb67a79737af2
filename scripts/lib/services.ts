/**
 * Starts what Anjung needs on its embedded defaults: PostgreSQL when DATABASE_URL is
 * unset, Meilisearch when MEILI_HOST is unset, and a session secret kept under DATA_DIR.
 * Fills process.env so the app reads one configuration either way.
 */
import fs from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres, ensureDatabase, type EmbeddedPg } from "./postgres";
import { startEmbeddedMeili, loadOrCreateKey, type EmbeddedMeili } from "./meili";
import { migrateDeploy } from "./prisma-cli";

export interface Services {
  stop(): Promise<void>;
  embeddedPg?: EmbeddedPg;
  embeddedMeili?: EmbeddedMeili;
}

export function dataDir(): string {
  return path.resolve(process.env.DATA_DIR ?? ".data");
}

export async function startServices(opts: { log: (s: string) => void; migrate?: boolean }): Promise<Services> {
  const dir = dataDir();
  fs.mkdirSync(dir, { recursive: true });
  const services: Services = { async stop() {} };
  const stops: Array<() => Promise<void>> = [];
  services.stop = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };

  try {
    if (!process.env.SESSION_SECRET) {
      process.env.SESSION_SECRET = loadOrCreateKey(path.join(dir, "session-secret"));
    }

    if (!process.env.DATABASE_URL) {
      const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
      opts.log(`starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${path.join(dir, "postgres")})`);
      const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, "postgres"), port, notice: opts.log });
      stops.push(() => pg.stop());
      services.embeddedPg = pg;
      await ensureDatabase(pg.url("postgres"), "anjung");
      process.env.DATABASE_URL = pg.url("anjung");
    }

    if (opts.migrate !== false) {
      opts.log("applying database migrations");
      await migrateDeploy(process.env.DATABASE_URL!);
    }

    if (!process.env.MEILI_HOST) {
      const port = Number(process.env.EMBEDDED_MEILI_PORT ?? 7701);
      opts.log(`starting embedded Meilisearch on 127.0.0.1:${port} (data in ${path.join(dir, "meili")})`);
      const meili = await startEmbeddedMeili({
        dataDir: path.join(dir, "meili"),
        binDir: path.join(dir, "bin"),
        port,
        masterKey: loadOrCreateKey(path.join(dir, "meili-master-key")),
        notice: opts.log,
      });
      stops.push(() => meili.stop());
      services.embeddedMeili = meili;
      process.env.MEILI_HOST = meili.host;
      process.env.MEILI_MASTER_KEY = meili.masterKey;
    }
  } catch (err) {
    await services.stop();
    throw err;
  }
  return services;
}
