import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { discountRefundShare, voucherDiscount, type VoucherTerms } from "./discount";

const rp = (n: number) => BigInt(n) * 100n;
const base: VoucherTerms = {
  kind: "PERCENT",
  percentBps: 1000,
  maxDiscount: null,
  amount: null,
  minSpend: 0n,
  currency: "IDR",
  producerId: null,
  categoryIds: null,
};

describe("voucherDiscount", () => {
  it("hand-checked: 10% of Rp400.000 capped at Rp30.000, shared 3:1", () => {
    const d = voucherDiscount({ ...base, maxDiscount: rp(30_000) }, [
      { key: "a", producerId: "p1", categoryId: "c", lineTotal: rp(300_000) },
      { key: "b", producerId: "p2", categoryId: "c", lineTotal: rp(100_000) },
    ]);
    expect(d).toMatchObject({ total: rp(30_000), covered: rp(400_000) });
    if ("perLine" in d)
      expect([...d.perLine]).toEqual([
        ["a", rp(22_500)],
        ["b", rp(7_500)],
      ]);
  });

  it("hand-checked: Rp10.000 over three equal lines is whole rupiah, the extra rupiah to the first", () => {
    const lines = ["a", "b", "c"].map((key) => ({ key, producerId: "p", categoryId: "c", lineTotal: rp(1_000) }));
    const d = voucherDiscount({ ...base, kind: "FIXED", percentBps: null, amount: rp(10) }, lines);
    if (!("perLine" in d)) throw new Error("refused");
    expect([...d.perLine.values()]).toEqual([rp(4), rp(3), rp(3)]);
  });

  it("only the named producer's or category's lines count, and the minimum spend is on them", () => {
    const lines = [
      { key: "a", producerId: "p1", categoryId: "madu", lineTotal: rp(50_000) },
      { key: "b", producerId: "p2", categoryId: "rotan", lineTotal: rp(500_000) },
    ];
    expect(voucherDiscount({ ...base, producerId: "p3" }, lines)).toEqual({ refusal: "not-applicable" });
    expect(voucherDiscount({ ...base, categoryIds: ["madu"], minSpend: rp(100_000) }, lines)).toEqual({
      refusal: "min-spend",
    });
    const d = voucherDiscount({ ...base, producerId: "p1" }, lines);
    expect("perLine" in d && [...d.perLine.keys()]).toEqual(["a"]);
  });

  it("property: shares add up to the total, none exceeds its line, all whole rupiah, never more than the lines", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.bigInt({ min: 1n, max: 10_000_000_000n }).map((r) => r * 100n),
          { minLength: 1, maxLength: 8 },
        ),
        fc.oneof(
          fc.record({
            kind: fc.constant("PERCENT" as const),
            bps: fc.integer({ min: 1, max: 10_000 }),
            cap: fc.option(fc.bigInt({ min: 1n, max: 100_000_000n }).map((r) => r * 100n)),
          }),
          fc.record({
            kind: fc.constant("FIXED" as const),
            amount: fc.bigInt({ min: 1n, max: 100_000_000_000n }).map((r) => r * 100n),
          }),
        ),
        (amounts, k) => {
          const lines = amounts.map((lineTotal, i) => ({ key: `l${i}`, producerId: "p", categoryId: "c", lineTotal }));
          const terms: VoucherTerms =
            k.kind === "PERCENT"
              ? { ...base, percentBps: k.bps, maxDiscount: k.cap }
              : { ...base, kind: "FIXED", percentBps: null, amount: k.amount };
          const d = voucherDiscount(terms, lines);
          if (!("perLine" in d)) throw new Error("refused");
          const shares = [...d.perLine.values()];
          expect(shares.reduce((s, x) => s + x, 0n)).toBe(d.total);
          expect(d.total <= d.covered).toBe(true);
          lines.forEach((l) => {
            const share = d.perLine.get(l.key)!;
            expect(share >= 0n && share <= l.lineTotal && share % 100n === 0n).toBe(true);
          });
        },
      ),
    );
  });
});

describe("discountRefundShare", () => {
  it("property: refunding a line in any steps gives back exactly its discount, never a negative share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.bigInt({ min: 0n, max: 1_000_000_000n }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 30 }),
        (quantity, discountRp, steps) => {
          const line = { discountAmount: discountRp * 100n, quantity };
          let done = 0;
          let back = 0n;
          for (const s of steps) {
            const k = Math.min(s, quantity - done);
            if (k <= 0) break;
            const share = discountRefundShare(line, done, k, "IDR");
            expect(share >= 0n && share % 100n === 0n).toBe(true);
            back += share;
            done += k;
          }
          if (done < quantity) back += discountRefundShare(line, done, quantity - done, "IDR");
          expect(back).toBe(line.discountAmount);
        },
      ),
    );
  });
});
