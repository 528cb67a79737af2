/**
 * `npx tsx scripts/bench/allocate.ts [offers] [target]` — the export lot allocator at scale.
 * 10,000 generated offers (sizes, stock, minimum batches and trade history spread like
 * the demo producers') in 29 kabupaten; prints the allocator's time (median and p95 of
 * 20 runs) and the plan's fairness figures, against a naive baseline measured in the same
 * run: first come, first served in list order (the "biggest stock first" habit). Four
 * offers in ten declare a production capacity: their supply is their stock plus what they
 * make by the lot's date (30 days) after their lead time (trade/capacity.ts).
 * Target: ≤ 200 ms for 10,000 offers.
 */
import { allocate, fairness, type Offer } from "../../app/domain/trade/allocator.server";
import { provinces } from "../../app/domain/regions/regions";
import { percentile } from "./lib";
import { supplyBy, type Capacity } from "../../app/domain/trade/capacity";

const N = Number(process.argv[2] ?? 10_000);
const now = new Date("2026-11-24T00:00:00Z");
let seed = 42;
const rand = () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
const regencies = provinces.flatMap((p) => p.regencies.map((r) => r.code));
const scales = ["MIKRO", "MIKRO", "MIKRO", "KECIL", "KECIL", "MENENGAH"] as const;

const wantedBy = new Date(now.getTime() + 30 * 86_400_000);
let withCapacity = 0;
const offers: Offer[] = Array.from({ length: N }, (_, i) => {
  const scale = scales[Math.floor(rand() * scales.length)];
  const stock = Math.round((scale === "MIKRO" ? 20 : scale === "KECIL" ? 80 : 300) * (0.3 + rand()));
  // four in ten declare a capacity: what they make by the lot's date (30 days) after their lead time
  const declared: Capacity | null =
    rand() < 0.4
      ? {
          unitsPerPeriod: Math.max(1, Math.round(stock * (0.5 + rand()))),
          period: rand() < 0.5 ? "WEEK" : "MONTH",
          leadTimeDays: Math.floor(rand() * 21),
        }
      : null;
  if (declared) withCapacity++;
  const capacity = supplyBy(stock, declared, now, wantedBy);
  return {
    producerId: `p${i}`,
    variantId: `v${i}`,
    producerName: `UMKM ${i}`,
    regencyCode: regencies[Math.floor(rand() * regencies.length)],
    scale,
    capacity,
    minBatch: rand() < 0.3 ? Math.max(1, Math.round(capacity * 0.2)) : 1,
    lastTradeAt: rand() < 0.4 ? null : new Date(now.getTime() - Math.floor(rand() * 500) * 86_400_000),
  };
});
const capacity = offers.reduce((s, o) => s + o.capacity, 0);
const TARGET = Number(process.argv[3] ?? Math.round(capacity * 0.35));

/** The baseline: biggest stock first, each taking all it has until the target is met. */
function naive(target: number, list: Offer[]) {
  const sorted = [...list].sort((a, b) => b.capacity - a.capacity);
  let left = target;
  const allocations = [];
  for (const o of sorted) {
    if (left <= 0) break;
    const q = Math.min(o.capacity, left);
    if (q < o.minBatch) continue;
    allocations.push({
      producerId: o.producerId,
      variantId: o.variantId,
      quantity: q,
      reason: { key: "", params: {} },
    });
    left -= q;
  }
  const pickupPoints = [
    ...new Set(allocations.map((a) => list.find((o) => o.producerId === a.producerId)!.regencyCode)),
  ];
  return {
    target,
    total: target - left,
    shortfall: left,
    allocations,
    excluded: [],
    pickupPoints,
    summary: { key: "", params: {} },
  };
}

function time<T>(f: () => T, runs: number) {
  const ms: number[] = [];
  let out!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = f();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { out, p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

allocate(TARGET, offers, now); // warm up
const fair = time(() => allocate(TARGET, offers, now), 20);
const base = time(() => naive(TARGET, offers), 20);
const f1 = fairness(fair.out, offers, now);
const f0 = fairness(base.out, offers, now);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(
  `bench: ${N} offers (${withCapacity} with a declared capacity), total supply by the date ${capacity}, target ${TARGET}`,
);
console.log(
  `bench: allocator p50 ${fair.p50.toFixed(1)} ms, p95 ${fair.p95.toFixed(1)} ms (target ≤ 200 ms) — baseline greedy p50 ${base.p50.toFixed(1)} ms; ratio ${(fair.p50 / base.p50).toFixed(2)}×`,
);
console.log(
  `bench: allocator: filled ${fair.out.total}/${TARGET} exactly=${fair.out.shortfall === 0}, ${f1.producers} producers, ${f1.pickupPoints} pickup points, to micro ${pct(f1.microShare)}, to producers without a lot in 180 days ${pct(f1.quietShare)}, largest share ${pct(f1.largestShare)}, Gini of fill ratio ${f1.giniFill.toFixed(3)}`,
);
console.log(
  `bench: baseline:  filled ${base.out.total}/${TARGET}, ${f0.producers} producers, ${f0.pickupPoints} pickup points, to micro ${pct(f0.microShare)}, to producers without a lot in 180 days ${pct(f0.quietShare)}, largest share ${pct(f0.largestShare)}, Gini of fill ratio ${f0.giniFill.toFixed(3)}`,
);
const micro = offers.filter((o) => o.scale === "MIKRO").reduce((s, o) => s + o.capacity, 0);
console.log(`bench: micro producers hold ${pct(micro / capacity)} of the capacity`);
process.exit(fair.p95 <= 200 && fair.out.shortfall === 0 ? 0 : 1);
