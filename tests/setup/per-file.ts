/**
 * Per test file: a fresh database cloned from the migrated template (milliseconds),
 * a Meilisearch index prefix of its own, and a stray console.error fails the test.
 */
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeEach, inject, vi } from "vitest";

const id = crypto.randomBytes(5).toString("hex");
const dbName = `t_${id}`;
const adminUrl = inject("pgAdminUrl");
const template = inject("pgTemplateDb");

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE "${dbName}" TEMPLATE "${template}"`);
await admin.end();

const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
process.env.NODE_ENV = "test";
process.env.DATABASE_URL = url.toString();
process.env.DATABASE_POOL_SIZE = "5";
process.env.MEILI_HOST = inject("meiliHost");
process.env.MEILI_MASTER_KEY = inject("meiliKey");
process.env.MEILI_INDEX_PREFIX = `t${id}_`;
process.env.SESSION_SECRET = "test-session-secret-0123456789";
process.env.APP_URL = "http://localhost:3999";

beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error was called: ${args.map(String).join(" ")}`);
  });
});

afterAll(async () => {
  const { disconnectDb } = await import("../../app/lib/db.server");
  await disconnectDb();
  const { getMeili } = await import("../../search/client");
  const meili = getMeili();
  const { results } = await meili.getIndexes({ limit: 1000 });
  // enqueue the deletions without waiting: behind a fault suite's thousands of documents, waiting for
  // them ran past the client's 5 s default and failed a suite whose tests had all passed
  for (const index of results) if (index.uid.startsWith(`t${id}_`)) await meili.deleteIndex(index.uid);
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await c.end();
});
