/** Reading graphile-worker's job table in tests. */
import { db } from "~/lib/db.server";

export type QueuedJob = {
  id: bigint;
  task: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  lockedBy: string | null;
  key: string | null;
};

export async function queuedJobs(task?: string): Promise<QueuedJob[]> {
  const rows = await db.$queryRaw<QueuedJob[]>`
    SELECT j.id, t.identifier AS task, j.payload, j.attempts, j.max_attempts AS "maxAttempts", j.last_error AS "lastError", j.locked_by AS "lockedBy", j.key
    FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id ORDER BY j.id`;
  return task ? rows.filter((r) => r.task === task) : rows;
}
