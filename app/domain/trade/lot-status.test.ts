import { describe, expect, it } from "vitest";
import { nextStatuses, transitionRefusal, type LotFacts, type LotStatus } from "./lot-status";

const ALL: LotStatus[] = ["DRAFT", "SOURCING", "CONSOLIDATING", "QC", "READY", "SHIPPED", "DELIVERED", "CANCELLED"];
const full: LotFacts = {
  target: 100,
  committed: 100,
  accepted: 100,
  offered: 0,
  awaitingReceipt: 0,
  received: 100,
  awaitingQc: 0,
  passed: 100,
};

describe("export lot status", () => {
  it("refuses every move that is not in the life cycle, whatever the allocations", () => {
    const legal = new Set([
      "DRAFT>SOURCING",
      "DRAFT>CANCELLED",
      "SOURCING>CONSOLIDATING",
      "SOURCING>CANCELLED",
      "CONSOLIDATING>QC",
      "CONSOLIDATING>SOURCING",
      "CONSOLIDATING>CANCELLED",
      "QC>READY",
      "QC>SOURCING",
      "QC>CANCELLED",
      "READY>SHIPPED",
      "READY>CANCELLED",
      "SHIPPED>DELIVERED",
    ]);
    for (const from of ALL) {
      for (const to of ALL) {
        const key = `${from}>${to}`;
        if (legal.has(key)) expect(nextStatuses(from)).toContain(to);
        else expect(transitionRefusal(from, to, full), key).toBe("lots.refused.illegal");
      }
    }
  });

  it("checks the allocations at each step", () => {
    expect(transitionRefusal("DRAFT", "SOURCING", { ...full, committed: 0 })).toBe("lots.refused.noOffers");
    expect(transitionRefusal("SOURCING", "CONSOLIDATING", { ...full, accepted: 99 })).toBe(
      "lots.refused.notEnoughAccepted",
    );
    expect(transitionRefusal("CONSOLIDATING", "QC", { ...full, awaitingReceipt: 1 })).toBe(
      "lots.refused.notAllReceived",
    );
    expect(transitionRefusal("QC", "READY", { ...full, passed: 90 })).toBe("lots.refused.short");
    expect(transitionRefusal("QC", "READY", { ...full, awaitingQc: 1 })).toBe("lots.refused.qcPending");
    expect(transitionRefusal("QC", "SOURCING", full)).toBe("lots.refused.notShort");
    expect(transitionRefusal("QC", "SOURCING", { ...full, passed: 80 })).toBeNull();
    for (const [from, to] of [
      ["DRAFT", "SOURCING"],
      ["SOURCING", "CONSOLIDATING"],
      ["CONSOLIDATING", "QC"],
      ["QC", "READY"],
      ["READY", "SHIPPED"],
      ["SHIPPED", "DELIVERED"],
    ] as const) {
      expect(transitionRefusal(from, to, full), `${from}>${to}`).toBeNull();
    }
  });
});
