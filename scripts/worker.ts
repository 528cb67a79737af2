/**
 * `npm run worker`: the outbox worker on its own (search index, image variants, imports,
 * expiry sweeps), for running several next to stateless app processes. Workers claim
 * events with FOR UPDATE SKIP LOCKED, so any number can run against one database.
 * Needs DATABASE_URL, MEILI_HOST, MEILI_MASTER_KEY (and SESSION_SECRET for the env check).
 */
import { startOutboxWorker } from "../search/worker";
import { disconnectDb } from "../app/lib/db.server";
const name = process.env.WORKER_NAME ?? `worker-${process.pid}`;
const stop = startOutboxWorker({ log: (s) => console.log(`${name}: ${s}`), intervalMs: Number(process.env.WORKER_INTERVAL_MS ?? 1000) });
console.log(`${name}: READY`);
const shutdown = async () => {
  await stop();
  await disconnectDb();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
