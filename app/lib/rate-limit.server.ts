/**
 * Fixed-window rate limiting in PostgreSQL, so every app process counts together.
 * One upsert per request: INSERT … ON CONFLICT DO UPDATE … RETURNING count.
 */
import { db } from "./db.server";

export type RateDecision = { allowed: boolean; limit: number; remaining: number; retryAfterSeconds: number };

export async function hit(key: string, limit: number, windowSeconds = 60, now = new Date()): Promise<RateDecision> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const rows = await db.$queryRaw<Array<{ count: number }>>`
    INSERT INTO "RateCounter" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateCounter"."count" + 1
    RETURNING "count"`;
  const count = Number(rows[0]?.count ?? 1);
  // now and then, forget windows older than an hour
  if (Math.random() < 0.01)
    await db.rateCounter.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - 3_600_000) } } });
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), retryAfterSeconds };
}
