/**
 * "Naik kelas": the ladder a UMKM climbs, computed from what Anjung knows about it (never
 * entered by hand). Steps in order:
 *
 *   nib        — its NIB is verified;
 *   pirtHalal  — a verified P-IRT or halal certificate (food safety or halal, the first standard);
 *   bpom       — a verified BPOM MD or ML, for producers that sell food (others skip it);
 *   firstSale  — a first online sale that reached the buyer (a sale credit in its ledger);
 *   listing    — every published product has a photo and a description in both languages;
 *   firstLot   — a first export lot (a lot credit in its ledger);
 *   scale      — it has grown past mikro (kecil or menengah).
 *
 * The next step is the first one not reached; what blocks it is said as a locale key with values.
 * Pure: the facts come from ladder.server.ts.
 */
export const LADDER = ["nib", "pirtHalal", "bpom", "firstSale", "listing", "firstLot", "scale"] as const;
export type LadderStep = (typeof LADDER)[number];

export type LadderFacts = {
  verifiedCerts: Array<"NIB" | "HALAL" | "BPOM_MD" | "BPOM_ML" | "PIRT" | "SNI">;
  pendingCerts: Array<"NIB" | "HALAL" | "BPOM_MD" | "BPOM_ML" | "PIRT" | "SNI">;
  sellsFood: boolean;
  saleCredits: number;
  lotCredits: number;
  publishedProducts: number;
  /** published products without a photo, or without a description in one of the two languages */
  incompleteListings: number;
  scale: "MIKRO" | "KECIL" | "MENENGAH";
};

export type StepState = { step: LadderStep; state: "done" | "skipped" | "open" };
export type Ladder = {
  steps: StepState[];
  /** how many steps are behind it (done or not needed) */
  reached: number;
  next: LadderStep | null;
  blocker: { key: string; params?: Record<string, number | string> } | null;
};

function reachedStep(step: LadderStep, f: LadderFacts): "done" | "skipped" | "open" {
  const has = (...types: LadderFacts["verifiedCerts"]) => types.some((t) => f.verifiedCerts.includes(t));
  switch (step) {
    case "nib":
      return has("NIB") ? "done" : "open";
    case "pirtHalal":
      return has("PIRT", "HALAL") ? "done" : "open";
    case "bpom":
      return !f.sellsFood ? "skipped" : has("BPOM_MD", "BPOM_ML") ? "done" : "open";
    case "firstSale":
      return f.saleCredits > 0 ? "done" : "open";
    case "listing":
      return f.publishedProducts > 0 && f.incompleteListings === 0 ? "done" : "open";
    case "firstLot":
      return f.lotCredits > 0 ? "done" : "open";
    case "scale":
      return f.scale !== "MIKRO" ? "done" : "open";
  }
}

function blockerOf(step: LadderStep, f: LadderFacts): Ladder["blocker"] {
  const pending = (...types: LadderFacts["pendingCerts"]) => types.some((t) => f.pendingCerts.includes(t));
  switch (step) {
    case "nib":
      return { key: pending("NIB") ? "ladder.blocker.nibPending" : "ladder.blocker.nibMissing" };
    case "pirtHalal":
      return { key: pending("PIRT", "HALAL") ? "ladder.blocker.certPending" : "ladder.blocker.pirtHalalMissing" };
    case "bpom":
      return { key: pending("BPOM_MD", "BPOM_ML") ? "ladder.blocker.certPending" : "ladder.blocker.bpomMissing" };
    case "firstSale":
      return {
        key: f.publishedProducts === 0 ? "ladder.blocker.noProducts" : "ladder.blocker.noSale",
        params: { count: f.publishedProducts },
      };
    case "listing":
      return f.publishedProducts === 0
        ? { key: "ladder.blocker.noProducts", params: { count: 0 } }
        : { key: "ladder.blocker.incomplete", params: { count: f.incompleteListings } };
    case "firstLot":
      return { key: "ladder.blocker.noLot" };
    case "scale":
      return { key: "ladder.blocker.scale" };
  }
}

export function ladder(f: LadderFacts): Ladder {
  const steps = LADDER.map((step) => ({ step, state: reachedStep(step, f) }));
  const firstOpen = steps.find((s) => s.state === "open");
  // a step counts as reached only when every step before it is reached too: the ladder is climbed in order
  const reached = firstOpen ? steps.indexOf(firstOpen) : steps.length;
  return {
    steps,
    reached,
    next: firstOpen?.step ?? null,
    blocker: firstOpen ? blockerOf(firstOpen.step, f) : null,
  };
}
