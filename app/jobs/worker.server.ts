/**
 * The worker: graphile-worker running every task in tasks.server.ts, woken by LISTEN/NOTIFY
 * when a job is added, polling each second for retries and scheduled jobs. `npm start` runs
 * one inside the app process; `npm run worker` runs more, on any machine with the database.
 *
 * graphile-worker only frees the jobs of a worker that died (SIGKILL, power cut) after four
 * hours. Here each worker process keeps a heartbeat row listing its worker ids; every worker
 * sweeps for heartbeats older than WORKER_DEAD_AFTER_MS and unlocks the dead one's jobs, so
 * they run again within seconds. A job must therefore be safe to run twice (they all are).
 */
import crypto from "node:crypto";
import { EventEmitter } from "node:events";
import os from "node:os";
import {
  Logger,
  run,
  runOnce,
  type LogFunctionFactory,
  type Runner,
  type TaskList,
  type WorkerEvents,
} from "graphile-worker";
import pg from "pg";
import { db } from "~/lib/db.server";
import { getEnv } from "~/lib/env.server";
import { crontab, taskList } from "./tasks.server";

type Log = (line: string) => void;

function loggerFor(log: Log) {
  const factory: LogFunctionFactory = (scope) => (level, message) => {
    if (level === "error" || level === "warning")
      log(`${scope.taskIdentifier ? `${scope.taskIdentifier}: ` : ""}${message.split("\n")[0]}`);
  };
  return new Logger(factory);
}

export interface WorkerHandle {
  name: string;
  workerIds: () => string[];
  stop: () => Promise<void>;
  runner: Runner;
}

/** Marks dead workers' jobs free; returns how many dead workers were found. */
export async function rescueJobsOfDeadWorkers(deadAfterMs = getEnv().WORKER_DEAD_AFTER_MS) {
  const dead = await db.$queryRaw<Array<{ id: string; workerIds: string[] }>>`
    DELETE FROM "WorkerHeartbeat" WHERE "seenAt" < now() - make_interval(secs => ${deadAfterMs / 1000}::float8)
    RETURNING id, "workerIds"`;
  const ids = dead.flatMap((d) => d.workerIds);
  if (ids.length) await db.$executeRaw`SELECT graphile_worker.force_unlock_workers(${ids}::text[])`;
  return dead.length;
}

export async function startWorker(opts: {
  log: Log;
  name?: string;
  concurrency?: number;
  tasks?: TaskList;
  crontab?: string;
  pollInterval?: number;
}): Promise<WorkerHandle> {
  const env = getEnv();
  const name = opts.name ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  const concurrency = opts.concurrency ?? env.WORKER_CONCURRENCY;
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: concurrency + 3 });
  pool.on("error", (err) => opts.log(`worker pool: ${err.message}`));
  const ids = new Set<string>();
  const events: WorkerEvents = new EventEmitter();
  events.on("worker:create", ({ worker }) => ids.add(worker.workerId));
  await db.$executeRaw`INSERT INTO "WorkerHeartbeat" (id, "workerIds") VALUES (${name}, '{}') ON CONFLICT (id) DO UPDATE SET "seenAt" = now()`;
  const runner = await run({
    pgPool: pool,
    taskList: opts.tasks ?? (taskList as TaskList),
    crontab: opts.crontab ?? (opts.tasks ? "" : crontab),
    concurrency,
    noHandleSignals: true,
    pollInterval: opts.pollInterval ?? 1000,
    events,
    logger: loggerFor(opts.log),
  });
  const beatEvery = Math.max(200, Math.floor(env.WORKER_DEAD_AFTER_MS / 5));
  const beat = async () => {
    try {
      await db.$executeRaw`INSERT INTO "WorkerHeartbeat" (id, "workerIds", "seenAt") VALUES (${name}, ${[...ids]}::text[], now())
        ON CONFLICT (id) DO UPDATE SET "workerIds" = excluded."workerIds", "seenAt" = now()`;
      const rescued = await rescueJobsOfDeadWorkers(env.WORKER_DEAD_AFTER_MS);
      if (rescued) opts.log(`${rescued} dead worker(s) found; their jobs will run again`);
    } catch (err) {
      opts.log(`heartbeat: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
    }
  };
  await beat();
  const timer = setInterval(() => void beat(), beatEvery);
  let stopped = false;
  return {
    name,
    workerIds: () => [...ids],
    runner,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await runner.stop();
      await db.$executeRaw`DELETE FROM "WorkerHeartbeat" WHERE id = ${name}`.catch(() => undefined);
      await pool.end();
    },
  };
}

/**
 * Runs every job that is due now, one after another, until none is left (jobs added meanwhile
 * included), then returns how many ran. For scripts and tests; throws if a job failed.
 */
export async function drainJobs(opts: { tasks?: TaskList } = {}) {
  const pool = new pg.Pool({ connectionString: getEnv().DATABASE_URL, max: 2 });
  const events: WorkerEvents = new EventEmitter();
  let ran = 0;
  const failures: string[] = [];
  events.on("job:success", () => ran++);
  events.on("job:error", ({ job, error }) =>
    failures.push(`${job.task_identifier}: ${error instanceof Error ? error.message : String(error)}`),
  );
  try {
    await runOnce({
      pgPool: pool,
      taskList: opts.tasks ?? (taskList as TaskList),
      noHandleSignals: true,
      events,
      logger: loggerFor(() => undefined),
    });
  } finally {
    await pool.end();
  }
  if (failures.length) throw new Error(`${failures.length} job(s) failed: ${failures[0]}`);
  return ran;
}
