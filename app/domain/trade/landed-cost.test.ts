import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convertFromIdr } from "../money";
import { landedCost, QUOTE_INCOTERMS, type CostInputs } from "./landed-cost";

const rp = (major: number) => BigInt(major) * 100n;

/**
 * 1,000 jars of madu kelulut from Katingan to Singapore: producers Rp85.000, consolidation
 * Rp2.000 and packaging Rp3.000 a jar; trucking to Pelabuhan Sampit Rp4.000.000, port and
 * documents Rp3.000.000, sea freight Rp12.000.000, insurance 0.30 %, margin 15 %, SGD at 12,150.
 */
const honey: CostInputs = {
  incoterm: "FOB",
  quantity: 1000,
  producerPrice: rp(85_000),
  consolidationPerUnit: rp(2_000),
  packagingPerUnit: rp(3_000),
  inlandFreight: rp(4_000_000),
  portCharges: rp(3_000_000),
  mainFreight: rp(12_000_000),
  destinationDelivery: rp(2_500_000),
  insuranceBps: 30,
  marginBps: 1500,
  rate: { currency: "SGD", idrPerUnit: "12150", rateDate: "2026-12-01" },
};

describe("landed cost, checked by hand", () => {
  it("FOB: goods, trucking to the port, port and documents; no freight, no insurance", () => {
    const c = landedCost(honey);
    // 90.000.000 + 4.000.000 + 3.000.000 = 97.000.000; +15 % = 111.550.000 → Rp111.550 a jar
    expect(c.cost).toBe(rp(97_000_000));
    expect(c.margin).toBe(rp(14_550_000));
    expect(c.unitPriceIdr).toBe(rp(111_550));
    // 111.550 / 12.150 = 9.1811 → SGD 9.19 (rounded up)
    expect(c.unitPrice).toBe(919n);
    expect(c.lines.find((l) => l.key === "mainFreight")?.included).toBe(false);
    expect(c.lines.find((l) => l.key === "insurance")?.included).toBe(false);
  });

  it("CFR adds the sea freight", () => {
    const c = landedCost({ ...honey, incoterm: "CFR" });
    // 109.000.000 × 1.15 = 125.350.000 → Rp125.350; / 12.150 = 10.3169 → SGD 10.32
    expect(c.cost).toBe(rp(109_000_000));
    expect(c.unitPriceIdr).toBe(rp(125_350));
    expect(c.unitPrice).toBe(1032n);
  });

  it("CIF adds insurance on 110 % of cost and freight", () => {
    const c = landedCost({ ...honey, incoterm: "CIF" });
    // 109.000.000 × 1.1 × 0.30 % = 359.700
    expect(c.lines.find((l) => l.key === "insurance")).toEqual({
      key: "insurance",
      total: rp(359_700),
      included: true,
    });
    // 109.359.700 × 1.15 = 125.763.655 → Rp125.763,655 a jar, up to Rp125.763,66
    expect(c.cost).toBe(rp(109_359_700));
    expect(c.total).toBe(12_576_365_500n);
    expect(c.unitPriceIdr).toBe(12_576_366n);
    // 125.763,66 / 12.150 = 10.3509 → SGD 10.36
    expect(c.unitPrice).toBe(1036n);
  });

  it("EXW is the goods alone; DAP adds delivery at the destination; IDR needs no rate", () => {
    expect(landedCost({ ...honey, incoterm: "EXW", marginBps: 0 }).unitPriceIdr).toBe(rp(90_000));
    expect(landedCost({ ...honey, incoterm: "DAP", marginBps: 0 }).cost).toBe(rp(111_500_000));
    const idr = landedCost({ ...honey, rate: { currency: "IDR", idrPerUnit: "1", rateDate: "2026-12-01" } });
    expect(idr.unitPrice).toBe(idr.unitPriceIdr);
  });
});

describe("landed cost, properties", () => {
  const inputs = fc.record({
    incoterm: fc.constantFrom(...QUOTE_INCOTERMS),
    quantity: fc.integer({ min: 1, max: 2_000_000 }),
    producerPrice: fc.bigInt({ min: 1n, max: 10_000_000_000n }),
    consolidationPerUnit: fc.bigInt({ min: 0n, max: 100_000_000n }),
    packagingPerUnit: fc.bigInt({ min: 0n, max: 100_000_000n }),
    inlandFreight: fc.bigInt({ min: 0n, max: 10_000_000_000_000n }),
    portCharges: fc.bigInt({ min: 0n, max: 10_000_000_000_000n }),
    mainFreight: fc.bigInt({ min: 0n, max: 10_000_000_000_000n }),
    destinationDelivery: fc.bigInt({ min: 0n, max: 10_000_000_000_000n }),
    insuranceBps: fc.integer({ min: 0, max: 500 }),
    marginBps: fc.integer({ min: 0, max: 10_000 }),
    rate: fc.record({
      currency: fc.constantFrom("USD", "SGD", "MYR", "THB"),
      idrPerUnit: fc.integer({ min: 300, max: 20_000 }).map(String),
      rateDate: fc.constant("2026-12-01"),
    }),
  });

  it("the price for the quantity always covers cost and margin, in rupiah and in the buyer's currency", () => {
    fc.assert(
      fc.property(inputs, (i) => {
        const c = landedCost(i);
        const q = BigInt(i.quantity);
        expect(c.unitPriceIdr * q >= c.cost + c.margin).toBe(true);
        expect(c.unitPriceIdr * q - c.total < q).toBe(true); // rounded up by less than a sen a unit
        // converting the foreign price back never gives less than the rupiah price
        expect(c.unitPrice >= convertFromIdr(c.unitPriceIdr, i.rate)).toBe(true);
      }),
    );
  });

  it("carrying the goods further never makes the quote cheaper", () => {
    const chain = ["EXW", "FCA", "FOB", "CFR", "CIF"] as const;
    fc.assert(
      fc.property(inputs, (i) => {
        const costs = chain.map((incoterm) => landedCost({ ...i, incoterm }).cost);
        for (let k = 1; k < costs.length; k++) expect(costs[k] >= costs[k - 1]).toBe(true);
      }),
    );
  });
});
