/** What /healthz reports: is the database answering, is search answering, is background work behind. */
import { db } from "~/lib/db.server";
import { getMeili, indexName } from "../../search/client";

type Check = { status: "up" | "down"; latencyMs: number; error?: string };

async function timed(fn: () => Promise<unknown>): Promise<Check> {
  const start = performance.now();
  try {
    await fn();
    return { status: "up", latencyMs: Math.round(performance.now() - start) };
  } catch (err) {
    return {
      status: "down",
      latencyMs: Math.round(performance.now() - start),
      error: err instanceof Error ? err.message.split("\n")[0] : String(err),
    };
  }
}

export async function checkHealth() {
  let documents: number | undefined;
  let jobs: { due: number; failed: number } | undefined;
  const [database, search] = await Promise.all([
    timed(async () => {
      await db.$queryRaw`SELECT 1`;
      const [row] = await db.$queryRaw<Array<{ due: number; failed: number }>>`
        SELECT count(*) FILTER (WHERE attempts < max_attempts AND run_at <= now())::int AS due,
               count(*) FILTER (WHERE attempts >= max_attempts)::int AS failed
        FROM graphile_worker.jobs`;
      jobs = row;
    }),
    timed(async () => {
      const meili = getMeili();
      await meili.health();
      // a missing index (not prepared yet) is reported as no documents, not as search down
      documents = await meili
        .index(indexName("products"))
        .getStats()
        .then((s) => s.numberOfDocuments)
        .catch(() => 0);
    }),
  ]);
  const status = database.status === "down" ? "down" : search.status === "down" ? "degraded" : "ok";
  return {
    status,
    database,
    search: { ...search, documents },
    jobs,
    time: new Date().toISOString(),
  };
}
