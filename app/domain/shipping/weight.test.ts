import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { weighParcel } from "./weight";

const JNE = { volumetricDivisor: 6000, minWeightGrams: 1000, roundingToleranceGrams: 300 };
const STRICT = { volumetricDivisor: 6000, minWeightGrams: 1000, roundingToleranceGrams: 0 };
const item = (unitGrams: number, quantity = 1, unitSize: { l: number; w: number; h: number } | null = null) => ({
  unitGrams,
  quantity,
  unitSize,
});

describe("weighing a parcel as couriers do", () => {
  it("charges at least the service's minimum", () => {
    expect(weighParcel([item(250, 2)], STRICT)).toEqual({ actualGrams: 500, volumetricGrams: 0, chargedKg: 1 });
  });

  it("rounds up to whole kilograms, with JNE's 300 g tolerance", () => {
    expect(weighParcel([item(1300)], JNE).chargedKg).toBe(1);
    expect(weighParcel([item(1301)], JNE).chargedKg).toBe(2);
    expect(weighParcel([item(1001)], STRICT).chargedKg).toBe(2);
    expect(weighParcel([item(2000)], STRICT).chargedKg).toBe(2);
    expect(weighParcel([item(2000)], JNE).chargedKg).toBe(2);
  });

  it("charges the volumetric weight when the parcel is light but bulky (a rattan basket)", () => {
    // 40 × 30 × 20 cm = 24,000 cm³ ÷ 6000 = 4 kg, though it weighs 900 g
    const basket = weighParcel([item(900, 1, { l: 40, w: 30, h: 20 })], STRICT);
    expect(basket).toEqual({ actualGrams: 900, volumetricGrams: 4000, chargedKg: 4 });
    // air express divides by 5000: 4.8 kg → 5 kg
    expect(weighParcel([item(900, 1, { l: 40, w: 30, h: 20 })], { ...STRICT, volumetricDivisor: 5000 }).chargedKg).toBe(
      5,
    );
  });

  it("adds up every unit of every line", () => {
    const w = weighParcel([item(450, 3), item(700, 2, { l: 10, w: 10, h: 10 })], STRICT);
    expect(w.actualGrams).toBe(2750);
    expect(w.volumetricGrams).toBe(334); // 2,000 cm³ ÷ 6000, rounded up to the gram
    expect(w.chargedKg).toBe(3);
  });

  it("never charges less than the weight (less the tolerance), nor a whole kilo more", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            unitGrams: fc.integer({ min: 1, max: 30_000 }),
            quantity: fc.integer({ min: 1, max: 20 }),
            unitSize: fc.option(
              fc.record({
                l: fc.integer({ min: 1, max: 150 }),
                w: fc.integer({ min: 1, max: 150 }),
                h: fc.integer({ min: 1, max: 150 }),
              }),
            ),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.integer({ min: 0, max: 999 }),
        fc.constantFrom(4000, 5000, 6000),
        (items, tolerance, divisor) => {
          const rules = { volumetricDivisor: divisor, minWeightGrams: 1000, roundingToleranceGrams: tolerance };
          const w = weighParcel(items, rules);
          const billable = Math.max(w.actualGrams, w.volumetricGrams, 1000);
          expect(Number.isInteger(w.chargedKg)).toBe(true);
          expect(w.chargedKg * 1000 + tolerance).toBeGreaterThanOrEqual(billable);
          expect((w.chargedKg - 1) * 1000).toBeLessThan(billable);
        },
      ),
    );
  });
});
