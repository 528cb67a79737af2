/** The product editor's form: a product with its variants and wholesale tiers, as zod schemas. */
import { isValidGtin, normaliseGtin } from "./gtin";
import { z } from "zod";
import { moneyField } from "../money/fields";
import { text } from "~/lib/form-fields";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const count = (min: number) =>
  z.coerce
    .number({ error: "errors.number" })
    .int({ error: "errors.number" })
    .min(min, { error: "errors.number" })
    .max(1_000_000, { error: "errors.number" });

/** A size typed as "length x width x height" in whole cm (each 1–999). */
function sizeField(error: string) {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^([1-9]\d{0,2}) *[x×*] *([1-9]\d{0,2}) *[x×*] *([1-9]\d{0,2})$/i, { error })
      .transform((s) => {
        const [l, w, h] = s.split(/ *[x×*] */i).map(Number);
        return { l, w, h };
      })
      .optional(),
  );
}

export const variantSchema = z.object({
  id: z.string().optional(),
  sku: z
    .string({ error: "errors.required" })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, { error: "workErrors.sku" }),
  nameId: text(80),
  nameEn: text(80),
  /** the GS1 number under the barcode, if the variant has one: digits of a GTIN length with a valid check digit */
  gtin: z.preprocess(
    (v) => (typeof v === "string" ? normaliseGtin(v) || undefined : v),
    z.string().refine(isValidGtin, { error: "workErrors.gtin" }).optional(),
  ),
  /** rupiah typed whole ("150000" or "150.000"), stored as minor units; at least Rp100, at most Rp100.000.000.000 */
  price: z.preprocess(blankToUndefined, moneyField("IDR", { min: 10_000n, minKey: "workErrors.price" })),
  stock: z.preprocess(blankToUndefined, count(0)),
  /** the stock the form showed when it was opened: only the change from it is applied */
  stockShown: z.preprocess(blankToUndefined, count(0).optional()),
  minOrderQty: z.preprocess(blankToUndefined, count(1).optional()).transform((v) => v ?? 1),
  weightGrams: z.preprocess((v) => (v === "" ? undefined : v), count(1).optional()),
  /** one unit as packed, "40x30x20" in cm: couriers charge the volumetric weight when it is more */
  packedSize: sizeField("workErrors.packedSize"),
  /** the export carton: units in it, its outside size in cm and a full carton's weight in kg (all or none) */
  cartonUnits: z.preprocess(blankToUndefined, count(1).optional()),
  cartonSize: sizeField("workErrors.packedSize"),
  cartonGrossKg: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^\d{1,4}([.,]\d{1,3})?$/, { error: "workErrors.cartonWeight" })
      .transform((s) => Math.round(Number(s.replace(",", ".")) * 1000))
      .refine((g) => g > 0 && g <= 1_000_000, { error: "workErrors.cartonWeight" })
      .optional(),
  ),
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
      .pipe(
        z
          .string()
          .regex(/^\d{4}(\.\d{2}){0,2}$/, { error: "workErrors.hsCode" })
          .optional(),
      ),
    unit: z.enum(["pcs", "lembar", "botol", "toples", "bungkus", "kg"], { error: "errors.invalidChoice" }),
    weightGrams: z.preprocess(blankToUndefined, count(1)),
    exportReady: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
    certificationIds: z.array(z.string()).default([]),
    variants: z.array(variantSchema).min(1, { error: "workErrors.variantRequired" }).max(20),
  })
  .superRefine((v, ctx) => {
    const skus = new Set<string>();
    v.variants.forEach((variant, i) => {
      const carton = [variant.cartonUnits, variant.cartonSize, variant.cartonGrossKg];
      if (carton.some((x) => x !== undefined) && carton.some((x) => x === undefined))
        ctx.addIssue({ code: "custom", path: ["variants", i, "cartonUnits"], message: "workErrors.cartonAll" });
      if (skus.has(variant.sku))
        ctx.addIssue({ code: "custom", path: ["variants", i, "sku"], message: "workErrors.skuDuplicate" });
      skus.add(variant.sku);
      for (const n of [1, 2] as const) {
        const q = variant[`tier${n}Qty`];
        const p = variant[`tier${n}Price`];
        if ((q === undefined) !== (p === undefined))
          ctx.addIssue({
            code: "custom",
            path: ["variants", i, `tier${n}Price`],
            message: "workErrors.tierIncomplete",
          });
        if (p !== undefined && p >= variant.price)
          ctx.addIssue({ code: "custom", path: ["variants", i, `tier${n}Price`], message: "workErrors.tierPrice" });
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
  for (const v of Object.values(out))
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) if (v[i] === undefined) v.splice(i, 1);
  return out;
}
