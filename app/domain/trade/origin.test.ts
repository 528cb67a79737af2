import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatBps, originCriterion, rvcBps, type CostStructure } from "./origin";

const rp = (major: number) => BigInt(major) * 100n;
const structure = (o: Partial<CostStructure>): CostStructure => ({
  localMaterials: 0n,
  importedMaterials: 0n,
  labour: 0n,
  overhead: 0n,
  otherCosts: 0n,
  profit: 0n,
  whollyObtained: false,
  ...o,
});

describe("Form D origin (ATIGA)", () => {
  it("kelulut honey harvested and bottled in Katingan is wholly obtained", () => {
    const honey = structure({
      localMaterials: rp(60_000),
      labour: rp(20_000),
      profit: rp(15_000),
      whollyObtained: true,
    });
    expect(originCriterion(honey)).toMatchObject({ ok: true, criterion: "WO", fob: rp(95_000) });
  });

  it("a rattan basket with imported dye and handles: RVC by the build-up formula, hand-checked", () => {
    // FOB Rp200.000: local rattan 70.000, imported dye and steel handles 45.000, labour 50.000,
    // overhead 10.000, trucking to Trisakti 5.000, profit 20.000 → RVC = 155.000 / 200.000 = 77.5 %
    const basket = structure({
      localMaterials: rp(70_000),
      importedMaterials: rp(45_000),
      labour: rp(50_000),
      overhead: rp(10_000),
      otherCosts: rp(5_000),
      profit: rp(20_000),
    });
    expect(rvcBps(basket)).toBe(7750);
    expect(originCriterion(basket)).toEqual({
      ok: true,
      criterion: "RVC 77%",
      rvcBps: 7750,
      fob: rp(200_000),
      regional: rp(155_000),
    });
    // a wholly-obtained claim does not hold with imported materials in it
    expect(originCriterion({ ...basket, whollyObtained: true })).toMatchObject({ criterion: "RVC 77%" });
  });

  it("refuses below 40 %, even by a rounding, and refuses negative or empty structures", () => {
    // 39.99 %: regional 3.999 of 10.000
    const short = structure({ localMaterials: rp(3_999), importedMaterials: rp(6_001) });
    expect(originCriterion(short)).toEqual({ ok: false, reason: "origin.refused.belowRvc", rvcBps: 3999 });
    const exactly = structure({ localMaterials: rp(4_000), importedMaterials: rp(6_000) });
    expect(originCriterion(exactly)).toMatchObject({ ok: true, criterion: "RVC 40%", rvcBps: 4000 });
    expect(originCriterion(structure({}))).toEqual({ ok: false, reason: "origin.refused.empty" });
    expect(originCriterion(structure({ labour: -1n, localMaterials: rp(10) }))).toEqual({
      ok: false,
      reason: "origin.refused.negative",
    });
  });

  it("the build-up and build-down formulas agree, and the RVC is between 0 and 100 %", () => {
    const amount = fc.bigInt({ min: 0n, max: 10n ** 15n });
    fc.assert(
      fc.property(amount, amount, amount, amount, amount, amount, (lm, im, lab, oh, oth, pr) => {
        const c = structure({
          localMaterials: lm,
          importedMaterials: im,
          labour: lab,
          overhead: oh,
          otherCosts: oth,
          profit: pr,
        });
        const fob = lm + im + lab + oh + oth + pr;
        const bps = rvcBps(c);
        if (fob === 0n) return bps === null;
        const buildUp = ((lm + lab + oh + oth + pr) * 10_000n) / fob;
        return bps === Number(buildUp) && bps >= 0 && bps <= 10_000;
      }),
    );
  });

  it("shows the share as people write it", () => {
    expect(formatBps(7750, "id")).toBe("77,50 %");
    expect(formatBps(4005, "en")).toBe("40.05%");
  });
});
