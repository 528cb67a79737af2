import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cartonPlan, containerAdvice } from "./cartons";

const spec = { units: 24, lengthCm: 40, widthCm: 30, heightCm: 25, grossGrams: 24 * 350 + 600 };

describe("carton plans", () => {
  it("packs each share in its carton, numbers cartons across the lot and weighs one tare per carton", () => {
    const plan = cartonPlan(
      [
        { key: "a", quantity: 50, unitGrams: 350, spec },
        { key: "b", quantity: 30, unitGrams: 350, spec: null },
      ],
      10,
    );
    expect(plan.map((l) => [l.cartons, l.first, l.last])).toEqual([
      [3, 1, 3],
      [3, 4, 6],
    ]);
    expect(plan[0]).toMatchObject({ netGrams: 17_500, grossGrams: 17_500 + 3 * 600, volumeCm3: 3 * 30_000 });
    // without a carton on record: the lot's units per package, no tare and no volume guessed
    expect(plan[1]).toMatchObject({ unitsPerCarton: 10, grossGrams: 10_500, volumeCm3: null });
  });

  it("for any shares: every unit has a carton, no carton is empty, numbers are consecutive, gross ≥ net", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            quantity: fc.integer({ min: 0, max: 5000 }),
            unitGrams: fc.integer({ min: 1, max: 5000 }),
            spec: fc.option(
              fc.record({
                units: fc.integer({ min: 1, max: 200 }),
                lengthCm: fc.integer({ min: 1, max: 200 }),
                widthCm: fc.integer({ min: 1, max: 200 }),
                heightCm: fc.integer({ min: 1, max: 200 }),
                grossGrams: fc.integer({ min: 1, max: 60_000 }),
              }),
            ),
          }),
          { maxLength: 12 },
        ),
        fc.integer({ min: 1, max: 100 }),
        (shares, fallback) => {
          const plan = cartonPlan(
            shares.map((s, i) => ({ key: String(i), ...s })),
            fallback,
          );
          let expected = 1;
          for (const l of plan) {
            expect(l.cartons * l.unitsPerCarton).toBeGreaterThanOrEqual(l.quantity);
            expect((l.cartons - 1) * l.unitsPerCarton).toBeLessThan(l.quantity);
            expect(l.first).toBe(expected);
            expect(l.last - l.first + 1).toBe(l.cartons);
            expect(l.grossGrams).toBeGreaterThanOrEqual(l.netGrams);
            expected = l.last + 1;
          }
        },
      ),
    );
  });

  it("advises LCL for small lots, the smallest container that holds the rest, and several beyond a 40′ HC", () => {
    expect(containerAdvice(4.2, 1_500).advice).toBe("LCL");
    expect(containerAdvice(25, 9_000).advice).toBe("20GP");
    expect(containerAdvice(29, 9_000).advice).toBe("40GP"); // 29 m³ is more than 85 % of a 20′
    expect(containerAdvice(60, 20_000).advice).toBe("40HC");
    expect(containerAdvice(70, 20_000).advice).toBe("SEVERAL");
    expect(containerAdvice(20, 27_000).advice).toBe("20GP"); // a 20′ may carry more weight than a 40′
    expect(containerAdvice(20, 29_000).advice).toBe("SEVERAL"); // too heavy for any one container
    expect(containerAdvice(25, 9_000).fills[0]).toEqual({ code: "20GP", volumePct: 75, weightPct: 32 });
  });
});
