/**
 * `npm run worker`: one more job worker (search index, image variants, imports, mail,
 * scheduled sweeps), for running next to stateless app processes, on any machine that
 * reaches the database. Any number can run against one database: graphile-worker hands
 * each job to one of them, and cron entries run once per period across all of them.
 * Needs DATABASE_URL, MEILI_HOST, MEILI_MASTER_KEY (and SESSION_SECRET for the env check);
 * MAIL_URL to deliver mail.
 */
import { startWorker } from "../app/jobs/worker.server";
import { disconnectDb } from "../app/lib/db.server";

const name = process.env.WORKER_NAME;
const log = (s: string) => console.log(`${name ?? "worker"}: ${s}`);
const worker = await startWorker({ log, name, pollInterval: Number(process.env.WORKER_POLL_MS ?? 1000) });
log(`READY ${worker.name}`);
const shutdown = async () => {
  await worker.stop();
  await disconnectDb();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
