import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scaleShares } from "./groups";

describe("a koperasi's passed units shared among its members", () => {
  it("splits in proportion, whole units, adding up exactly", () => {
    const shares = [
      { memberId: "a", quantity: 5 },
      { memberId: "b", quantity: 3 },
      { memberId: "c", quantity: 2 },
    ];
    expect(scaleShares(shares, 10)).toEqual(shares);
    expect(scaleShares(shares, 7).map((s) => s.quantity)).toEqual([4, 2, 1]);
    expect(scaleShares(shares, 0).map((s) => s.quantity)).toEqual([0, 0, 0]);
  });

  it("property: parts sum to the passed units, none exceeds its share, each within one unit of its proportion", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 30 }),
        fc.nat(),
        (qs, seed) => {
          const shares = qs.map((quantity, i) => ({ memberId: `m${i}`, quantity }));
          const total = qs.reduce((s, q) => s + q, 0);
          const passed = seed % (total + 1);
          const parts = scaleShares(shares, passed);
          expect(parts.reduce((s, p) => s + p.quantity, 0)).toBe(passed);
          parts.forEach((p, i) => {
            expect(p.quantity).toBeLessThanOrEqual(qs[i]);
            expect(Math.abs(p.quantity - (qs[i] * passed) / total)).toBeLessThan(1);
          });
        },
      ),
    );
  });
});
