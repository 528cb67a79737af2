/**
 * The export lot's life: DRAFT → SOURCING → CONSOLIDATING → QC → READY → SHIPPED →
 * DELIVERED, or CANCELLED before it ships. Each move has a condition on the allocations;
 * a lot that runs short (a decline, a failed QC) can go back to SOURCING.
 */
export type LotStatus = "DRAFT" | "SOURCING" | "CONSOLIDATING" | "QC" | "READY" | "SHIPPED" | "DELIVERED" | "CANCELLED";

export type LotFacts = {
  target: number;
  /** units offered or accepted and not yet declined/failed */
  committed: number;
  accepted: number;
  /** allocations still waiting for the producer's answer */
  offered: number;
  /** accepted allocations not yet received */
  awaitingReceipt: number;
  received: number;
  /** received allocations without a QC result */
  awaitingQc: number;
  passed: number;
};

const NEXT: Record<LotStatus, LotStatus[]> = {
  DRAFT: ["SOURCING", "CANCELLED"],
  SOURCING: ["CONSOLIDATING", "CANCELLED"],
  CONSOLIDATING: ["QC", "SOURCING", "CANCELLED"],
  QC: ["READY", "SOURCING", "CANCELLED"],
  READY: ["SHIPPED", "CANCELLED"],
  SHIPPED: ["DELIVERED"],
  DELIVERED: [],
  CANCELLED: [],
};

export function nextStatuses(from: LotStatus): LotStatus[] {
  return NEXT[from];
}

/** Why a move is refused (a locale key), or null when it is allowed. */
export function transitionRefusal(from: LotStatus, to: LotStatus, f: LotFacts): string | null {
  if (!NEXT[from].includes(to)) return "lots.refused.illegal";
  switch (to) {
    case "SOURCING":
      if (from === "DRAFT" && f.committed === 0) return "lots.refused.noOffers";
      if (from !== "DRAFT" && f.passed + f.awaitingQc + f.awaitingReceipt >= f.target && f.offered === 0)
        return "lots.refused.notShort";
      return null;
    case "CONSOLIDATING":
      return f.accepted < f.target ? "lots.refused.notEnoughAccepted" : null;
    case "QC":
      return f.awaitingReceipt > 0 || f.received === 0 ? "lots.refused.notAllReceived" : null;
    case "READY":
      if (f.awaitingQc > 0) return "lots.refused.qcPending";
      return f.passed < f.target ? "lots.refused.short" : null;
    default:
      return null;
  }
}
