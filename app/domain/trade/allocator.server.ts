/**
 * How an export lot is allocated: given the lot's target and the eligible offers (one per
 * producer and variant: what it can supply now and its minimum batch), propose how much
 * each producer supplies. Pure: no database, no clock (the caller passes `now`).
 *
 * 1. Pickup points: kabupaten/kota are taken in order of how much preferred supply they
 *    hold (capacity weighted by preference) until their capacity covers the target, so
 *    the trucks stop in as few places as the target allows.
 * 2. Fair shares: inside the chosen kabupaten, volume is "water-filled": every producer
 *    gets the same weighted level, capped by its capacity and raised to its minimum
 *    batch. The weight prefers the smallest producers (mikro 1.5, kecil 1.2, menengah
 *    1.0) and those with less recent trade (up to ×2 for a year or more without a lot).
 * 3. Exact fill: shares are rounded down and the remaining units go, one each, to the
 *    largest remainders, so the total equals the target whenever the capacity allows.
 *    When more producers are in than the target can give a minimum batch to, the least
 *    preferred one steps out and the shares are computed again.
 * 4. Every allocation and every offer left out carries its reason (a locale key and its
 *    values) for staff to read; an impossible target says how much is missing and why.
 */

export type Scale = "MIKRO" | "KECIL" | "MENENGAH";

export type Offer = {
  producerId: string;
  variantId: string;
  producerName: string;
  regencyCode: string;
  scale: Scale;
  /** units it can supply for this lot now */
  capacity: number;
  /** the smallest quantity worth its while (its minimum order) */
  minBatch: number;
  /** when it last supplied a lot (null: never) */
  lastTradeAt: Date | null;
};

export type Reason = { key: string; params: Record<string, string | number> };
export type Allocation = { producerId: string; variantId: string; quantity: number; reason: Reason };
export type Exclusion = { producerId: string; variantId: string; reason: Reason };
export type AllocationPlan = {
  target: number;
  total: number;
  shortfall: number;
  allocations: Allocation[];
  excluded: Exclusion[];
  pickupPoints: string[];
  summary: Reason;
};

const SCALE_WEIGHT: Record<Scale, number> = { MIKRO: 1.5, KECIL: 1.2, MENENGAH: 1.0 };
/** Pickup points are added until their supply is this much above the target, so fair shares have room. */
const COVER = 1.25;
const DAY = 86_400_000;

export function daysSinceTrade(o: Pick<Offer, "lastTradeAt">, now: Date): number | null {
  return o.lastTradeAt ? Math.max(0, Math.floor((now.getTime() - o.lastTradeAt.getTime()) / DAY)) : null;
}

/** How strongly an offer is preferred: small producers and those without recent trade first. */
export function preference(o: Pick<Offer, "scale" | "lastTradeAt">, now: Date): number {
  const days = daysSinceTrade(o, now);
  const recency = 1 + Math.min(days ?? 365, 365) / 365;
  return SCALE_WEIGHT[o.scale] * recency;
}

const byCodeUnit = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

type Active = Offer & { weight: number; lo: number; hi: number };

/**
 * Weighted water-filling with bounds: real shares q_i = clamp(w_i·λ, lo_i, hi_i) summing to the target.
 * The sum is piecewise linear in λ, bending where a share leaves its minimum (λ = lo_i/w_i) or
 * reaches its capacity (λ = hi_i/w_i): one sorted sweep over those points finds λ exactly.
 */
function waterFill(active: Active[], target: number): number[] {
  const n = active.length;
  const at = new Float64Array(2 * n);
  const delta = new Float64Array(2 * n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const a = active[i];
    total += a.lo;
    at[2 * i] = a.lo / a.weight;
    delta[2 * i] = a.weight;
    at[2 * i + 1] = a.hi / a.weight;
    delta[2 * i + 1] = -a.weight;
  }
  const order = Array.from({ length: 2 * n }, (_, k) => k).sort((x, y) => at[x] - at[y]);
  let lambda = 0;
  let slope = 0;
  for (const k of order) {
    const next = total + slope * (at[k] - lambda);
    if (next >= target && slope > 0) break;
    total = next;
    lambda = at[k];
    slope += delta[k];
  }
  if (slope > 0 && total < target) lambda += (target - total) / slope;
  return active.map((a) => Math.min(a.hi, Math.max(a.lo, a.weight * lambda)));
}

/** Whole units: floors, then one more unit each to the largest remainders until the target is met. */
function roundShares(active: Active[], shares: number[], target: number): number[] {
  const q = shares.map((x, i) => Math.min(active[i].hi, Math.floor(x + 1e-9)));
  let missing = target - q.reduce((s, x) => s + x, 0);
  const order = shares
    .map((x, i) => ({ i, frac: x - Math.floor(x + 1e-9), weight: active[i].weight }))
    .sort((a, b) => b.frac - a.frac || b.weight - a.weight || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    if (q[i] < active[i].hi) {
      q[i]++;
      missing--;
    }
  }
  return q;
}

