/** Forms of the trading house: company, quote request, quote, lot actions. */
import { z } from "zod";
import { SHIPPING_COUNTRIES } from "../orders/index.server";
import { amountIn, amountText, moneyField } from "../money/fields";
import { percentToBps } from "../money";
import { regency } from "../regions";
import { BUYER_TERMS_LIST } from "./terms";
import { EXPORT_PORTS, QUOTE_INCOTERMS } from "./landed-cost";

export const INCOTERMS = QUOTE_INCOTERMS;
export const QUOTE_CURRENCIES = ["USD", "SGD", "MYR", "THB", "IDR"] as const;
export const RFQ_UNITS = ["pcs", "kg", "lembar", "botol", "toples", "bungkus"] as const;

const text = (max: number) =>
  z.string().trim().min(2, { error: "errors.required" }).max(max, { error: "errors.tooLong" });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "errors.tooLong" })
    .optional()
    .transform((v) => (v ? v : null));
const dateField = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "errors.date" })
  .transform((v) => new Date(`${v}T00:00:00Z`));

export const companySchema = z.object({
  companyName: text(160),
  companyCountry: z.string().refine((c) => SHIPPING_COUNTRIES.includes(c), { error: "errors.invalidChoice" }),
  taxId: optionalText(40),
  contactName: text(120),
  contactEmail: z.string().trim().toLowerCase().email({ error: "errors.email" }),
  contactPhone: optionalText(30),
});

export const rfqSchema = z
  .object({
    productId: optionalText(40),
    categoryId: optionalText(40),
    quantity: z.coerce
      .number({ error: "errors.quantity" })
      .int({ error: "errors.quantity" })
      .min(1, { error: "errors.quantity" })
      .max(10_000_000, { error: "errors.quantity" }),
    unit: z.enum(RFQ_UNITS, { error: "errors.invalidChoice" }),
    targetPrice: z.union([z.literal(""), amountText]).optional(),
    targetCurrency: z.enum(QUOTE_CURRENCIES, { error: "errors.invalidChoice" }),
    destinationCountry: z.string().refine((c) => SHIPPING_COUNTRIES.includes(c), { error: "errors.invalidChoice" }),
    destinationPort: optionalText(80),
    incoterm: z.enum(INCOTERMS, { error: "errors.invalidChoice" }),
    wantedBy: z.union([z.literal(""), dateField]).optional(),
    notes: optionalText(2000),
  })
  .transform(({ targetPrice, ...rest }, ctx) => ({
    ...rest,
    targetPrice: targetPrice ? amountIn(targetPrice, rest.targetCurrency, ctx, ["targetPrice"]) : null,
  }));

/** A percentage as typed ("0,3", "15") → basis points within [0, max]. */
const percentField = (maxBps: number) =>
  z
    .string()
    .trim()
    .transform((typed, ctx) => {
      const bps = percentToBps(typed);
      if (bps === null || bps > maxBps) {
        ctx.addIssue({ code: "custom", message: "errors.percent" });
        return z.NEVER;
      }
      return bps;
    });

/**
 * The staff quote: the landed-cost inputs (rupiah), the buyer's currency, validity and lead
 * time. "preview" shows the build-up; "send" sends the quote priced from it.
 */
export const quoteSchema = z.object({
  intent: z.enum(["preview", "send"]).default("preview"),
  currency: z.enum(QUOTE_CURRENCIES, { error: "errors.invalidChoice" }),
  incoterm: z.enum(INCOTERMS, { error: "errors.invalidChoice" }),
  pickupRegency: z.string({ error: "errors.required" }).refine((c) => !!regency(c), { error: "errors.invalidChoice" }),
  port: z.enum(EXPORT_PORTS.map((p) => p.key) as [string, ...string[]], { error: "errors.invalidChoice" }),
  /** what producers are paid per unit */
  producerPrice: moneyField("IDR", { min: 1n }),
  consolidation: moneyField("IDR"),
  packaging: moneyField("IDR"),
  inlandFreight: moneyField("IDR"),
  portCharges: moneyField("IDR"),
  mainFreight: moneyField("IDR"),
  destinationDelivery: moneyField("IDR"),
  insurance: percentField(1000),
  margin: percentField(10_000),
  validUntil: dateField,
  leadTimeDays: z.coerce
    .number({ error: "errors.number" })
    .int({ error: "errors.number" })
    .min(1, { error: "errors.number" })
    .max(365, { error: "errors.number" }),
  conditions: optionalText(2000),
});

/** Staff set a buyer company's payment terms and credit limit. */
export const termsSchema = z.object({
  companyId: z.string().min(1).max(40),
  terms: z.enum(BUYER_TERMS_LIST, { error: "errors.invalidChoice" }),
  deposit: percentField(10_000),
  creditLimit: moneyField("IDR"),
});

/** A buyer's payment as the bank statement shows it. */
export const buyerPaymentSchema = z
  .object({
    invoiceId: z.string().min(1).max(40),
    paidCurrency: z.enum(QUOTE_CURRENCIES, { error: "errors.invalidChoice" }),
    paidAmount: amountText,
    paidOn: dateField,
    bankReference: text(60),
  })
  .transform(({ paidAmount, ...rest }, ctx) => ({
    ...rest,
    paidAmount: amountIn(paidAmount, rest.paidCurrency, ctx, ["paidAmount"]),
  }));

export const exposureLimitSchema = z.object({ exposureLimit: moneyField("IDR") });

/** The paid-sample rules on the receivables page (trade/samples.server.ts). */
export const sampleRulesSchema = z.object({
  sampleMaxUnits: z.coerce
    .number({ error: "errors.number" })
    .int({ error: "errors.number" })
    .min(1, { error: "errors.number" })
    .max(1000, { error: "errors.number" }),
  sampleCreditDays: z.coerce
    .number({ error: "errors.number" })
    .int({ error: "errors.number" })
    .min(0, { error: "errors.number" })
    .max(730, { error: "errors.number" }),
});

/** A product's cost structure for its Form D origin (trade/origin.ts), per unit in rupiah. */
export const costStructureSchema = z.object({
  localMaterials: moneyField("IDR"),
  importedMaterials: moneyField("IDR"),
  labour: moneyField("IDR"),
  overhead: moneyField("IDR"),
  otherCosts: moneyField("IDR"),
  profit: moneyField("IDR"),
  whollyObtained: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
});
