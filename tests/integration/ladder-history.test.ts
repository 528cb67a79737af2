/**
 * The naik kelas ladder over time (#21 item 6): monthly snapshots per producer (rewritten for
 * the current month, kept for past ones; several writers at once leave one row each), the
 * dashboard's live current month per kabupaten, facilitators' loads, and the CSV.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { ladderCsv, ladderImpact, LEVELS, snapshotLadders, wibMonth } from "~/domain/producers/ladder-history.server";
import { facilitatorLoads } from "~/domain/producers/facilitation.server";
import { createProducer, createUser } from "../helpers/fixtures";

async function verifyNib(producerId: string, nib: string, at: Date) {
  await db.certification.create({
    data: { producerId, type: "NIB", number: nib, issuer: "OSS RBA", issuedAt: at, status: "VERIFIED", verifiedAt: at },
  });
}

describe("ladder history", () => {
  it("snapshots each month once per producer, the current month live, per kabupaten and as CSV", async () => {
    const a = await createProducer({ regencyCode: "62.09" });
    const b = await createProducer({ regencyCode: "63.71" });
    const c = await createProducer({ regencyCode: "63.71" });
    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 15));
    await verifyNib(a.id, a.nib!, new Date(lastMonth.getTime() - 86_400_000));
    // last month: only a had its NIB verified
    expect(await snapshotLadders(lastMonth)).toBe(3);
    // this month b's NIB is verified too; five snapshot runs at once leave one row per producer
    await verifyNib(b.id, b.nib!, new Date());
    await db.$queryRaw`SELECT 1`;
    await Promise.all(Array.from({ length: 5 }, () => snapshotLadders()));
    expect(await db.ladderSnapshot.count({ where: { month: wibMonth() } })).toBe(3);
    expect(await db.ladderSnapshot.count()).toBe(6);

    // the current month is computed live: c's NIB verified after the snapshot already counts
    await verifyNib(c.id, c.nib!, new Date());
    const impact = await ladderImpact(12);
    expect(impact.now).toEqual([0, 3, 0, 0, 0, 0, 0, 0]);
    expect(impact.byMonth.map((m) => m.levels)).toEqual([
      [2, 1, 0, 0, 0, 0, 0, 0],
      [0, 3, 0, 0, 0, 0, 0, 0],
    ]);
    expect(impact.byRegency.find((r) => r.regencyCode === "63.71")!.levels.slice(0, 2)).toEqual([0, 2]);
    const csv = ladderCsv(impact).trim().split("\n");
    expect(csv[0]).toBe("month,regency_code,regency,highest_step,producers");
    expect(csv).toContain(`${impact.byMonth[0]!.month},,,none,2`);
    expect(csv.filter((l) => l.startsWith("now,63.71,")).find((l) => l.endsWith(",nib,2"))).toBeTruthy();
  });

  it("per kabupaten and per month, the levels add up to the producers counted", async () => {
    const impact = await ladderImpact(12);
    const total = impact.now.reduce((s, n) => s + n, 0);
    expect(impact.byRegency.reduce((s, r) => s + r.levels.reduce((x, n) => x + n, 0), 0)).toBe(total);
    expect(impact.byMonth.at(-1)!.levels).toEqual(impact.now);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: LEVELS - 1 }), (level) => {
        expect(impact.byRegency.reduce((s, r) => s + r.levels[level]!, 0)).toBe(impact.now[level]);
      }),
    );
  });

  it("each facilitator's load: caseload, open and overdue follow-ups, visits in 30 days", async () => {
    const f = await createUser({ roles: ["FACILITATOR"], name: "Bu Lina" });
    const p = await createProducer();
    await db.producer.update({ where: { id: p.id }, data: { facilitatorId: f.id } });
    const day = 86_400_000;
    await db.followUpTask.createMany({
      data: [
        { producerId: p.id, facilitatorId: f.id, dueOn: new Date(Date.now() - 3 * day) },
        { producerId: p.id, facilitatorId: f.id, dueOn: new Date(Date.now() + 5 * day) },
        { producerId: p.id, facilitatorId: f.id, dueOn: new Date(Date.now() - 9 * day), doneAt: new Date() },
      ],
    });
    await db.facilitatorVisit.createMany({
      data: [
        {
          producerId: p.id,
          facilitatorId: f.id,
          visitedOn: new Date(Date.now() - 2 * day),
          notes: "Visited the kitchen",
        },
        {
          producerId: p.id,
          facilitatorId: f.id,
          visitedOn: new Date(Date.now() - 60 * day),
          notes: "Called about halal",
        },
      ],
    });
    expect((await facilitatorLoads()).find((l) => l.id === f.id)).toEqual({
      id: f.id,
      name: "Bu Lina",
      caseload: 1,
      openFollowUps: 2,
      overdueFollowUps: 1,
      visits30d: 1,
    });
  });
});
