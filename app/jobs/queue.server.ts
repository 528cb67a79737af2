/**
 * Adding background work. A job is a row in graphile-worker's table, inserted with SQL in
 * the same transaction as the change that causes it: if the change commits the job exists,
 * if it rolls back there is no job. The insert NOTIFYs the workers on commit, so an idle
 * worker starts at once. What each task does lives in its own file next to this one.
 */
import type { Tx } from "~/lib/db.server";

export type TaskName =
  | "search_index"
  | "search_producer"
  | "image_variants"
  | "registry_import"
  | "send_mail"
  | "order_holds"
  | "parcel_completion"
  | "lot_offer_deadlines"
  | "certificate_expiry"
  | "ladder_snapshot";

/** Lower runs first. What a person is waiting for goes before bulk work. */
export const PRIORITY = { interactive: 0, mail: 1, background: 5, bulk: 10 } as const;

export interface JobOptions {
  /** a pending job with the same key is replaced instead of a second one added */
  jobKey?: string;
  runAt?: Date;
  priority?: number;
  maxAttempts?: number;
}

export async function enqueue(tx: Tx, task: TaskName, payload: Record<string, unknown>, opts: JobOptions = {}) {
  await tx.$executeRaw`SELECT graphile_worker.add_job(
    ${task}::text,
    ${JSON.stringify(payload)}::json,
    run_at => ${opts.runAt ?? null}::timestamptz,
    max_attempts => ${opts.maxAttempts ?? null}::int,
    job_key => ${opts.jobKey ?? null}::text,
    priority => ${opts.priority ?? PRIORITY.background}::int)`;
}
