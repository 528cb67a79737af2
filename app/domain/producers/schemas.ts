/**
 * Forms of the producer portal, validated the same way everywhere (web forms and the
 * registry CSV import). Error messages are locale keys.
 */
import { z } from "zod";
import { moneyField } from "../money/fields";
import { regency } from "../catalogue/regions";

export const NIB_RE = /^\d{13}$/;

/** Certificate number formats per type (shared/data/kalimantan.json). */
export const CERT_NUMBER: Record<"NIB" | "HALAL" | "BPOM_MD" | "BPOM_ML" | "PIRT" | "SNI", RegExp> = {
  NIB: /^\d{13}$/,
  PIRT: /^\d{15}$/,
  BPOM_MD: /^MD\d{12}$/,
  BPOM_ML: /^ML\d{12}$/,
  HALAL: /^ID\d{10,20}$/,
  SNI: /^SNI[\s\S]{3,60}$/,
};
export const CERT_TYPES = ["HALAL", "BPOM_MD", "BPOM_ML", "PIRT", "SNI"] as const;

const text = (max: number) => z.string({ error: "errors.required" }).trim().min(1, { error: "errors.required" }).max(max, { error: "errors.tooLong" });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "errors.tooLong" })
    .optional()
    .transform((v) => (v ? v : undefined));

export const producerProfileSchema = z
  .object({
    legalName: text(150),
    nib: z.string({ error: "errors.required" }).trim().regex(NIB_RE, { error: "errors.nib" }),
    scale: z.enum(["MIKRO", "KECIL", "MENENGAH"], { error: "errors.invalidChoice" }),
    regencyCode: z.string({ error: "errors.required" }).refine((c) => !!regency(c), { error: "errors.invalidChoice" }),
    address: text(300),
    storyId: text(2000),
    storyEn: optionalText(2000),
    contactName: text(100),
    contactPhone: z.string({ error: "errors.required" }).trim().regex(/^\+?[0-9 ()-]{8,20}$/, { error: "errors.phone" }),
    contactEmail: z.string({ error: "errors.required" }).trim().toLowerCase().pipe(z.email({ error: "errors.email" })),
    bankName: optionalText(100),
    bankAccountNo: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v.replace(/[\s-]/g, "") : undefined))
      .pipe(z.string().regex(/^\d{6,20}$/, { error: "errors.bankAccount" }).optional()),
    bankAccountName: optionalText(150),
    provenanceConsent: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  })
  .transform((v) => ({ ...v, provinceCode: regency(v.regencyCode)!.provinceCode }));

export type ProducerProfileInput = z.infer<typeof producerProfileSchema>;

const isoDate = z
  .string({ error: "errors.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "errors.date" })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { error: "errors.date" })
  .transform((s) => new Date(`${s}T00:00:00Z`));

export const certificateSchema = z
  .object({
    type: z.enum(CERT_TYPES, { error: "errors.invalidChoice" }),
    number: z.string({ error: "errors.required" }).trim().toUpperCase().min(1, { error: "errors.required" }).max(80, { error: "errors.tooLong" }),
    issuer: text(150),
    issuedAt: isoDate,
    expiresAt: z.preprocess((v) => (v === "" ? undefined : v), isoDate.optional()),
  })
  .superRefine((v, ctx) => {
    if (!CERT_NUMBER[v.type].test(v.number)) ctx.addIssue({ code: "custom", path: ["number"], message: `errors.certNumber_${v.type}` });
    if (v.issuedAt.getTime() > Date.now() + 86_400_000) ctx.addIssue({ code: "custom", path: ["issuedAt"], message: "errors.dateFuture" });
    if (v.expiresAt && v.expiresAt <= v.issuedAt) ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "errors.expiryBeforeIssue" });
  });

export type CertificateInput = z.infer<typeof certificateSchema>;

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const count = (min: number) => z.coerce.number({ error: "errors.number" }).int({ error: "errors.number" }).min(min, { error: "errors.number" }).max(1_000_000, { error: "errors.number" });

export const variantSchema = z.object({
  id: z.string().optional(),
  sku: z.string({ error: "errors.required" }).trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, { error: "errors.sku" }),
  nameId: text(80),
  nameEn: text(80),
  /** rupiah typed whole ("150000" or "150.000"), stored as minor units; at least Rp100, at most Rp100.000.000.000 */
  price: z.preprocess(blankToUndefined, moneyField("IDR", { min: 10_000n, minKey: "errors.price" })),
  stock: z.preprocess(blankToUndefined, count(0)),
  /** the stock the form showed when it was opened: only the change from it is applied */
  stockShown: z.preprocess(blankToUndefined, count(0).optional()),
  minOrderQty: z.preprocess(blankToUndefined, count(1).optional()).transform((v) => v ?? 1),
  weightGrams: z.preprocess((v) => (v === "" ? undefined : v), count(1).optional()),
  tier1Qty: z.preprocess((v) => (v === "" ? undefined : v), count(2).optional()),
  tier1Price: z.preprocess((v) => (v === "" ? undefined : v), moneyField("IDR").optional()),
  tier2Qty: z.preprocess((v) => (v === "" ? undefined : v), count(2).optional()),
  tier2Price: z.preprocess((v) => (v === "" ? undefined : v), moneyField("IDR").optional()),
});

export const productSchema = z
  .object({
    nameId: text(120),
    nameEn: text(120),
    descriptionId: text(5000),
    descriptionEn: text(5000),
    categoryId: z.string({ error: "errors.required" }).min(1, { error: "errors.required" }),
    hsCode: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.string().regex(/^\d{4}(\.\d{2}){0,2}$/, { error: "errors.hsCode" }).optional()),
    unit: z.enum(["pcs", "lembar", "botol", "toples", "bungkus", "kg"], { error: "errors.invalidChoice" }),
    weightGrams: z.preprocess(blankToUndefined, count(1)),
    exportReady: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    certificationIds: z.array(z.string()).default([]),
    variants: z.array(variantSchema).min(1, { error: "errors.variantRequired" }).max(20),
  })
  .superRefine((v, ctx) => {
    const skus = new Set<string>();
    v.variants.forEach((variant, i) => {
      if (skus.has(variant.sku)) ctx.addIssue({ code: "custom", path: ["variants", i, "sku"], message: "errors.skuDuplicate" });
      skus.add(variant.sku);
      for (const n of [1, 2] as const) {
        const q = variant[`tier${n}Qty`];
        const p = variant[`tier${n}Price`];
        if ((q === undefined) !== (p === undefined)) ctx.addIssue({ code: "custom", path: ["variants", i, `tier${n}Price`], message: "errors.tierIncomplete" });
        if (p !== undefined && p >= variant.price) ctx.addIssue({ code: "custom", path: ["variants", i, `tier${n}Price`], message: "errors.tierPrice" });
      }
    });
  });

export type ProductInput = z.infer<typeof productSchema>;

/** Reads `variants[0].sku`-style fields of a form into nested objects for the schema. */
export function nestForm(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key).filter((v): v is string => typeof v === "string");
    const m = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(key);
    if (m) {
      const arr = (out[m[1]] ??= []) as Array<Record<string, string>>;
      (arr[Number(m[2])] ??= {})[m[3]] = values[0];
    } else if (key.endsWith("[]")) {
      out[key.slice(0, -2)] = values;
    } else {
      out[key] = values[0];
    }
  }
  for (const v of Object.values(out)) if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) if (v[i] === undefined) v.splice(i, 1);
  return out;
}