export function allocate(target: number, offers: Offer[], now: Date): AllocationPlan {
  const excluded: Exclusion[] = [];
  const usable: Active[] = [];
  for (const o of offers) {
    if (o.capacity < Math.max(1, o.minBatch)) {
      excluded.push({
        producerId: o.producerId,
        variantId: o.variantId,
        reason: {
          key: "allocator.excluded.capacity",
          params: { name: o.producerName, capacity: o.capacity, minBatch: o.minBatch },
        },
      });
      continue;
    }
    usable.push({ ...o, weight: preference(o, now), lo: Math.max(1, o.minBatch), hi: o.capacity });
  }

  // 1. pickup points: kabupaten by weighted capacity, until the target is covered
  const byRegency = new Map<string, Active[]>();
  for (const a of usable) {
    const list = byRegency.get(a.regencyCode);
    if (list) list.push(a);
    else byRegency.set(a.regencyCode, [a]);
  }
  const regencies = [...byRegency.entries()]
    .map(([code, list]) => ({
      code,
      capacity: list.reduce((s, a) => s + a.hi, 0),
      score: list.reduce((s, a) => s + a.hi * a.weight, 0),
    }))
    .sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
  const chosen: string[] = [];
  let covered = 0;
  for (const r of regencies) {
    if (covered >= target * COVER) break;
    chosen.push(r.code);
    covered += r.capacity;
  }
  const chosenSet = new Set(chosen);
  const active = usable.filter((a) => chosenSet.has(a.regencyCode));
  for (const a of usable.filter((x) => !chosenSet.has(x.regencyCode))) {
    excluded.push({
      producerId: a.producerId,
      variantId: a.variantId,
      reason: { key: "allocator.excluded.pickup", params: { name: a.producerName, regency: a.regencyCode } },
    });
  }

  // 2–3. fair shares; too many producers for the target → the least preferred steps out
  // ids compare by code unit: the order is the same everywhere and far cheaper than localeCompare
  active.sort((a, b) => b.weight - a.weight || byCodeUnit(a.producerId, b.producerId));
  let loSum = active.reduce((s, a) => s + a.lo, 0);
  let hiSum = active.reduce((s, a) => s + a.hi, 0);
  while (active.length > 0 && loSum > target) {
    // the least preferred producer whose leaving still lets the rest fill what they could
    const need = Math.min(target, hiSum);
    let idx = active.length - 1;
    for (let i = active.length - 1; i >= 0; i--) {
      if (hiSum - active[i].hi >= need) {
        idx = i;
        break;
      }
    }
    const [out] = active.splice(idx, 1);
    loSum -= out.lo;
    hiSum -= out.hi;
    excluded.push({
      producerId: out.producerId,
      variantId: out.variantId,
      reason: { key: "allocator.excluded.minBatch", params: { name: out.producerName, minBatch: out.minBatch } },
    });
  }
  const capacity = hiSum;
  const goal = Math.min(target, capacity);
  const shares = active.length ? roundShares(active, waterFill(active, goal), goal) : [];

  const allocations: Allocation[] = active.map((a, i) => {
    const q = shares[i];
    const days = daysSinceTrade(a, now);
    const params = {
      name: a.producerName,
      quantity: q,
      capacity: a.hi,
      minBatch: a.lo,
      scale: a.scale,
      regency: a.regencyCode,
      days: days ?? -1,
      weight: Number(a.weight.toFixed(2)),
    };
    const key =
      q >= a.hi ? "allocator.reason.capacity" : q <= a.lo ? "allocator.reason.minBatch" : "allocator.reason.share";
    return {
      producerId: a.producerId,
      variantId: a.variantId,
      quantity: q,
      reason: { key: days === null ? `${key}New` : key, params },
    };
  });
  const total = allocations.reduce((s, a) => s + a.quantity, 0);
  const shortfall = target - total;
  const summary: Reason =
    shortfall === 0
      ? {
          key: "allocator.summary.exact",
          // producers, not product lines: one producer may supply several variants
          params: {
            target,
            producers: new Set(allocations.map((a) => a.producerId)).size,
            lines: allocations.length,
            points: chosen.length,
          },
        }
      : {
          key: usable.length === 0 ? "allocator.summary.none" : "allocator.summary.short",
          params: { target, total, missing: shortfall, capacity: usable.reduce((s, a) => s + a.hi, 0) },
        };
  return { target, total, shortfall, allocations, excluded, pickupPoints: chosen, summary };
}

/** Figures staff (and the benchmark) use to judge a plan's fairness. */
export function fairness(plan: AllocationPlan, offers: Offer[], now: Date) {
  const byKey = new Map(offers.map((o) => [`${o.producerId}|${o.variantId}`, o]));
  const used = plan.allocations
    .filter((a) => a.quantity > 0)
    .map((a) => ({ a, o: byKey.get(`${a.producerId}|${a.variantId}`)! }));
  const volume = (pick: (o: Offer) => boolean) =>
    plan.total ? used.filter(({ o }) => pick(o)).reduce((s, { a }) => s + a.quantity, 0) / plan.total : 0;
  const quiet = (o: Offer) => {
    const d = daysSinceTrade(o, now);
    return d === null || d > 180;
  };
  // Gini of the fill ratio (quantity ÷ capacity) over every offer at the chosen pickup points: 0 = all filled alike
  const points = new Set(plan.pickupPoints);
  const got = new Map(used.map(({ a }) => [`${a.producerId}|${a.variantId}`, a.quantity]));
  const ratios = offers
    .filter((o) => points.has(o.regencyCode) && o.capacity > 0)
    .map((o) => (got.get(`${o.producerId}|${o.variantId}`) ?? 0) / o.capacity)
    .sort((x, y) => x - y);
  const n = ratios.length;
  const sum = ratios.reduce((s, x) => s + x, 0);
  const gini = n && sum ? ratios.reduce((s, x, i) => s + (2 * (i + 1) - n - 1) * x, 0) / (n * sum) : 0;
  return {
    producers: new Set(used.map(({ a }) => a.producerId)).size,
    lines: used.length,
    pickupPoints: plan.pickupPoints.length,
    microShare: volume((o) => o.scale === "MIKRO"),
    quietShare: volume(quiet),
    largestShare: plan.total ? Math.max(0, ...used.map(({ a }) => a.quantity)) / plan.total : 0,
    giniFill: gini,
  };
}
