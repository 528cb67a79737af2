/**
 * The job queue itself, on the real PostgreSQL: several workers run each job once, a cron
 * schedule runs once per period however many workers run, a dead worker's jobs come back,
 * and staff see and steer the queue at /trade/jobs.
 */
import type { Task } from "graphile-worker";
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { enqueue } from "~/jobs/queue.server";
import { crontab } from "~/jobs/tasks.server";
import { drainJobs, startWorker } from "~/jobs/worker.server";
import * as jobsRoute from "~/routes/($lang).trade.jobs";
import { createUser, signedInCookie } from "../helpers/fixtures";
import { formRequest, getRequest, thrown, unwrap } from "../helpers/http";
import { queuedJobs } from "../helpers/jobs";
import { waitFor } from "../helpers/processes";

const quiet = () => undefined;

describe("the job queue", () => {
  it("two workers against one database run each of 400 jobs exactly once, and both take part", async () => {
    const runs = new Map<number, string[]>();
    const recorder =
      (name: string): Task =>
      async (payload) => {
        const n = (payload as { n: number }).n;
        runs.set(n, [...(runs.get(n) ?? []), name]);
        await new Promise((r) => setTimeout(r, 2));
      };
    await db.$transaction(async (tx) => {
      for (let n = 0; n < 400; n++) await enqueue(tx, "send_mail" as never, { n });
    });
    const workers = await Promise.all(
      ["a", "b"].map((name) =>
        startWorker({ log: quiet, name: `test-${name}`, concurrency: 4, tasks: { send_mail: recorder(name) } }),
      ),
    );
    try {
      expect(await waitFor(async () => (await queuedJobs()).length === 0, 60_000, 50)).toBe(true);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    expect(runs.size).toBe(400);
    expect([...runs.values()].filter((r) => r.length !== 1)).toEqual([]);
    const byWorker = [...runs.values()]
      .flat()
      .reduce<Record<string, number>>((acc, w) => ({ ...acc, [w]: (acc[w] ?? 0) + 1 }), {});
    expect(Object.keys(byWorker).sort()).toEqual(["a", "b"]);
  }, 90_000);

  it("a schedule runs once per period across three workers (the minutes missed while none ran included)", async () => {
    // the workers were down for ten minutes: each backfills the missed sweeps (up to five minutes back) at start
    await db.$executeRaw`INSERT INTO graphile_worker._private_known_crontabs (identifier, known_since, last_execution)
      VALUES ('order_holds', now() - interval '1 day', now() - interval '10 minutes')
      ON CONFLICT (identifier) DO UPDATE SET last_execution = excluded.last_execution`;
    const seen: Array<{ worker: string; ts: string }> = [];
    const record =
      (worker: string): Task =>
      async (payload) => {
        seen.push({ worker, ts: (payload as { _cron: { ts: string } })._cron.ts });
      };
    const workers = await Promise.all(
      ["x", "y", "z"].map((w) =>
        startWorker({
          log: quiet,
          name: `cron-${w}`,
          concurrency: 2,
          crontab,
          tasks: {
            order_holds: record(w),
            lot_offer_deadlines: async () => undefined,
            certificate_expiry: async () => undefined,
            ladder_snapshot: async () => undefined,
          },
        }),
      ),
    );
    try {
      expect(
        await waitFor(async () => seen.length >= 5 && (await queuedJobs("order_holds")).length === 0, 30_000, 100),
      ).toBe(true);
      await new Promise((r) => setTimeout(r, 1000)); // room for a duplicate to show up, were there one
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    const stamps = seen.map((s) => s.ts);
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(stamps.length).toBeGreaterThanOrEqual(5);
    expect(stamps.length).toBeLessThanOrEqual(6); // five missed minutes, and the current one if it turned meanwhile
  }, 60_000);

  it("a job that fails is retried with back-off and keeps its last error", async () => {
    await enqueue(db, "send_mail", { mailId: "does-not-matter" });
    await expect(
      drainJobs({ tasks: { send_mail: async () => Promise.reject(new Error("SMTP 421 try later")) } }),
    ).rejects.toThrow("SMTP 421 try later");
    const [job] = await queuedJobs("send_mail");
    expect(job).toMatchObject({ attempts: 1, lastError: expect.stringContaining("SMTP 421 try later") });
    const [{ wait }] = await db.$queryRaw<
      Array<{ wait: number }>
    >`SELECT extract(epoch FROM run_at - now())::float8 AS wait FROM graphile_worker.jobs WHERE id = ${job.id}`;
    expect(wait).toBeGreaterThan(1); // exp(1) ≈ 2.7 s after the first failure
    expect(await drainJobs({ tasks: { send_mail: async () => undefined } })).toBe(0); // not due yet
    await db.$executeRaw`SELECT graphile_worker.complete_jobs(ARRAY[${job.id}]::bigint[])`;
  });
});

describe("/trade/jobs", () => {
  it("is for staff only", async () => {
    for (const roles of [["BUYER"], ["PRODUCER"]] as const) {
      const cookie = await signedInCookie((await createUser({ roles: [...roles] })).id);
      expect(
        (await thrown(jobsRoute.loader({ request: getRequest("/trade/jobs", { cookie }), params: {}, context: {} })))
          .status,
      ).toBe(403);
      const res = await thrown(
        jobsRoute.action({
          request: formRequest("/trade/jobs", { intent: "retry-failed" }, { cookie }),
          params: {},
          context: {},
        }),
      );
      expect(res.status).toBe(403);
    }
  });

  it("shows counts, ages and the last error; staff retry a failed job and cancel a queued one, audited; a running job is refused", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const cookie = await signedInCookie(staff.id);
    // one failed for good, one queued, one running on a worker
    await enqueue(db, "send_mail", { mailId: "m-failed" }, { maxAttempts: 1 });
    await expect(
      drainJobs({ tasks: { send_mail: async () => Promise.reject(new Error("550 mailbox unavailable")) } }),
    ).rejects.toThrow();
    await enqueue(db, "image_variants", { imageId: "img-1" });
    await enqueue(db, "search_index", { productIds: ["p-running"] });
    await db.$executeRaw`UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'worker-busy', attempts = 1
      WHERE task_id = (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'search_index')`;
    const [failed] = await queuedJobs("send_mail");
    const [queued] = await queuedJobs("image_variants");
    const [running] = await queuedJobs("search_index");

    const page = unwrap(
      await jobsRoute.loader({ request: getRequest("/trade/jobs", { cookie }), params: {}, context: {} }),
    ).body as Awaited<ReturnType<typeof jobsRoute.loader>>;
    expect(page.totals).toMatchObject({ failed: 1, queued: 1, running: 1 });
    expect(page.attention.find((j) => j.id === failed.id)).toMatchObject({
      state: "failed",
      lastError: expect.stringContaining("550 mailbox unavailable"),
    });
    expect(page.attention.find((j) => j.id === running.id)).toMatchObject({
      state: "running",
      lockedBy: "worker-busy",
    });
    expect(page.schedules.map((s) => s.task)).toEqual([
      "order_holds",
      "parcel_completion",
      "lot_offer_deadlines",
      "certificate_expiry",
      "ladder_snapshot",
    ]);

    const post = (fields: Record<string, string>) =>
      jobsRoute.action({ request: formRequest("/trade/jobs", fields, { cookie }), params: {}, context: {} });
    expect(unwrap(await post({ intent: "retry", jobId: String(failed.id) })).headers.get("Location")).toBe(
      "/trade/jobs?retried=1",
    );
    expect((await queuedJobs("send_mail"))[0]).toMatchObject({ attempts: 0 });
    expect(
      await db.auditLog.count({ where: { action: "job.retried", entityId: String(failed.id), actorId: staff.id } }),
    ).toBe(1);

    expect(unwrap(await post({ intent: "cancel", jobId: String(queued.id) })).headers.get("Location")).toBe(
      "/trade/jobs?cancelled=1",
    );
    expect(await queuedJobs("image_variants")).toEqual([]);
    expect(await db.auditLog.count({ where: { action: "job.cancelled", entityId: String(queued.id) } })).toBe(1);

    const refused = unwrap(await post({ intent: "cancel", jobId: String(running.id) }));
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toContain("jobs.refused.running");
    expect(await queuedJobs("search_index")).toHaveLength(1);
    const gone = unwrap(await post({ intent: "retry", jobId: String(queued.id) }));
    expect(gone.status).toBe(409);
    expect(JSON.stringify(gone.body)).toContain("jobs.refused.gone");
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
  });
});
