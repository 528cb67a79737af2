import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LADDER, ladder, type LadderFacts } from "./ladder";

const none: LadderFacts = {
  verifiedCerts: [],
  pendingCerts: [],
  sellsFood: true,
  saleCredits: 0,
  lotCredits: 0,
  publishedProducts: 0,
  incompleteListings: 0,
  scale: "MIKRO",
};

describe("the naik kelas ladder", () => {
  it("starts at the NIB and says whether it waits for staff or is missing", () => {
    expect(ladder(none)).toMatchObject({ reached: 0, next: "nib", blocker: { key: "ladder.blocker.nibMissing" } });
    expect(ladder({ ...none, pendingCerts: ["NIB"] }).blocker).toEqual({ key: "ladder.blocker.nibPending" });
  });

  it("asks food producers for BPOM; others skip it", () => {
    const certified: LadderFacts = { ...none, verifiedCerts: ["NIB", "PIRT"] };
    expect(ladder(certified)).toMatchObject({
      reached: 2,
      next: "bpom",
      blocker: { key: "ladder.blocker.bpomMissing" },
    });
    const craft = ladder({ ...certified, sellsFood: false });
    expect(craft.steps.find((s) => s.step === "bpom")?.state).toBe("skipped");
    expect(craft).toMatchObject({ reached: 3, next: "firstSale", blocker: { key: "ladder.blocker.noProducts" } });
  });

  it("a listing step counts the products missing a photo or a translation; the top is a scale class", () => {
    const selling: LadderFacts = {
      ...none,
      verifiedCerts: ["NIB", "HALAL", "BPOM_MD"],
      saleCredits: 3,
      publishedProducts: 4,
      incompleteListings: 2,
    };
    expect(ladder(selling)).toMatchObject({
      next: "listing",
      blocker: { key: "ladder.blocker.incomplete", params: { count: 2 } },
    });
    expect(ladder({ ...selling, incompleteListings: 0, lotCredits: 1 })).toMatchObject({ next: "scale", reached: 6 });
    expect(ladder({ ...selling, incompleteListings: 0, lotCredits: 1, scale: "KECIL" })).toMatchObject({
      next: null,
      reached: LADDER.length,
      blocker: null,
    });
  });

  it("property: a step is reached only when those below it are; the next step is the first open one", () => {
    const certs = fc.subarray(["NIB", "HALAL", "BPOM_MD", "BPOM_ML", "PIRT", "SNI"] as const);
    fc.assert(
      fc.property(
        certs,
        fc.boolean(),
        fc.nat(5),
        fc.nat(5),
        fc.nat(5),
        fc.nat(5),
        fc.constantFrom("MIKRO", "KECIL", "MENENGAH" as const),
        (verified, sellsFood, sales, lots, published, incomplete, scale) => {
          const l = ladder({
            ...none,
            verifiedCerts: verified,
            sellsFood,
            saleCredits: sales,
            lotCredits: lots,
            publishedProducts: published,
            incompleteListings: Math.min(incomplete, published),
            scale,
          });
          expect(l.steps.slice(0, l.reached).every((s) => s.state !== "open")).toBe(true);
          if (l.next) expect(l.steps[l.reached]).toEqual({ step: l.next, state: "open" });
          else expect(l.reached).toBe(LADDER.length);
          expect(l.blocker === null).toBe(l.next === null);
        },
      ),
    );
  });
});
