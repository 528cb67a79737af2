/**
 * How an export price is built: the landed-cost quote.
 *
 * From the producers' price per unit, the house adds consolidation and packaging per unit,
 * then — depending on the Incoterm, i.e. on how far the house carries the goods and their
 * cost — inland freight from the pickup kabupaten to the port, port and document charges,
 * the sea or air freight, insurance (CIF, CIP: the premium on 110 % of the cost and freight
 * value, as Incoterms 2020 require as a minimum) and, for DAP, delivery at the destination.
 * A margin goes on top of the cost, and the rupiah price per unit is converted to the buyer's
 * currency at a dated rate. Every step rounds up to the minor unit, so rounding never eats
 * into the margin. Amounts are bigint minor units (rupiah sen) throughout.
 *
 * Pure and client-safe: the staff quote form recomputes the same build-up on the server.
 */
import { convertFromIdr } from "../money";

export const QUOTE_INCOTERMS = ["EXW", "FCA", "FOB", "CFR", "CIF", "CPT", "CIP", "DAP"] as const;
export type QuoteIncoterm = (typeof QUOTE_INCOTERMS)[number];

/** Ports of Kalimantan that ship export cargo (the inland freight runs from the pickup kabupaten to one of them). */
export const EXPORT_PORTS = [
  { key: "trisakti", name: "Pelabuhan Trisakti, Banjarmasin" },
  { key: "sampit", name: "Pelabuhan Sampit" },
  { key: "kumai", name: "Pelabuhan Kumai" },
  { key: "batulicin", name: "Pelabuhan Batulicin" },
  { key: "syamsudin-noor", name: "Bandara Syamsudin Noor (air cargo)" },
] as const;
export type ExportPortKey = (typeof EXPORT_PORTS)[number]["key"];

export type CostKey =
  | "producer"
  | "consolidation"
  | "packaging"
  | "inlandFreight"
  | "portCharges"
  | "mainFreight"
  | "insurance"
  | "destinationDelivery";

/** Which costs the seller bears under each Incoterm (beyond the goods at its warehouse). */
const SELLER_PAYS: Record<QuoteIncoterm, CostKey[]> = {
  EXW: [],
  FCA: ["inlandFreight"],
  FOB: ["inlandFreight", "portCharges"],
  CFR: ["inlandFreight", "portCharges", "mainFreight"],
  CIF: ["inlandFreight", "portCharges", "mainFreight", "insurance"],
  CPT: ["inlandFreight", "portCharges", "mainFreight"],
  CIP: ["inlandFreight", "portCharges", "mainFreight", "insurance"],
  DAP: ["inlandFreight", "portCharges", "mainFreight", "destinationDelivery"],
};

export function sellerPays(incoterm: QuoteIncoterm, key: CostKey): boolean {
  return ["producer", "consolidation", "packaging"].includes(key) || SELLER_PAYS[incoterm].includes(key);
}

export type CostInputs = {
  incoterm: QuoteIncoterm;
  quantity: number;
  /** per unit, IDR minor units */
  producerPrice: bigint;
  consolidationPerUnit: bigint;
  packagingPerUnit: bigint;
  /** per shipment, IDR minor units */
  inlandFreight: bigint;
  portCharges: bigint;
  mainFreight: bigint;
  destinationDelivery: bigint;
  /** premium on 110 % of cost and freight, basis points (30 = 0.30 %) */
  insuranceBps: number;
  /** on the total cost, basis points */
  marginBps: number;
  /** the buyer's currency and the dated rate (rupiah for one unit of it); IDR needs none */
  rate: { currency: string; idrPerUnit: string; rateDate: string };
};

export type CostLine = { key: CostKey; total: bigint; included: boolean };

export type LandedCost = {
  incoterm: QuoteIncoterm;
  quantity: number;
  lines: CostLine[];
  /** what the house pays for the quantity under this Incoterm */
  cost: bigint;
  margin: bigint;
  /** cost + margin */
  total: bigint;
  /** per unit, rounded up to the sen */
  unitPriceIdr: bigint;
  /** per unit in the buyer's currency, rounded up to its minor unit */
  unitPrice: bigint;
  currency: string;
  rate: CostInputs["rate"];
};

const ceilDiv = (n: bigint, d: bigint) => (n + d - 1n) / d;

export function landedCost(i: CostInputs): LandedCost {
  if (!Number.isInteger(i.quantity) || i.quantity < 1) throw new RangeError("quantity must be a positive integer");
  const q = BigInt(i.quantity);
  const pays = (key: CostKey) => sellerPays(i.incoterm, key);
  const base: Array<[CostKey, bigint]> = [
    ["producer", i.producerPrice * q],
    ["consolidation", i.consolidationPerUnit * q],
    ["packaging", i.packagingPerUnit * q],
    ["inlandFreight", i.inlandFreight],
    ["portCharges", i.portCharges],
    ["mainFreight", i.mainFreight],
  ];
  const lines: CostLine[] = base.map(([key, total]) => ({ key, total, included: pays(key) }));
  const beforeInsurance = lines.reduce((s, l) => (l.included ? s + l.total : s), 0n);
  // insured value 110 % of cost and freight: premium = value × 11/10 × bps/10 000
  const insurance = ceilDiv(beforeInsurance * 11n * BigInt(i.insuranceBps), 100_000n);
  lines.push({ key: "insurance", total: insurance, included: pays("insurance") });
  lines.push({ key: "destinationDelivery", total: i.destinationDelivery, included: pays("destinationDelivery") });
  const cost = lines.reduce((s, l) => (l.included ? s + l.total : s), 0n);
  const margin = ceilDiv(cost * BigInt(i.marginBps), 10_000n);
  const total = cost + margin;
  const unitPriceIdr = ceilDiv(total, q);
  return {
    incoterm: i.incoterm,
    quantity: i.quantity,
    lines,
    cost,
    margin,
    total,
    unitPriceIdr,
    unitPrice: convertFromIdr(unitPriceIdr, i.rate, "up"),
    currency: i.rate.currency,
    rate: i.rate,
  };
}

/** The build-up as kept on the quote (JSON: amounts as decimal strings). */
export function buildUpJson(c: LandedCost, inputs: CostInputs, route: { pickupRegency: string; port: string }) {
  return {
    ...route,
    incoterm: c.incoterm,
    quantity: c.quantity,
    insuranceBps: inputs.insuranceBps,
    marginBps: inputs.marginBps,
    perUnit: {
      producer: String(inputs.producerPrice),
      consolidation: String(inputs.consolidationPerUnit),
      packaging: String(inputs.packagingPerUnit),
    },
    lines: c.lines.map((l) => ({ key: l.key, total: String(l.total), included: l.included })),
    cost: String(c.cost),
    margin: String(c.margin),
    total: String(c.total),
    unitPriceIdr: String(c.unitPriceIdr),
  };
}
export type BuildUpJson = ReturnType<typeof buildUpJson>;

/** The freight and charges of a kept build-up: everything the house paid besides the producers. */
export function chargesOf(b: BuildUpJson): bigint {
  return b.lines.reduce((s, l) => (l.included && l.key !== "producer" ? s + BigInt(l.total) : s), 0n);
}
