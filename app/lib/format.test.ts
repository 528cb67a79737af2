import { describe, expect, it } from "vitest";
import { formatMoney, minorUnitsPerMajor } from "./format";

describe("money formatting", () => {
  it("writes rupiah the way each locale does", () => {
    expect(formatMoney(15_000_000, "IDR", "id")).toBe("Rp150.000");
    expect(formatMoney(15_000_000, "IDR", "en")).toBe("IDR 150,000");
  });
  it("keeps cents only when there are any", () => {
    expect(formatMoney(15_000_050, "IDR", "id")).toBe("Rp150.000,50");
    expect(formatMoney(1999, "USD", "en")).toBe("US$19.99");
  });
  it("knows Stripe's zero-decimal currencies", () => {
    expect(minorUnitsPerMajor("IDR")).toBe(100);
    expect(minorUnitsPerMajor("VND")).toBe(1);
    expect(formatMoney(250000, "VND", "en")).toContain("250,000");
  });
});
