/**
 * Production capacity, the pure rules. A producer declares per product how many units it
 * makes a week or a month and its lead time (days before the first new units are ready).
 * What it can supply by a date is its stock plus what it makes between the end of the lead
 * time and that date. For a quote request Anjung adds up the producers' supply day by day:
 * when the quantity can be ready, and a schedule of partial shipments every two weeks.
 */
export type CapacityPeriod = "WEEK" | "MONTH";
export type Capacity = { unitsPerPeriod: number; period: CapacityPeriod; leadTimeDays: number };

const DAY = 86_400_000;
/** the longest schedule worth proposing */
export const HORIZON_DAYS = 365;
/** partial shipments leave this often */
export const SHIPMENT_EVERY_DAYS = 14;

export function perDay(c: Capacity) {
  return c.unitsPerPeriod / (c.period === "WEEK" ? 7 : 30);
}

/** Units made in the first `days` days from now (none during the lead time). */
export function madeWithin(c: Capacity | null, days: number) {
  if (!c || days <= c.leadTimeDays) return 0;
  return Math.floor((days - c.leadTimeDays) * perDay(c));
}

/** Whole days from `now` to `by` (0 when `by` is past). */
export function daysUntil(now: Date, by: Date) {
  return Math.max(0, Math.floor((by.getTime() - now.getTime()) / DAY));
}

/** What one producer can supply by `by`: its stock and what it makes until then. */
export function supplyBy(stock: number, c: Capacity | null, now: Date, by: Date | null) {
  return Math.max(0, stock) + (by ? madeWithin(c, daysUntil(now, by)) : 0);
}

export type Source = { stock: number; capacity: Capacity | null };
export type Shipment = { day: number; on: Date; units: number; cumulative: number };
export type Schedule = {
  quantity: number;
  /** the first day (from now) by which the whole quantity can be ready; null beyond the horizon */
  readyInDays: number | null;
  readyOn: Date | null;
  /** whether it is ready by the wanted date (true without one, when it can be made at all) */
  feasible: boolean;
  /** what is still missing on the wanted date (0 when feasible) */
  shortByWanted: number;
  shipments: Shipment[];
};

const readyAt = (sources: Source[], day: number) =>
  sources.reduce((s, x) => s + Math.max(0, x.stock) + madeWithin(x.capacity, day), 0);

/** When `quantity` can be ready from these producers, and partial shipments of what is ready. */
export function productionSchedule(sources: Source[], quantity: number, now: Date, wantedBy: Date | null): Schedule {
  // the smallest day whose supply covers the quantity (supply never falls as days pass)
  let lo = 0;
  let hi = HORIZON_DAYS;
  let readyInDays: number | null = null;
  if (readyAt(sources, hi) >= quantity) {
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (readyAt(sources, mid) >= quantity) hi = mid;
      else lo = mid + 1;
    }
    readyInDays = lo;
  }
  const shipments: Shipment[] = [];
  let shipped = 0;
  const last = readyInDays ?? HORIZON_DAYS;
  for (let day = 0; shipped < quantity; day += SHIPMENT_EVERY_DAYS) {
    const d = Math.min(day, last);
    const units = Math.min(quantity, readyAt(sources, d)) - shipped;
    if (units > 0) {
      shipped += units;
      shipments.push({ day: d, on: new Date(now.getTime() + d * DAY), units, cumulative: shipped });
    }
    if (d === last) break;
  }
  const wantedDays = wantedBy ? daysUntil(now, wantedBy) : null;
  const feasible = readyInDays !== null && (wantedDays === null || readyInDays <= wantedDays);
  return {
    quantity,
    readyInDays,
    readyOn: readyInDays === null ? null : new Date(now.getTime() + readyInDays * DAY),
    feasible,
    shortByWanted:
      wantedDays === null || feasible
        ? 0
        : Math.max(0, quantity - readyAt(sources, Math.min(wantedDays, HORIZON_DAYS))),
    shipments,
  };
}
