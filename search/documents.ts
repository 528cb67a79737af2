/**
 * The search document of a product: what buyers can find and filter on. Built from
 * PostgreSQL, the source of truth; only published products of verified producers
 * become documents, everything else is removed from the index.
 */
import { validCertificationWhere } from "../app/domain/certification/valid";
import type { Prisma } from "../app/generated/prisma/client";
import type { Tx } from "../app/lib/db.server";
import { regency, province } from "../app/domain/regions/regions";
import { toSafeNumber } from "../app/domain/money";

export type ProductDocument = {
  id: string;
  slug: string;
  name_id: string;
  name_en: string;
  description_id: string;
  description_en: string;
  category: string;
  categoryPath: string[];
  category_id: string;
  category_en: string;
  producer: string;
  producerSlug: string;
  province: string;
  provinceCode: string;
  regency: string;
  regencyCode: string;
  certifications: string[];
  exportReady: boolean;
  price: number;
  currency: string;
  inStock: boolean;
  publishedAt: number;
  /** average stars of visible reviews, one decimal (0: none yet), and how many */
  rating: number;
  ratingCount: number;
  image: { key: string; width: number; height: number; widths: number[] } | null;
};

function select(now: Date) {
  return {
    id: true,
    slug: true,
    status: true,
    nameId: true,
    nameEn: true,
    descriptionId: true,
    descriptionEn: true,
    exportReady: true,
    publishedAt: true,
    ratingCount: true,
    ratingSum: true,
    category: {
      select: {
        slug: true,
        nameId: true,
        nameEn: true,
        parent: { select: { slug: true, parent: { select: { slug: true } } } },
      },
    },
    producer: { select: { legalName: true, slug: true, status: true, provinceCode: true, regencyCode: true } },
    variants: { select: { priceAmount: true, currency: true, stock: true }, orderBy: { priceAmount: "asc" as const } },
    images: {
      where: { ready: true },
      orderBy: { position: "asc" as const },
      take: 1,
      select: { key: true, width: true, height: true, variantWidths: true },
    },
    certifications: {
      where: { certification: validCertificationWhere(now) },
      select: { certification: { select: { type: true } } },
    },
  } satisfies Prisma.ProductSelect;
}

type Row = Prisma.ProductGetPayload<{ select: ReturnType<typeof select> }>;

export function isSearchable(p: Pick<Row, "status"> & { producer: { status: string } }) {
  return p.status === "PUBLISHED" && p.producer.status === "VERIFIED";
}

export function toDocument(p: Row): ProductDocument {
  const reg = regency(p.producer.regencyCode);
  const prov = province(p.producer.provinceCode);
  const cheapest = p.variants[0];
  const img = p.images[0];
  const path = [p.category.slug, p.category.parent?.slug, p.category.parent?.parent?.slug].filter(
    (s): s is string => !!s,
  );
  return {
    id: p.id,
    slug: p.slug,
    name_id: p.nameId,
    name_en: p.nameEn,
    description_id: p.descriptionId,
    description_en: p.descriptionEn,
    category: p.category.slug,
    categoryPath: path,
    category_id: p.category.nameId,
    category_en: p.category.nameEn,
    producer: p.producer.legalName,
    producerSlug: p.producer.slug,
    province: prov?.name ?? p.producer.provinceCode,
    provinceCode: p.producer.provinceCode,
    regency: reg?.name ?? p.producer.regencyCode,
    regencyCode: p.producer.regencyCode,
    certifications: [...new Set(p.certifications.map((c) => c.certification.type).filter((t) => t !== "NIB"))].sort(),
    exportReady: p.exportReady,
    price: toSafeNumber(cheapest?.priceAmount ?? 0n),
    currency: cheapest?.currency ?? "IDR",
    inStock: p.variants.some((v) => v.stock > 0),
    publishedAt: Math.floor((p.publishedAt ?? new Date(0)).getTime() / 1000),
    rating: p.ratingCount ? Math.round((p.ratingSum * 10) / p.ratingCount) / 10 : 0,
    ratingCount: p.ratingCount,
    image: img ? { key: img.key, width: img.width, height: img.height, widths: img.variantWidths } : null,
  };
}

/** Loads the given products and splits them into documents to upsert and ids to delete. */
export async function buildDocuments(tx: Tx, productIds: string[], now = new Date()) {
  const rows = await tx.product.findMany({ where: { id: { in: productIds } }, select: select(now) });
  const upserts: ProductDocument[] = [];
  const found = new Set<string>();
  for (const row of rows) {
    found.add(row.id);
    if (isSearchable(row)) upserts.push(toDocument(row));
  }
  const deletes = productIds.filter((id) => !found.has(id) || !upserts.some((d) => d.id === id));
  return { upserts, deletes };
}
