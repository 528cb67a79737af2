import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BATCH_CODE_RE, daysToExpiry, shelfLifeRefusal, wibToday } from "./batches";

const at = (iso: string) => new Date(iso);

describe("shelf life at receipt", () => {
  it("counts days from today in WIB, not UTC", () => {
    // 18:00 UTC on 1 Dec is already 2 Dec in Kalimantan
    expect(wibToday(at("2026-12-01T18:00:00Z")).toISOString()).toBe("2026-12-02T00:00:00.000Z");
    expect(daysToExpiry(at("2027-06-01T00:00:00Z"), at("2026-12-01T18:00:00Z"))).toBe(181);
  });

  it("refuses an expiry closer than the minimum and an expired batch, and accepts the minimum exactly", () => {
    const now = at("2026-12-05T03:00:00Z");
    expect(shelfLifeRefusal(at("2027-06-03T00:00:00Z"), 180, now)).toBeNull(); // 180 days left
    expect(shelfLifeRefusal(at("2027-06-02T00:00:00Z"), 180, now)).toEqual({
      key: "batches.refused.shelfLife",
      params: { days: 179, min: 180 },
    });
    expect(shelfLifeRefusal(at("2026-12-01T00:00:00Z"), 180, now)).toEqual({
      key: "batches.refused.expired",
      params: { days: 4 },
    });
  });

  it("is monotonic: a later expiry is never refused when an earlier one is accepted", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -400, max: 800 }),
        fc.nat(400),
        fc.integer({ min: 1, max: 730 }),
        (d, extra, min) => {
          const now = at("2026-12-05T03:00:00Z");
          const day = (n: number) => new Date(wibToday(now).getTime() + n * 86_400_000);
          if (shelfLifeRefusal(day(d), min, now) === null)
            expect(shelfLifeRefusal(day(d + extra), min, now)).toBeNull();
          expect(shelfLifeRefusal(day(d), min, now) === null).toBe(d >= min);
        },
      ),
    );
  });

  it("batch codes are GS1 AI 10 characters, at most 20", () => {
    for (const ok of ["B2611-07", "MK/2026/11", "LOT.7", "A"]) expect(BATCH_CODE_RE.test(ok)).toBe(true);
    for (const bad of ["", "-B1", "batch 7", "B".repeat(21), "B1?x", "<b>"])
      expect(BATCH_CODE_RE.test(bad)).toBe(false);
  });
});
