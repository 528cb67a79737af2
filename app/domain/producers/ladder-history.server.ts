/**
 * The naik kelas ladder over time, for the impact dashboard: how many producers stand on
 * each step, per kabupaten and per month. A month's figures are kept as a snapshot per
 * producer (the ladder_snapshot job rewrites the current month daily; past months stay as
 * they were); the current month is always computed live, so the dashboard never waits for
 * the job. Level 0 is "no step yet"; level k means steps 1…k are behind it.
 */
import { stringify } from "csv-stringify/sync";
import { db } from "~/lib/db.server";
import { wibMonth } from "~/lib/wib";
import { regencyLabel } from "../regions";
import { LADDER } from "./ladder";
import { laddersOf } from "./ladder.server";

const BATCH = 1000;
export const LEVELS = LADDER.length + 1;

export { wibMonth };

/** Every producer's level now, with its kabupaten (7 grouped queries per thousand producers). */
async function currentLevels(now: Date) {
  const out: Array<{ producerId: string; regencyCode: string; reached: number }> = [];
  let cursor: string | undefined;
  for (;;) {
    const producers = await db.producer.findMany({
      orderBy: { id: "asc" },
      take: BATCH,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      select: { id: true, regencyCode: true },
    });
    if (producers.length === 0) break;
    const ladders = await laddersOf(
      producers.map((p) => p.id),
      now,
    );
    for (const p of producers)
      out.push({ producerId: p.id, regencyCode: p.regencyCode, reached: ladders.get(p.id)?.reached ?? 0 });
    cursor = producers.at(-1)!.id;
    if (producers.length < BATCH) break;
  }
  return out;
}

/** Writes this month's snapshot (the ladder_snapshot job, daily); returns how many producers it holds. */
export async function snapshotLadders(now = new Date()) {
  const month = wibMonth(now);
  const rows = await currentLevels(now);
  for (let i = 0; i < rows.length; i += BATCH) {
    const part = rows.slice(i, i + BATCH);
    await db.$executeRaw`
      INSERT INTO "LadderSnapshot" ("month", "producerId", "regencyCode", "reached", "updatedAt")
      SELECT ${month}::date, p, r, l, now()
        FROM unnest(${part.map((x) => x.producerId)}::text[], ${part.map((x) => x.regencyCode)}::text[], ${part.map((x) => x.reached)}::int[]) AS t(p, r, l)
      ON CONFLICT ("month", "producerId") DO UPDATE
        SET "regencyCode" = EXCLUDED."regencyCode", "reached" = EXCLUDED."reached", "updatedAt" = now()`;
  }
  return rows.length;
}

export type LadderImpact = {
  /** producers per level now */
  now: number[];
  /** per kabupaten, producers per level now */
  byRegency: Array<{ regencyCode: string; regency: string; levels: number[] }>;
  /** per month (oldest first), producers per level; the current month live */
  byMonth: Array<{ month: string; levels: number[] }>;
};

const empty = () => Array.from({ length: LEVELS }, () => 0);

export async function ladderImpact(months = 12, now = new Date()): Promise<LadderImpact> {
  const month = wibMonth(now);
  const since = wibMonth(now, months - 1);
  const [live, past] = await Promise.all([
    currentLevels(now),
    db.$queryRaw<Array<{ month: Date; reached: number; producers: bigint }>>`
      SELECT "month", "reached", COUNT(*)::bigint AS producers FROM "LadderSnapshot"
       WHERE "month" >= ${since}::date AND "month" < ${month}::date GROUP BY 1, 2 ORDER BY 1`,
  ]);
  const totals = empty();
  const regions = new Map<string, number[]>();
  for (const r of live) {
    totals[r.reached]! += 1;
    const levels = regions.get(r.regencyCode) ?? empty();
    levels[r.reached]! += 1;
    regions.set(r.regencyCode, levels);
  }
  const history = new Map<string, number[]>();
  for (const p of past) {
    const key = p.month.toISOString().slice(0, 7);
    const levels = history.get(key) ?? empty();
    levels[p.reached] = Number(p.producers);
    history.set(key, levels);
  }
  history.set(month.toISOString().slice(0, 7), totals);
  return {
    now: totals,
    byRegency: [...regions]
      .map(([regencyCode, levels]) => ({ regencyCode, regency: regencyLabel(regencyCode), levels }))
      .sort((a, b) => a.regency.localeCompare(b.regency)),
    byMonth: [...history].sort(([a], [b]) => a.localeCompare(b)).map(([m, levels]) => ({ month: m, levels })),
  };
}

/** The level's name in the CSV: "none", or the highest step reached. */
export const levelKey = (level: number) => (level === 0 ? "none" : LADDER[level - 1]!);

/** Producers per level, per kabupaten now and per month, as CSV. */
export function ladderCsv(impact: LadderImpact) {
  const rows: Array<Array<string | number>> = [];
  for (const r of impact.byRegency)
    r.levels.forEach((n, level) => rows.push(["now", r.regencyCode, r.regency, levelKey(level), n]));
  for (const m of impact.byMonth) m.levels.forEach((n, level) => rows.push([m.month, "", "", levelKey(level), n]));
  return stringify(rows, { header: true, columns: ["month", "regency_code", "regency", "highest_step", "producers"] });
}
