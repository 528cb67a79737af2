/** Reading the product form: nested variant rows, the blank spare row dropped, certificate checkboxes echoed. */
import type { ProductFormValues } from "~/components/product-form";
import { nestForm } from "./schemas";
import { toInputString } from "../money";

export function shapeProductForm(form: FormData): Record<string, unknown> {
  const raw = nestForm(form);
  const variants = ((raw.variants as Array<Record<string, string>> | undefined) ?? []).filter((v) =>
    Object.entries(v).some(([k, val]) => k !== "id" && val !== undefined && val !== ""),
  );
  return { ...raw, variants, certificationIds: raw.certificationIds ?? [] };
}

/** The editor's values from a stored product (prices back to whole rupiah). */
export function toFormValues(
  p: Omit<ProductFormValues, "certificationIds" | "variants"> & {
    certifications: Array<{ certificationId: string }>;
    variants: Array<{
      id: string;
      sku: string;
      gtin: string | null;
      nameId: string;
      nameEn: string;
      priceAmount: bigint;
      stock: number;
      minOrderQty: number;
      weightGrams: number | null;
      lengthCm: number | null;
      widthCm: number | null;
      heightCm: number | null;
      cartonUnits: number | null;
      cartonLengthCm: number | null;
      cartonWidthCm: number | null;
      cartonHeightCm: number | null;
      cartonGrossGrams: number | null;
      priceTiers: Array<{ minQty: number; priceAmount: bigint }>;
    }>;
  },
): ProductFormValues {
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
      gtin: v.gtin ?? "",
      nameId: v.nameId,
      nameEn: v.nameEn,
      price: toInputString(v.priceAmount, "IDR"),
      stock: v.stock,
      minOrderQty: v.minOrderQty,
      weightGrams: v.weightGrams,
      packedSize: v.lengthCm && v.widthCm && v.heightCm ? `${v.lengthCm}x${v.widthCm}x${v.heightCm}` : "",
      cartonUnits: v.cartonUnits,
      cartonSize:
        v.cartonLengthCm && v.cartonWidthCm && v.cartonHeightCm
          ? `${v.cartonLengthCm}x${v.cartonWidthCm}x${v.cartonHeightCm}`
          : "",
      cartonGrossKg: v.cartonGrossGrams ? String(v.cartonGrossGrams / 1000) : "",
      tiers: v.priceTiers.map((t) => ({ minQty: t.minQty, price: toInputString(t.priceAmount, "IDR") })),
    })),
  };
}
