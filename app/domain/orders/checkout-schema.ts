/** The checkout form: contact, where to ship, how to ship and how to pay. */
import { z } from "zod";
import { voucherCodeField } from "../vouchers";
import { regenciesOf, SHIPPING_COUNTRIES, INDONESIAN_PROVINCES } from "./address";

const text = (max: number) =>
  z.string().trim().min(1, { error: "errors.required" }).max(max, { error: "errors.tooLong" });

export const checkoutSchema = z
  .object({
    intent: z.enum(["review", "place"]),
    email: z.string().trim().toLowerCase().email({ error: "errors.email" }).max(200, { error: "errors.tooLong" }),
    name: text(120),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{8,20}$/, { error: "errors.phone" }),
    country: z.string().refine((c) => SHIPPING_COUNTRIES.includes(c), { error: "errors.invalidChoice" }),
    province: z.string().trim().max(80, { error: "errors.tooLong" }).optional().default(""),
    regencyCode: z.string().trim().max(10).optional().default(""),
    city: text(80),
    address: text(300),
    postcode: z.string().trim().max(12, { error: "errors.tooLong" }).optional().default(""),
    /** the courier service the buyer picked per parcel: producer id → service code (the cheapest when absent) */
    ship: z
      .record(z.string().max(40), z.string().max(40))
      .refine((r) => Object.keys(r).length <= 50)
      .optional()
      .default({}),
    /** a voucher code (empty: none) */
    voucher: voucherCodeField,
    paymentMethod: z.enum(["BANK_TRANSFER", "STRIPE", "QRIS", "VIRTUAL_ACCOUNT"], { error: "errors.choosePayment" }),
    /** the bank of a virtual account */
    vaBank: z.string().trim().toUpperCase().max(20).optional().default(""),
    /** from the review step: its one-time key and the digest of what was reviewed */
    checkoutKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,64}$/)
      .optional()
      .catch(undefined),
    reviewDigest: z.string().max(64).optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.paymentMethod === "VIRTUAL_ACCOUNT" && !/^[A-Z_]{2,20}$/.test(v.vaBank))
      ctx.addIssue({ code: "custom", path: ["vaBank"], message: "errors.chooseBank" });
    if (v.country !== "ID") return;
    if (!INDONESIAN_PROVINCES.some((p) => p.code === v.province))
      ctx.addIssue({ code: "custom", path: ["province"], message: "errors.invalidChoice" });
    if (!/^\d{5}$/.test(v.postcode))
      ctx.addIssue({ code: "custom", path: ["postcode"], message: "errors.postcodeInvalid" });
    const regencies = regenciesOf(v.province);
    if (v.regencyCode && !regencies.some((r) => r.code === v.regencyCode))
      ctx.addIssue({ code: "custom", path: ["regencyCode"], message: "errors.invalidChoice" });
  });

export type CheckoutInput = z.infer<typeof checkoutSchema>;

/** The form's fields, with the parcels' picks (`ship.<producer id>`) gathered into `ship`. */
export function checkoutShape(form: FormData): Record<string, unknown> {
  const ship: Record<string, string> = {};
  const out: Record<string, unknown> = { ship };
  for (const k of new Set(form.keys())) {
    const v = form.get(k);
    if (k.startsWith("ship.")) {
      if (typeof v === "string") ship[k.slice(5)] = v;
    } else out[k] = v;
  }
  return out;
}
