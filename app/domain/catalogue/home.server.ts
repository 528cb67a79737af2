/**
 * What the home page shows, straight from the catalogue: featured products, top-level
 * categories, regions with their producers, and verified producers with certificates.
 * Only published products of verified producers are shown to buyers.
 */
import { validCertificationWhere } from "../certification/index.server";
import { db } from "~/lib/db.server";
import type { AppLocale } from "~/lib/i18n";
import { regencyLabel, regencySlug } from "../regions";
import { toProductCard, productCardSelect, visibleProductWhere } from "./product-card.server";

export async function homePage(locale: AppLocale) {
  const now = new Date();
  const [featured, categories, producerRegions, producers, counts] = await Promise.all([
    // featured products can be bought now: nothing sold out
    db.product.findMany({
      where: { ...visibleProductWhere(), variants: { some: { stock: { gt: 0 } } } },
      orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
      take: 12,
      select: productCardSelect(now),
    }),
    db.category.findMany({
      where: { parentId: null },
      orderBy: { position: "asc" },
      select: {
        slug: true,
        nameId: true,
        nameEn: true,
        _count: { select: { products: { where: visibleProductWhere() } } },
        // a top-level category's products mostly sit in its subcategories
        children: { select: { _count: { select: { products: { where: visibleProductWhere() } } } } },
      },
    }),
    db.producer.groupBy({
      by: ["regencyCode"],
      where: { status: "VERIFIED" },
      _count: { _all: true },
      orderBy: { regencyCode: "asc" },
    }),
    db.producer.findMany({
      where: { status: "VERIFIED", certifications: { some: validCertificationWhere(now) } },
      orderBy: { legalName: "asc" },
      take: 8,
      select: {
        slug: true,
        legalName: true,
        regencyCode: true,
        scale: true,
        certifications: {
          where: { ...validCertificationWhere(now), type: { not: "NIB" } },
          select: { type: true },
          distinct: ["type"],
        },
      },
    }),
    Promise.all([
      db.producer.count({ where: { status: "VERIFIED" } }),
      db.product.count({ where: visibleProductWhere() }),
    ]),
  ]);
  return {
    stats: { producers: counts[0], products: counts[1], regions: producerRegions.length },
    featured: featured.map((p) => toProductCard(p, locale)),
    categories: categories.map((c) => ({
      slug: c.slug,
      name: locale === "en" ? c.nameEn : c.nameId,
      products: c._count.products + c.children.reduce((s, k) => s + k._count.products, 0),
    })),
    regions: producerRegions.map((r) => ({
      slug: regencySlug(r.regencyCode),
      name: regencyLabel(r.regencyCode),
      producers: r._count._all,
    })),
    producers: producers.map((p) => ({
      slug: p.slug,
      name: p.legalName,
      region: regencyLabel(p.regencyCode),
      scale: p.scale,
      certifications: p.certifications.map((c) => c.type),
    })),
  };
}
