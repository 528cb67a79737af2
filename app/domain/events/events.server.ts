/**
 * Events (Jambore, Expo UMKM) and what followed them. Staff create an event; at it, staff and
 * facilitators register UMKM (intake.server.ts). An event is judged by what follows for the
 * UMKM registered there: NIBs, halal and BPOM certificates verified from its first day on,
 * and first online sales, counted week by week (cumulative) from the day it started.
 */
import { stringify } from "csv-stringify/sync";
import { db } from "~/lib/db.server";
import { wibDayStart } from "~/lib/wib";
import { audit } from "../audit.server";
import type { EventInput } from "./schema";

const DAY = 86_400_000;

export async function createEvent(staffId: string, input: EventInput) {
  return db.$transaction(async (tx) => {
    const event = await tx.event.create({ data: { ...input, createdById: staffId } });
    await audit(tx, {
      actorId: staffId,
      action: "event.created",
      entityType: "Event",
      entityId: event.id,
      after: input,
    });
    return event;
  });
}

/** Events, newest first, each with how many UMKM were registered there. */
export async function eventList() {
  const events = await db.event.findMany({
    orderBy: { startsOn: "desc" },
    take: 100,
    include: { _count: { select: { intakes: true } } },
  });
  return events.map(({ _count, ...e }) => ({ ...e, registrations: _count.intakes }));
}

/** Events where registering makes sense now: running, coming within 30 days, or ended within 7. */
export async function openEvents(now = new Date()) {
  return db.event.findMany({
    where: {
      endsOn: { gte: new Date(now.getTime() - 7 * DAY) },
      startsOn: { lte: new Date(now.getTime() + 30 * DAY) },
    },
    orderBy: { startsOn: "asc" },
  });
}

export async function eventById(id: string) {
  return db.event.findUnique({ where: { id } });
}

/** The UMKM registered at an event, newest first, with who registered them and their follow-up. */
export async function eventIntakes(eventId: string) {
  return db.eventIntake.findMany({
    where: { eventId },
    orderBy: { createdAt: "desc" },
    take: 500,
    select: {
      id: true,
      createdAt: true,
      products: true,
      needs: true,
      matched: true,
      nibStatus: true,
      halalStatus: true,
      bpomStatus: true,
      producer: { select: { id: true, legalName: true, regencyCode: true, contactPhone: true, status: true } },
      registeredBy: { select: { name: true } },
      followUp: { select: { doneAt: true, facilitator: { select: { name: true } } } },
    },
  });
}

export type OutcomeWeek = {
  /** the Monday-less week number from the event's first day: 0 is the event's own week */
  week: number;
  from: string;
  registrations: number;
  nib: number;
  halal: number;
  bpom: number;
  firstSales: number;
};

export type EventOutcomes = {
  registrations: number;
  newProducers: number;
  nib: number;
  halal: number;
  bpom: number;
  firstSales: number;
  /** cumulative, week by week from the event's first day to today (at most 52 weeks) */
  weeks: OutcomeWeek[];
};

/** What followed an event for the UMKM registered there, or null for no such event. */
export async function eventOutcomes(eventId: string, now = new Date()): Promise<EventOutcomes | null> {
  const event = await db.event.findUnique({ where: { id: eventId }, select: { id: true, startsOn: true } });
  return event && outcomesOf(event, now);
}

/** What followed an event already read (3 queries, whatever the number of UMKM). */
export async function outcomesOf(event: { id: string; startsOn: Date }, now = new Date()): Promise<EventOutcomes> {
  const eventId = event.id;
  // an event's days are WIB days: its first day begins at 17:00 UTC the day before
  const since = wibDayStart(event.startsOn);
  const [intakes, certs, sales] = await Promise.all([
    db.eventIntake.findMany({ where: { eventId }, select: { producerId: true, createdAt: true, matched: true } }),
    db.certification.findMany({
      where: {
        producer: { intakes: { some: { eventId } } },
        type: { in: ["NIB", "HALAL", "BPOM_MD", "BPOM_ML"] },
        status: "VERIFIED",
        verifiedAt: { gte: since },
      },
      select: { producerId: true, type: true, verifiedAt: true },
    }),
    // each registered producer's first online sale, counted if it came on or after the event's first day
    db.ledgerEntry.groupBy({
      by: ["producerId"],
      where: { kind: "SALE_CREDIT", producer: { intakes: { some: { eventId } } } },
      _min: { createdAt: true },
    }),
  ]);
  const weekOf = (d: Date) => Math.max(0, Math.floor((d.getTime() - since.getTime()) / (7 * DAY)));
  const lastWeek = Math.min(51, weekOf(now));
  // a producer counts once per kind: its first verified certificate of that kind
  const firstOf = (types: string[]) => {
    const first = new Map<string, Date>();
    for (const c of certs)
      if (types.includes(c.type) && (!first.has(c.producerId) || c.verifiedAt! < first.get(c.producerId)!))
        first.set(c.producerId, c.verifiedAt!);
    return [...first.values()];
  };
  const series = {
    registrations: intakes.map((i) => i.createdAt),
    nib: firstOf(["NIB"]),
    halal: firstOf(["HALAL"]),
    bpom: firstOf(["BPOM_MD", "BPOM_ML"]),
    firstSales: sales.map((s) => s._min.createdAt!).filter((d) => d >= since),
  };
  const upTo = (dates: Date[], week: number) => dates.filter((d) => weekOf(d) <= week).length;
  const weeks: OutcomeWeek[] = [];
  for (let w = 0; w <= lastWeek; w++)
    weeks.push({
      week: w,
      from: new Date(event.startsOn.getTime() + w * 7 * DAY).toISOString().slice(0, 10),
      registrations: upTo(series.registrations, w),
      nib: upTo(series.nib, w),
      halal: upTo(series.halal, w),
      bpom: upTo(series.bpom, w),
      firstSales: upTo(series.firstSales, w),
    });
  return {
    registrations: intakes.length,
    newProducers: intakes.filter((i) => !i.matched).length,
    nib: series.nib.length,
    halal: series.halal.length,
    bpom: series.bpom.length,
    firstSales: series.firstSales.length,
    weeks,
  };
}

/** An event's outcomes as CSV: one row per week from its first day, cumulative counts. */
export async function eventOutcomesCsv(eventId: string, now = new Date()): Promise<string | null> {
  const o = await eventOutcomes(eventId, now);
  if (!o) return null;
  return stringify(
    o.weeks.map((w) => [w.from, w.registrations, w.nib, w.halal, w.bpom, w.firstSales]),
    {
      header: true,
      columns: ["week_from", "registrations", "nib_verified", "halal_verified", "bpom_verified", "first_sales"],
    },
  );
}

/** The latest events with their outcomes so far, for the impact dashboard. */
export async function recentEventOutcomes(limit = 10, now = new Date()) {
  const events = await db.event.findMany({ orderBy: { startsOn: "desc" }, take: limit });
  const outcomes = await Promise.all(events.map((e) => outcomesOf(e, now)));
  return events.map((e, i) => ({
    id: e.id,
    name: e.name,
    startsOn: e.startsOn.toISOString().slice(0, 10),
    ...outcomes[i]!,
  }));
}
