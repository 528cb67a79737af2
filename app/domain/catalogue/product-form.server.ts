/** Reading the product form: nested variant rows, the blank spare row dropped, certificate checkboxes echoed. */
import { nestForm } from "../producers/schemas";

export function shapeProductForm(form: FormData): Record<string, unknown> {
  const raw = nestForm(form);
  const variants = ((raw.variants as Array<Record<string, string>> | undefined) ?? []).filter((v) =>
    Object.entries(v).some(([k, val]) => k !== "id" && val !== undefined && val !== ""),
  );
  return { ...raw, variants, certificationIds: raw.certificationIds ?? [] };
}

export function toFormValues(p: {
  nameId: string;
  nameEn: string;
  descriptionId: string;
  descriptionEn: string;
  categoryId: string;
  hsCode: string | null;
  unit: string;
  weightGrams: number;
  exportReady: boolean;
  certifications: Array<{ certificationId: string }>;
  variants: Array<{ id: string; sku: string; nameId: string; nameEn: string; priceAmount: number; stock: number; minOrderQty: number; weightGrams: number | null; priceTiers: Array<{ minQty: number; priceAmount: number }> }>;
}) {
  return {
    nameId: p.nameId,
    nameEn: p.nameEn,
    descriptionId: p.descriptionId,
    descriptionEn: p.descriptionEn,
    categoryId: p.categoryId,
    hsCode: p.hsCode,
    unit: p.unit,
    weightGrams: p.weightGrams,
    exportReady: p.exportReady,
    certificationIds: p.certifications.map((c) => c.certificationId),
    variants: p.variants.map((v) => ({
      id: v.id,
      sku: v.sku,
      nameId: v.nameId,
      nameEn: v.nameEn,
      price: v.priceAmount / 100,
      stock: v.stock,
      minOrderQty: v.minOrderQty,
      weightGrams: v.weightGrams,
      tiers: v.priceTiers.map((t) => ({ minQty: t.minQty, price: t.priceAmount / 100 })),
    })),
  };
}
