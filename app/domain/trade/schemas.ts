/** Forms of the trading house: company, quote request, quote, lot actions. */
import { z } from "zod";
import { SHIPPING_COUNTRIES } from "../orders/index.server";
import { amountIn, amountText, moneyField } from "../money/fields";

export const INCOTERMS = ["EXW", "FOB", "CIF", "DAP"] as const;
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

export const quoteSchema = z
  .object({
    unitPrice: amountText,
    currency: z.enum(QUOTE_CURRENCIES, { error: "errors.invalidChoice" }),
    /** what producers are paid per unit, always in rupiah */
    producerPrice: moneyField("IDR"),
    incoterm: z.enum(INCOTERMS, { error: "errors.invalidChoice" }),
    validUntil: dateField,
    leadTimeDays: z.coerce
      .number({ error: "errors.number" })
      .int({ error: "errors.number" })
      .min(1, { error: "errors.number" })
      .max(365, { error: "errors.number" }),
    conditions: optionalText(2000),
  })
  .transform(({ unitPrice, ...rest }, ctx) => ({
    ...rest,
    unitPrice: amountIn(unitPrice, rest.currency, ctx, ["unitPrice"]),
  }));
