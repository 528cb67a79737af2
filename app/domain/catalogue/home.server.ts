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
import { shopOverview } from "./listing-counts.server";

export async function homePage(locale: AppLocale) {
  const now = new Date();
  const [featured, producers, overview] = await Promise.all([
    // featured products can be bought now: nothing sold out
    db.product.findMany({
      where: { ...visibleProductWhere(), variants: { some: { stock: { gt: 0 } } } },
      orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
      take: 12,
      select: productCardSelect(now),
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
          orderBy: { type: "asc" },
          select: { type: true },
        },
      },
    }),
    shopOverview(),
  ]);
  const categories = overview.categories.map((c) => ({
    slug: c.slug,
    name: locale === "en" ? c.nameEn : c.nameId,
    products: c.products,
  }));
  return {
    stats: {
      producers: overview.regencies.reduce((s, r) => s + r.producers, 0),
      // every listed product sits under exactly one top-level category
      products: categories.reduce((s, c) => s + c.products, 0),
      regions: overview.regencies.length,
    },
    featured: featured.map((p) => toProductCard(p, locale)),
    categories,
    regions: overview.regencies.map((r) => ({
      slug: regencySlug(r.code),
      name: regencyLabel(r.code),
      producers: r.producers,
    })),
    producers: producers.map((p) => ({
      slug: p.slug,
      name: p.legalName,
      region: regencyLabel(p.regencyCode),
      scale: p.scale,
      certifications: [...new Set(p.certifications.map((c) => c.type))],
    })),
  };
}
