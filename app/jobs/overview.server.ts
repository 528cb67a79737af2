/**
 * What staff see of background work at /trade/jobs: counts and ages by task and state, the
 * jobs that failed (with their last error) or wait for a retry, what runs now and on which
 * worker, the schedules with their last run, the live workers, and imports in progress.
 * Staff can retry a failed or waiting job at once, or cancel one that is not running;
 * both are audited.
 */
import { db } from "~/lib/db.server";
import { audit } from "~/domain/audit.server";
import { schedules } from "./tasks.server";

import { JOB_STATES, type JobState } from "./states";

const STATE_SQL = `CASE
  WHEN locked_at IS NOT NULL THEN 'running'
  WHEN attempts >= max_attempts THEN 'failed'
  WHEN run_at > now() AND attempts > 0 THEN 'retrying'
  WHEN run_at > now() THEN 'scheduled'
  ELSE 'queued' END`;

export type JobRow = {
  id: bigint;
  task: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  runAt: Date;
  createdAt: Date;
  lockedAt: Date | null;
  lockedBy: string | null;
  key: string | null;
};

export async function jobsOverview() {
  const summary = await db.$queryRawUnsafe<Array<{ task: string; state: JobState; count: number; oldest: Date }>>(
    `SELECT task_identifier AS task, ${STATE_SQL} AS state, count(*)::int AS count,
       min(CASE WHEN locked_at IS NOT NULL THEN locked_at WHEN run_at <= now() THEN run_at ELSE created_at END) AS oldest
     FROM graphile_worker.jobs GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const attention = await db.$queryRawUnsafe<JobRow[]>(
    `SELECT id, task_identifier AS task, ${STATE_SQL} AS state, attempts, max_attempts AS "maxAttempts", last_error AS "lastError",
       run_at AS "runAt", created_at AS "createdAt", locked_at AS "lockedAt", locked_by AS "lockedBy", key
     FROM graphile_worker.jobs
     WHERE locked_at IS NOT NULL OR last_error IS NOT NULL
     ORDER BY (attempts >= max_attempts) DESC, updated_at DESC LIMIT 100`,
  );
  const cron = await db.$queryRaw<Array<{ identifier: string; lastExecution: Date | null }>>`
    SELECT identifier, last_execution AS "lastExecution" FROM graphile_worker._private_known_crontabs`;
  const lastRun = new Map(cron.map((c) => [c.identifier, c.lastExecution]));
  const workers = await db.workerHeartbeat.findMany({ orderBy: { startedAt: "asc" } });
  const imports = await db.importJob.findMany({
    where: {
      OR: [{ status: { in: ["PENDING", "RUNNING"] } }, { finishedAt: { gt: new Date(Date.now() - 86_400_000) } }],
    },
    orderBy: { createdAt: "desc" },
    take: 10,
    select: { id: true, fileName: true, status: true, total: true, processed: true, createdAt: true, error: true },
  });
  const totals = Object.fromEntries(
    JOB_STATES.map((s) => [s, summary.filter((r) => r.state === s).reduce((n, r) => n + r.count, 0)]),
  ) as Record<JobState, number>;
  return {
    totals,
    summary,
    attention,
    schedules: schedules.map((s) => ({ ...s, lastRun: lastRun.get(s.task) ?? null })),
    workers,
    imports,
  };
}

export class JobRefused extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

/** Runs a failed or waiting job now, with its attempts counted afresh. */
export async function retryJob(staffId: string, jobId: bigint) {
  return db.$transaction(async (tx) => {
    const [job] = await tx.$queryRaw<Array<{ task: string; attempts: number; lastError: string | null }>>`
      SELECT task_identifier AS task, attempts, last_error AS "lastError" FROM graphile_worker.jobs WHERE id = ${jobId}`;
    if (!job) throw new JobRefused("jobs.refused.gone");
    const moved = await tx.$queryRaw<Array<{ id: bigint }>>`
      SELECT id FROM graphile_worker.reschedule_jobs(ARRAY[${jobId}]::bigint[], run_at => now(), attempts => 0)`;
    if (moved.length === 0) throw new JobRefused("jobs.refused.running");
    await audit(tx, {
      actorId: staffId,
      action: "job.retried",
      entityType: "Job",
      entityId: String(jobId),
      before: { task: job.task, attempts: job.attempts, lastError: job.lastError },
    });
  });
}

/** Every failed job at once, e.g. after the mail server came back. Returns how many. */
export async function retryFailedJobs(staffId: string) {
  return db.$transaction(async (tx) => {
    const moved = await tx.$queryRaw<Array<{ id: bigint }>>`
      SELECT id FROM graphile_worker.reschedule_jobs(
        ARRAY(SELECT id FROM graphile_worker.jobs WHERE locked_at IS NULL AND attempts >= max_attempts),
        run_at => now(), attempts => 0)`;
    if (moved.length)
      await audit(tx, {
        actorId: staffId,
        action: "job.retried-all",
        entityType: "Job",
        entityId: "*",
        after: { count: moved.length },
      });
    return moved.length;
  });
}

/** Removes a job that is not running. Its work will not be done unless something adds it again. */
export async function cancelJob(staffId: string, jobId: bigint) {
  return db.$transaction(async (tx) => {
    const [job] = await tx.$queryRaw<Array<{ task: string; payload: unknown; attempts: number }>>`
      SELECT t.identifier AS task, j.payload, j.attempts FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE j.id = ${jobId}`;
    if (!job) throw new JobRefused("jobs.refused.gone");
    const removed = await tx.$queryRaw<
      Array<{ id: bigint }>
    >`SELECT id FROM graphile_worker.complete_jobs(ARRAY[${jobId}]::bigint[])`;
    if (removed.length === 0) throw new JobRefused("jobs.refused.running");
    await audit(tx, {
      actorId: staffId,
      action: "job.cancelled",
      entityType: "Job",
      entityId: String(jobId),
      before: { task: job.task, payload: JSON.stringify(job.payload), attempts: job.attempts },
    });
  });
}
