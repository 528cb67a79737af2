import { describe, expect, it } from "vitest";
import { allocate, fairness, type Offer } from "./allocator.server";

const now = new Date("2026-11-24T00:00:00Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
let n = 0;
function offer(o: Partial<Offer> = {}): Offer {
  n++;
  return {
    producerId: `p${n}`,
    variantId: `v${n}`,
    producerName: `UMKM ${n}`,
    regencyCode: "62.09",
    scale: "MIKRO",
    capacity: 100,
    minBatch: 1,
    lastTradeAt: null,
    ...o,
  };
}
const total = (p: ReturnType<typeof allocate>) => p.allocations.reduce((s, a) => s + a.quantity, 0);

describe("export lot allocator", () => {
  it("counts producers, not product lines, when one producer supplies several variants", () => {
    const offers = [
      offer({ producerId: "weaver-a", capacity: 10 }),
      offer({ producerId: "weaver-a", capacity: 10 }),
      offer({ producerId: "weaver-a", capacity: 10 }),
      offer({ producerId: "weaver-b", capacity: 10 }),
    ];
    const plan = allocate(40, offers, now);
    expect(plan.summary).toEqual({
      key: "allocator.summary.exact",
      params: { target: 40, producers: 2, lines: 4, points: 1 },
    });
    expect(fairness(plan, offers, now)).toMatchObject({ producers: 2, lines: 4 });
  });

  it("fills the target exactly, in whole units, never above a producer's capacity", () => {
    const offers = [offer({ capacity: 7 }), offer({ capacity: 13 }), offer({ capacity: 40 }), offer({ capacity: 40 })];
    for (const target of [1, 17, 59, 100]) {
      const plan = allocate(target, offers, now);
      expect(total(plan)).toBe(target);
      expect(plan.shortfall).toBe(0);
      for (const a of plan.allocations) {
        expect(Number.isInteger(a.quantity)).toBe(true);
        expect(a.quantity).toBeLessThanOrEqual(offers.find((o) => o.producerId === a.producerId)!.capacity);
      }
    }
    // small producers are filled to capacity before the bigger ones go above them
    const plan = allocate(80, offers, now);
    expect(plan.allocations.find((a) => a.producerId === offers[0].producerId)).toMatchObject({
      quantity: 7,
      reason: { key: "allocator.reason.capacityNew" },
    });
  });

  it("respects minimum batches: nobody gets less than its batch, and extra producers step out", () => {
    const offers = [
      offer({ minBatch: 30, capacity: 60 }),
      offer({ minBatch: 30, capacity: 60 }),
      offer({ minBatch: 30, capacity: 60, scale: "MENENGAH" }),
    ];
    const plan = allocate(70, offers, now);
    expect(total(plan)).toBe(70);
    for (const a of plan.allocations) expect(a.quantity).toBeGreaterThanOrEqual(30);
    expect(plan.allocations).toHaveLength(2);
    // the least preferred (menengah) stepped out, and says why
    expect(plan.excluded).toEqual([
      expect.objectContaining({
        producerId: offers[2].producerId,
        reason: expect.objectContaining({ key: "allocator.excluded.minBatch" }),
      }),
    ]);
    // but a big producer stays in when only it can fill the target
    const big = offer({ scale: "MENENGAH", minBatch: 5, capacity: 100 });
    const plan2 = allocate(10, [offer({ minBatch: 8, capacity: 8 }), big], now);
    expect(total(plan2)).toBe(10);
  });

  it("spreads volume fairly, preferring the smallest producers and those without recent trade", () => {
    const micro = offer({ scale: "MIKRO", lastTradeAt: daysAgo(400) });
    const kecil = offer({ scale: "KECIL", lastTradeAt: daysAgo(400) });
    const menengah = offer({ scale: "MENENGAH", lastTradeAt: daysAgo(400) });
    const recent = offer({ scale: "MIKRO", lastTradeAt: daysAgo(3) });
    const plan = allocate(200, [micro, kecil, menengah, recent], now);
    const q = (o: Offer) => plan.allocations.find((a) => a.producerId === o.producerId)!.quantity;
    expect(total(plan)).toBe(200);
    expect(q(micro)).toBeGreaterThan(q(kecil));
    expect(q(kecil)).toBeGreaterThan(q(menengah));
    expect(q(micro)).toBeGreaterThan(q(recent));
    expect(q(recent)).toBeGreaterThan(0);
    const f = fairness(plan, [micro, kecil, menengah, recent], now);
    expect(f.largestShare).toBeLessThan(0.4);
    expect(f.quietShare).toBeGreaterThan(0.7);
  });

  it("groups by kabupaten: no extra pickup point when fewer can supply the target", () => {
    const katingan = [
      offer({ regencyCode: "62.09", capacity: 50 }),
      offer({ regencyCode: "62.09", capacity: 50 }),
      offer({ regencyCode: "62.09", capacity: 50 }),
    ];
    const banjar = [offer({ regencyCode: "63.03", capacity: 30 })];
    const plan = allocate(120, [...katingan, ...banjar], now);
    expect(plan.pickupPoints).toEqual(["62.09"]);
    expect(total(plan)).toBe(120);
    expect(plan.excluded).toEqual([
      expect.objectContaining({
        producerId: banjar[0].producerId,
        reason: expect.objectContaining({ key: "allocator.excluded.pickup" }),
      }),
    ]);
    // a larger target needs the second kabupaten
    const bigger = allocate(170, [...katingan, ...banjar], now);
    expect(bigger.pickupPoints.sort()).toEqual(["62.09", "63.03"]);
    expect(total(bigger)).toBe(170);
  });

  it("explains an impossible target: what is missing and why", () => {
    const plan = allocate(
      500,
      [offer({ capacity: 120 }), offer({ capacity: 80 }), offer({ capacity: 3, minBatch: 5 })],
      now,
    );
    expect(total(plan)).toBe(200);
    expect(plan.shortfall).toBe(300);
    expect(plan.summary).toEqual({
      key: "allocator.summary.short",
      params: { target: 500, total: 200, missing: 300, capacity: 200 },
    });
    expect(plan.excluded[0].reason).toMatchObject({
      key: "allocator.excluded.capacity",
      params: { capacity: 3, minBatch: 5 },
    });
    expect(allocate(10, [], now).summary.key).toBe("allocator.summary.none");
  });

  it("is deterministic", () => {
    const offers = Array.from({ length: 50 }, (_, i) =>
      offer({
        capacity: 10 + (i % 7),
        scale: (["MIKRO", "KECIL", "MENENGAH"] as const)[i % 3],
        regencyCode: `62.0${i % 5}`,
      }),
    );
    expect(allocate(333, offers, now)).toEqual(allocate(333, offers, now));
  });
});
