/** What a product page shows: only published products of verified producers exist for buyers. */
import { validCertificationWhere } from "../certification/index.server";
import { db } from "~/lib/db.server";
import type { AppLocale } from "~/lib/i18n";
import { productCardSelect, toProductCard, visibleProductWhere } from "./product-card.server";
import { regency } from "../regions";

export async function productPage(slug: string, locale: AppLocale) {
  const now = new Date();
  const p = await db.product.findFirst({
    where: { slug, ...visibleProductWhere() },
    select: {
      id: true,
      slug: true,
      nameId: true,
      nameEn: true,
      descriptionId: true,
      descriptionEn: true,
      unit: true,
      weightGrams: true,
      hsCode: true,
      exportReady: true,
      updatedAt: true,
      category: {
        select: {
          id: true,
          slug: true,
          nameId: true,
          nameEn: true,
          parent: { select: { slug: true, nameId: true, nameEn: true } },
        },
      },
      producer: {
        select: { slug: true, legalName: true, scale: true, regencyCode: true, storyId: true, storyEn: true },
      },
      variants: {
        orderBy: [{ position: "asc" }, { priceAmount: "asc" }],
        select: {
          id: true,
          sku: true,
          nameId: true,
          nameEn: true,
          priceAmount: true,
          currency: true,
          stock: true,
          minOrderQty: true,
          priceTiers: { orderBy: { minQty: "asc" }, select: { minQty: true, priceAmount: true } },
        },
      },
      images: {
        where: { ready: true },
        orderBy: { position: "asc" },
        select: { key: true, width: true, height: true, variantWidths: true, altId: true, altEn: true },
      },
      certifications: {
        where: { certification: { ...validCertificationWhere(now), type: { not: "NIB" } } },
        select: { certification: { select: { type: true, number: true, issuer: true, expiresAt: true } } },
      },
    },
  });
  if (!p) return null;
  const en = locale === "en";
  const related = await db.product.findMany({
    where: { ...visibleProductWhere(), categoryId: p.category.id, id: { not: p.id } },
    orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
    take: 4,
    select: productCardSelect(now),
  });
  const reg = regency(p.producer.regencyCode);
  const name = en ? p.nameEn : p.nameId;
  return {
    slug: p.slug,
    name,
    description: en ? p.descriptionEn : p.descriptionId,
    unit: p.unit,
    weightGrams: p.weightGrams,
    hsCode: p.hsCode,
    exportReady: p.exportReady,
    updatedAt: p.updatedAt.toISOString(),
    category: { slug: p.category.slug, name: en ? p.category.nameEn : p.category.nameId },
    parentCategory: p.category.parent && {
      slug: p.category.parent.slug,
      name: en ? p.category.parent.nameEn : p.category.parent.nameId,
    },
    producer: {
      slug: p.producer.slug,
      name: p.producer.legalName,
      scale: p.producer.scale,
      region: reg ? `${reg.type === "kota" ? "Kota" : "Kab."} ${reg.name}` : p.producer.regencyCode,
      province: reg?.provinceName ?? "",
      story: (en ? p.producer.storyEn : null) ?? p.producer.storyId,
    },
    variants: p.variants.map((v) => ({
      id: v.id,
      sku: v.sku,
      name: en ? v.nameEn : v.nameId,
      price: v.priceAmount,
      currency: v.currency,
      stock: v.stock,
      inStock: v.stock > 0,
      lowStock: v.stock > 0 && v.stock <= 5,
      minOrderQty: v.minOrderQty,
      tiers: v.priceTiers.map((t) => ({ minQty: t.minQty, price: t.priceAmount })),
    })),
    images: p.images.map((i) => ({
      key: i.key,
      width: i.width,
      height: i.height,
      widths: i.variantWidths,
      alt: (en ? i.altEn : i.altId) ?? name,
    })),
    certifications: p.certifications.map((c) => ({
      type: c.certification.type,
      number: c.certification.number,
      issuer: c.certification.issuer,
      expiresAt: c.certification.expiresAt?.toISOString().slice(0, 10) ?? null,
    })),
    related: related.map((r) => toProductCard(r, locale)),
  };
}

export type ProductPage = NonNullable<Awaited<ReturnType<typeof productPage>>>;
