import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  add,
  bpsToPercent,
  percentToBps,
  convertFromIdr,
  divideRounded,
  formatDocumentMoney,
  formatMoney,
  fromStripeAmount,
  minorDigits,
  minorToMajor,
  money,
  MoneyError,
  parseMoneyInput,
  percentOf,
  split,
  subtract,
  sumMinor,
  times,
  toMajorString,
  toStripeAmount,
  toWholeMajorString,
} from "./money";

describe("one rule for minor units", () => {
  it("IDR and most currencies have two decimals; Stripe's zero-decimal currencies have none", () => {
    expect(minorDigits("IDR")).toBe(2);
    expect(minorDigits("usd")).toBe(2);
    for (const c of ["VND", "JPY", "KRW"]) expect(minorDigits(c)).toBe(0);
  });

  it("Stripe takes our minor units unchanged, and gives them back unchanged", () => {
    expect(toStripeAmount(money(15_000_000n, "IDR"))).toBe(15_000_000); // Rp150.000
    expect(toStripeAmount(money(150_000n, "VND"))).toBe(150_000); // ₫150.000
    expect(fromStripeAmount(2_502_500_000, "idr")).toEqual(money(2_502_500_000n, "IDR"));
    expect(() => toStripeAmount(money(2n ** 60n, "IDR"))).toThrow(MoneyError);
  });
});

describe("arithmetic", () => {
  it("adds, subtracts and multiplies exactly far beyond 2^53", () => {
    const big = money(9_007_199_254_740_993n, "IDR");
    expect(add(big, money(1n, "IDR")).amount).toBe(9_007_199_254_740_994n);
    expect(subtract(big, big).amount).toBe(0n);
    expect(times(money(40_000_000n, "IDR"), 30_000).amount).toBe(1_200_000_000_000n); // Rp12.000.000.000
    expect(() => add(money(1n, "IDR"), money(1n, "USD"))).toThrow(MoneyError);
    expect(() => money(1.5, "IDR")).toThrow(MoneyError);
  });

  it("rounds a percentage half away from zero to whole rupiah (and to the minor unit elsewhere)", () => {
    expect(percentOf(money(26_250_000n, "IDR"), 1250).amount).toBe(3_281_300n); // Rp32.812,50 → Rp32.813
    expect(percentOf(money(-26_250_000n, "IDR"), 1250).amount).toBe(-3_281_300n);
    expect(percentOf(money(100_600n, "IDR"), 1000).amount).toBe(10_100n); // Rp100,60 → Rp101
    expect(percentOf(money(1_005n, "USD"), 1000).amount).toBe(101n); // $1.005 → $1.01
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(divideRounded(4n, 2n)).toBe(2n);
  });

  it("splits a total into parts that always sum to it (largest remainder)", () => {
    expect(split(money(100n, "IDR"), [1, 1, 1]).map((m) => m.amount)).toEqual([34n, 33n, 33n]);
    expect(split(money(-100n, "IDR"), [1, 1, 1]).map((m) => m.amount)).toEqual([-34n, -33n, -33n]);
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = split(money(total, "IDR"), weights).map((m) => m.amount);
          expect(sumMinor(parts)).toBe(total);
          // no part strays more than one minor unit from its exact share
          const wsum = BigInt(weights.reduce((a, b) => a + b, 0));
          parts.forEach((p, i) => {
            const exact = (total * BigInt(weights[i]) * 1000n) / wsum;
            const diff = p * 1000n - exact;
            expect(diff <= 1000n && diff >= -1000n).toBe(true);
          });
        },
      ),
    );
  });

  it("a commission and the producer's share always add back to the amount", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 16n }), fc.integer({ min: 0, max: 10_000 }), (amount, bps) => {
        const m = money(amount, "IDR");
        const c = percentOf(m, bps);
        expect(add(c, subtract(m, c)).amount).toBe(amount);
        expect(c.amount % 100n).toBe(0n);
      }),
    );
  });
});

describe("people's numbers", () => {
  it("reads rupiah as Indonesians type them, and refuses what is not an amount", () => {
    for (const typed of ["150000", "150.000", "150,000", "150 000"])
      expect(parseMoneyInput(typed, "IDR")).toEqual({ ok: true, amount: 15_000_000n });
    expect(parseMoneyInput("12.50", "USD")).toEqual({ ok: true, amount: 1250n });
    expect(parseMoneyInput("12,5", "SGD")).toEqual({ ok: true, amount: 1250n });
    expect(parseMoneyInput("250.000", "VND")).toEqual({ ok: true, amount: 250_000n });
    for (const bad of ["", "abc", "1.2.3,4", "12.345", "1e9", "0x10"])
      expect(parseMoneyInput(bad, bad === "12.345" ? "USD" : "IDR").ok).toBe(false);
    expect(parseMoneyInput("-5", "IDR")).toEqual({ ok: false, reason: "negative" });
    expect(parseMoneyInput("100000000000", "IDR")).toEqual({ ok: true, amount: 10_000_000_000_000n });
    expect(parseMoneyInput("100000000001", "IDR")).toEqual({ ok: false, reason: "too-large" });
  });

  it("writes amounts the way each locale does, exactly at any size", () => {
    expect(formatMoney(15_000_000n, "IDR", "id")).toBe("Rp150.000");
    expect(formatMoney(15_000_000n, "IDR", "en")).toBe("IDR 150,000");
    expect(formatMoney(15_000_050n, "IDR", "id")).toBe("Rp150.000,50");
    expect(formatMoney(1999n, "USD", "en")).toBe("US$19.99");
    expect(formatMoney(250_000n, "VND", "en")).toContain("250,000");
    expect(formatMoney(1_200_000_000_000n, "IDR", "id")).toBe("Rp12.000.000.000");
    expect(formatMoney(900_719_925_474_099_312n, "IDR", "id")).toBe("Rp9.007.199.254.740.993,12");
    expect(formatDocumentMoney(1_200_000_000_000n, "IDR")).toMatch(/^IDR\s12,000,000,000\.00$/);
    expect(toMajorString(15_000_050n, "IDR")).toBe("150000.5");
    expect(toMajorString(-5n, "IDR")).toBe("-0.05");
    expect(toWholeMajorString(money(2_250_000_050n, "IDR"))).toBe("22500001");
    expect(minorToMajor(15_000_050n, "IDR", "floor")).toBe(150_000n);
    expect(minorToMajor(15_000_050n, "IDR", "ceil")).toBe(150_001n);
  });

  it("converts rupiah for display at a dated rate with integer arithmetic", () => {
    expect(convertFromIdr(16_250_500n, { currency: "USD", idrPerUnit: "16250.5" })).toBe(1000n); // Rp162.505 = US$10.00
    expect(convertFromIdr(1_200_000_000_000n, { currency: "SGD", idrPerUnit: "12000" })).toBe(100_000_000n);
    expect(convertFromIdr(10_000_000n, { currency: "VND", idrPerUnit: "0.65" })).toBe(153_846n);
  });
});

describe("rates", () => {
  it("reads and writes percentages as basis points without floats", () => {
    expect(percentToBps("12,5")).toBe(1250);
    expect(percentToBps("10")).toBe(1000);
    expect(percentToBps("0.07")).toBe(7);
    expect(percentToBps("1.234")).toBeNull();
    expect(bpsToPercent(1250)).toBe("12.5");
    expect(bpsToPercent(1000)).toBe("10");
    expect(bpsToPercent(7)).toBe("0.07");
  });
});
