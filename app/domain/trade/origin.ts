/**
 * Rules of origin for the ASEAN Form D (ATIGA, Article 28 and Annex 3).
 *
 * A product is originating when it is wholly obtained in Indonesia (honey harvested here,
 * rattan grown and woven here: criterion "WO"), or when its regional value content is at
 * least 40 % of its FOB price (criterion "RVC xx%"). The RVC here is the direct (build-up)
 * formula:
 *
 *   RVC = (ASEAN materials + direct labour + direct overhead + other costs + profit) / FOB × 100
 *
 * where FOB is the sum of every cost, the non-ASEAN materials included. The indirect (build-down)
 * formula, (FOB − non-ASEAN materials) / FOB, gives the same figure for a cost structure that
 * adds up to the FOB price; both are returned so the sheet can show the calculation.
 *
 * Amounts are rupiah minor units (bigint); the percentage is exact to two decimals, rounded down
 * so that a product is never claimed as originating on a rounding.
 */

export const RVC_THRESHOLD_BPS = 4000;

export type CostStructure = {
  /** materials from Indonesia or another ASEAN member */
  localMaterials: bigint;
  /** materials from outside ASEAN (or of unknown origin) */
  importedMaterials: bigint;
  labour: bigint;
  overhead: bigint;
  /** other costs up to FOB: inland transport to the port, packing */
  otherCosts: bigint;
  profit: bigint;
  /** the producer declares the goods wholly obtained in Indonesia */
  whollyObtained: boolean;
};

export type OriginResult =
  | { ok: true; criterion: string; rvcBps: number | null; fob: bigint; regional: bigint }
  | {
      ok: false;
      reason: "origin.refused.empty" | "origin.refused.negative" | "origin.refused.belowRvc";
      rvcBps?: number;
    };

/** Regional value content in basis points (4537 = 45.37 %), rounded down; null when nothing is priced. */
export function rvcBps(c: CostStructure): number | null {
  const fob = fobOf(c);
  if (fob <= 0n) return null;
  return Number(((fob - c.importedMaterials) * 10_000n) / fob);
}

export function fobOf(c: CostStructure) {
  return c.localMaterials + c.importedMaterials + c.labour + c.overhead + c.otherCosts + c.profit;
}

/** The origin criterion for Form D box 8, or why the product cannot claim ASEAN origin. */
export function originCriterion(c: CostStructure): OriginResult {
  const parts = [c.localMaterials, c.importedMaterials, c.labour, c.overhead, c.otherCosts, c.profit];
  if (parts.some((p) => p < 0n)) return { ok: false, reason: "origin.refused.negative" };
  const fob = fobOf(c);
  // wholly obtained goods use no imported materials at all
  if (c.whollyObtained && c.importedMaterials === 0n)
    return { ok: true, criterion: "WO", rvcBps: fob > 0n ? 10_000 : null, fob, regional: fob };
  const bps = rvcBps(c);
  if (bps === null) return { ok: false, reason: "origin.refused.empty" };
  if (bps < RVC_THRESHOLD_BPS) return { ok: false, reason: "origin.refused.belowRvc", rvcBps: bps };
  // Form D states whole percentages: rounded down, so 40.00 % and above only
  return {
    ok: true,
    criterion: `RVC ${Math.floor(bps / 100)}%`,
    rvcBps: bps,
    fob,
    regional: fob - c.importedMaterials,
  };
}

/** "45,37 %" / "45.37%": a basis-point share for the calculation shown on the sheet. */
export function formatBps(bps: number, locale: "id" | "en") {
  const whole = Math.floor(bps / 100);
  const cents = String(bps % 100).padStart(2, "0");
  return locale === "id" ? `${whole},${cents} %` : `${whole}.${cents}%`;
}
