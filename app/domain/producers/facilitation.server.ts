/**
 * Facilitators (pendamping): staff give each producer at most one facilitator, and each
 * facilitator a caseload. A facilitator sees its caseload with each producer's naik kelas
 * ladder, keeps dated visit notes with next steps, and can act for a producer of its caseload
 * in the producer portal (drafts, certificate scans, lot offers; never publishing, orders or
 * the profile), every such action audited as by the facilitator for that producer
 * (lib/acting.server.ts). Nothing here reaches beyond the caseload.
 */
import { db } from "~/lib/db.server";
import { wibToday } from "~/lib/wib";
import { audit } from "../audit.server";
import { laddersOf } from "./ladder.server";

export class FacilitationRefused extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

/** The accounts staff may assign: those with the FACILITATOR role, with their caseload size. */
export async function facilitators() {
  const users = await db.user.findMany({
    where: { roles: { has: "FACILITATOR" } },
    orderBy: { name: "asc" },
    select: { id: true, name: true, email: true, _count: { select: { caseload: true } } },
  });
  return users.map((u) => ({ id: u.id, name: u.name, email: u.email, caseload: u._count.caseload }));
}

/** Staff assign a producer to a facilitator (or take it away with null), audited. */
export async function assignFacilitator(staffId: string, producerId: string, facilitatorId: string | null) {
  return db.$transaction(async (tx) => {
    const before = await tx.producer.findUnique({ where: { id: producerId }, select: { facilitatorId: true } });
    if (!before) return false;
    if (facilitatorId) {
      const f = await tx.user.findUnique({ where: { id: facilitatorId }, select: { roles: true } });
      if (!f?.roles.includes("FACILITATOR")) throw new FacilitationRefused("facilitation.refused.notFacilitator");
    }
    await tx.producer.update({ where: { id: producerId }, data: { facilitatorId } });
    // a facilitator taken off a producer stops acting for it at once
    if (before.facilitatorId && before.facilitatorId !== facilitatorId)
      await tx.session.updateMany({
        where: { userId: before.facilitatorId, actingProducerId: producerId },
        data: { actingProducerId: null },
      });
    await audit(tx, {
      actorId: staffId,
      action: "producer.facilitator",
      entityType: "Producer",
      entityId: producerId,
      before: { facilitatorId: before.facilitatorId },
      after: { facilitatorId },
    });
    return true;
  });
}

/** A facilitator's producers, each with its ladder and its last visit. */
export async function caseload(facilitatorId: string) {
  const producers = await db.producer.findMany({
    where: { facilitatorId },
    orderBy: { legalName: "asc" },
    select: {
      id: true,
      legalName: true,
      regencyCode: true,
      scale: true,
      status: true,
      contactPhone: true,
      visits: { orderBy: { visitedOn: "desc" }, take: 1, select: { visitedOn: true, nextSteps: true } },
    },
  });
  const ladders = await laddersOf(producers.map((p) => p.id));
  return producers.map((p) => ({ ...p, lastVisit: p.visits[0] ?? null, ladder: ladders.get(p.id)! }));
}

/** A producer of this facilitator's caseload, or null (never another's). */
export async function caseProducer(facilitatorId: string, producerId: string) {
  return db.producer.findFirst({ where: { id: producerId, facilitatorId } });
}

export type VisitInput = { visitedOn: Date; notes: string; nextSteps: string | null };

/** A dated visit note with next steps, on a producer of the caseload only. */
export async function recordVisit(facilitatorId: string, producerId: string, input: VisitInput) {
  return db.$transaction(async (tx) => {
    const p = await tx.producer.findFirst({ where: { id: producerId, facilitatorId }, select: { id: true } });
    if (!p) return null;
    const visit = await tx.facilitatorVisit.create({ data: { producerId, facilitatorId, ...input } });
    await audit(tx, {
      actorId: facilitatorId,
      action: "producer.visit",
      entityType: "Producer",
      entityId: producerId,
      after: { visitedOn: input.visitedOn.toISOString().slice(0, 10) },
    });
    return visit;
  });
}

export async function visitsOf(producerId: string) {
  return db.facilitatorVisit.findMany({
    where: { producerId },
    orderBy: [{ visitedOn: "desc" }, { createdAt: "desc" }],
    take: 50,
    select: { id: true, visitedOn: true, notes: true, nextSteps: true, facilitator: { select: { name: true } } },
  });
}

/**
 * The facilitator starts acting for a producer of its caseload in this session (or stops, with
 * null). Checked again on every page it opens (lib/producer-access.server.ts).
 */
export async function actFor(facilitatorId: string, sessionId: string, producerId: string | null) {
  return db.$transaction(async (tx) => {
    if (producerId) {
      const p = await tx.producer.findFirst({ where: { id: producerId, facilitatorId }, select: { id: true } });
      if (!p) return false;
    }
    const moved = await tx.session.updateMany({
      where: { id: sessionId, userId: facilitatorId },
      data: { actingProducerId: producerId },
    });
    if (moved.count !== 1) return false;
    if (producerId)
      await audit(tx, {
        actorId: facilitatorId,
        action: "producer.acting",
        entityType: "Producer",
        entityId: producerId,
      });
    return true;
  });
}

/** The producer this facilitator's session acts for, if it is still in its caseload. */
export async function actingProducer(facilitatorId: string, sessionId: string) {
  const s = await db.session.findFirst({
    where: { id: sessionId, userId: facilitatorId },
    select: { actingProducerId: true },
  });
  if (!s?.actingProducerId) return null;
  return db.producer.findFirst({ where: { id: s.actingProducerId, facilitatorId } });
}

/** Each facilitator's load, for the impact dashboard: caseload, follow-ups open and overdue, visits in the last 30 days. */
export async function facilitatorLoads(now = new Date()) {
  const today = wibToday(now);
  const [people, open, overdue, visits] = await Promise.all([
    facilitators(),
    db.followUpTask.groupBy({ by: ["facilitatorId"], where: { doneAt: null }, _count: { _all: true } }),
    db.followUpTask.groupBy({
      by: ["facilitatorId"],
      where: { doneAt: null, dueOn: { lt: today } },
      _count: { _all: true },
    }),
    db.facilitatorVisit.groupBy({
      by: ["facilitatorId"],
      where: { visitedOn: { gte: new Date(today.getTime() - 30 * 86_400_000) } },
      _count: { _all: true },
    }),
  ]);
  const of = (rows: Array<{ facilitatorId: string | null; _count: { _all: number } }>, id: string) =>
    rows.find((r) => r.facilitatorId === id)?._count._all ?? 0;
  return people.map((f) => ({
    id: f.id,
    name: f.name,
    caseload: f.caseload,
    openFollowUps: of(open, f.id),
    overdueFollowUps: of(overdue, f.id),
    visits30d: of(visits, f.id),
  }));
}
