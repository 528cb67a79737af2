import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HORIZON_DAYS, madeWithin, productionSchedule, supplyBy, type Capacity } from "./capacity";

const now = new Date("2026-12-05T00:00:00Z");
const day = (n: number) => new Date(now.getTime() + n * 86_400_000);
const weekly = (units: number, lead = 0): Capacity => ({ unitsPerPeriod: units, period: "WEEK", leadTimeDays: lead });

describe("capacity and lead time", () => {
  it("makes nothing during the lead time, then at the declared rate", () => {
    expect(madeWithin(weekly(70, 10), 10)).toBe(0);
    expect(madeWithin(weekly(70, 10), 17)).toBe(70);
    expect(madeWithin({ unitsPerPeriod: 300, period: "MONTH", leadTimeDays: 0 }, 15)).toBe(150);
    expect(supplyBy(40, weekly(70, 10), now, day(24))).toBe(40 + 140);
    expect(supplyBy(40, null, now, day(24))).toBe(40);
  });

  it("says when 500 jars can be ready from two producers and proposes fortnightly shipments", () => {
    const s = productionSchedule(
      [
        { stock: 100, capacity: weekly(70, 7) }, // 10 a day after a week
        { stock: 50, capacity: weekly(35, 0) }, // 5 a day from today
      ],
      500,
      now,
      day(30),
    );
    // day d ≥ 7: 150 + 10(d−7) + 5d ≥ 500 → d ≥ 28
    expect(s).toMatchObject({ readyInDays: 28, feasible: true, shortByWanted: 0 });
    expect(s.shipments.map((x) => [x.day, x.units, x.cumulative])).toEqual([
      [0, 150, 150],
      [14, 70 + 70, 290],
      [28, 210, 500],
    ]);
    const late = productionSchedule([{ stock: 100, capacity: weekly(70, 7) }], 500, now, day(21));
    expect(late).toMatchObject({ feasible: false, readyInDays: 47, shortByWanted: 260 });
  });

  it("stock alone, and no way at all within the horizon", () => {
    expect(productionSchedule([{ stock: 80, capacity: null }], 50, now, day(3))).toMatchObject({
      readyInDays: 0,
      feasible: true,
      shipments: [{ day: 0, units: 50, cumulative: 50 }],
    });
    const never = productionSchedule([{ stock: 5, capacity: null }], 50, now, null);
    expect(never).toMatchObject({ readyInDays: null, feasible: false, readyOn: null });
  });

  it("for any producers: the shipments add up to what can be made, never more than asked, in date order", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            stock: fc.integer({ min: 0, max: 500 }),
            capacity: fc.option(
              fc.record({
                unitsPerPeriod: fc.integer({ min: 1, max: 1000 }),
                period: fc.constantFrom("WEEK" as const, "MONTH" as const),
                leadTimeDays: fc.integer({ min: 0, max: 120 }),
              }),
            ),
          }),
          { maxLength: 8 },
        ),
        fc.integer({ min: 1, max: 20_000 }),
        (sources, quantity) => {
          const s = productionSchedule(sources, quantity, now, null);
          const total = s.shipments.reduce((a, x) => a + x.units, 0);
          const canMake = Math.min(
            quantity,
            sources.reduce((a, x) => a + supplyBy(x.stock, x.capacity, now, day(HORIZON_DAYS)), 0),
          );
          expect(total).toBe(canMake);
          expect(s.readyInDays === null).toBe(canMake < quantity);
          for (let i = 1; i < s.shipments.length; i++)
            expect(s.shipments[i].day).toBeGreaterThan(s.shipments[i - 1].day);
          if (s.readyInDays !== null && s.readyInDays > 0)
            expect(
              sources.reduce((a, x) => a + supplyBy(x.stock, x.capacity, now, day(s.readyInDays! - 1)), 0),
            ).toBeLessThan(quantity);
        },
      ),
    );
  });
});
