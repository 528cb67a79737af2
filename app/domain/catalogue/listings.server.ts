/**
 * Category, region and producer pages, straight from PostgreSQL (so they keep working
 * when search is down). Paginated, newest first.
 */
import { validCertificationWhere } from "../certification/index.server";
import { db } from "~/lib/db.server";
import type { AppLocale } from "~/lib/i18n";
import type { Prisma } from "~/generated/prisma/client";
import { productCardSelect, toProductCard, visibleProductWhere } from "./product-card.server";
import { provinces, regencyLabel, regencySlug } from "../regions";
import { categoryScope, listingCount } from "./listing-counts.server";

export const PAGE_SIZE = 24;

/**
 * One page of listed products, newest first. `counted` is how many there are in all: a count the
 * database keeps (listing-counts.server.ts) where there is one, else a count of the rows.
 */
async function productList(
  where: Prisma.ProductWhereInput,
  page: number,
  locale: AppLocale,
  counted?: Promise<number>,
) {
  const now = new Date();
  const full = { ...visibleProductWhere(), ...where };
  const [rows, total] = await Promise.all([
    db.product.findMany({
      where: full,
      orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: productCardSelect(now),
    }),
    counted ?? db.product.count({ where: full }),
  ]);
  return {
    items: rows.map((r) => toProductCard(r, locale)),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

export async function categoryPage(slug: string, page: number, locale: AppLocale) {
  const category = await db.category.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      nameId: true,
      nameEn: true,
      parentId: true,
      parent: { select: { slug: true, nameId: true, nameEn: true } },
      children: { orderBy: { position: "asc" }, select: { slug: true, nameId: true, nameEn: true } },
    },
  });
  if (!category) return null;
  const en = locale === "en";
  // a top-level category lists its own products and its subcategories'
  const scope = categoryScope(category);
  const counts = listingCount(scope, category.id);
  const products = await productList(
    scope === "top" ? { topCategoryId: category.id } : { categoryId: category.id },
    page,
    locale,
    counts.then((c) => c.products),
  );
  const { exportReady } = await counts;
  return {
    slug: category.slug,
    name: en ? category.nameEn : category.nameId,
    parent: category.parent && {
      slug: category.parent.slug,
      name: en ? category.parent.nameEn : category.parent.nameId,
    },
    children: category.children.map((c) => ({ slug: c.slug, name: en ? c.nameEn : c.nameId })),
    products,
    /** some of its goods are export-ready: the page invites business buyers to ask for a quote */
    exportReady: exportReady > 0,
  };
}

/** A region slug is a province short name ("kalteng") or a kabupaten/kota name ("katingan"). */
export async function regionPage(slug: string, page: number, locale: AppLocale) {
  const province = provinces.find((p) => p.short.toLowerCase() === slug);
  if (province) {
    const counts = await db.listingCount.findMany({
      where: { scope: "regency", key: { in: province.regencies.map((r) => r.code) } },
      select: { key: true, producers: true },
    });
    const byCode = new Map(counts.map((c) => [c.key, c.producers]));
    return {
      kind: "province" as const,
      slug,
      name: province.name,
      province: null,
      regencies: province.regencies.map((r) => ({
        slug: regencySlug(r.code),
        name: regencyLabel(r.code),
        producers: byCode.get(r.code) ?? 0,
      })),
      products: await productList({ producer: { status: "VERIFIED", provinceCode: province.code } }, page, locale),
    };
  }
  for (const p of provinces) {
    const r = p.regencies.find((x) => regencySlug(x.code) === slug);
    if (r) {
      return {
        kind: "regency" as const,
        slug,
        name: regencyLabel(r.code),
        province: { slug: p.short.toLowerCase(), name: p.name },
        regencies: [],
        products: await productList({ producer: { status: "VERIFIED", regencyCode: r.code } }, page, locale),
      };
    }
  }
  return null;
}

export async function producerPage(slug: string, page: number, locale: AppLocale) {
  const now = new Date();
  const p = await db.producer.findFirst({
    where: { slug, status: "VERIFIED" },
    select: {
      id: true,
      slug: true,
      legalName: true,
      scale: true,
      regencyCode: true,
      storyId: true,
      storyEn: true,
      createdAt: true,
      certifications: {
        where: { ...validCertificationWhere(now) },
        orderBy: { type: "asc" },
        select: { type: true, number: true, issuer: true, expiresAt: true },
      },
    },
  });
  if (!p) return null;
  return {
    slug: p.slug,
    name: p.legalName,
    scale: p.scale,
    region: regencyLabel(p.regencyCode),
    regionSlug: regencySlug(p.regencyCode),
    story: (locale === "en" ? p.storyEn : null) ?? p.storyId,
    certifications: p.certifications.map((c) => ({
      type: c.type,
      number: c.number,
      issuer: c.issuer,
      expiresAt: c.expiresAt?.toISOString().slice(0, 10) ?? null,
    })),
    products: await productList(
      { producerId: p.id },
      page,
      locale,
      listingCount("producer", p.id).then((c) => c.products),
    ),
  };
}

/** Everything the sitemap lists. */
export async function sitemapEntries() {
  const [products, producers, categories] = await Promise.all([
    db.product.findMany({ where: visibleProductWhere(), select: { slug: true, updatedAt: true } }),
    db.producer.findMany({ where: { status: "VERIFIED" }, select: { slug: true, updatedAt: true, regencyCode: true } }),
    db.category.findMany({ select: { slug: true } }),
  ]);
  const regions = new Set<string>(provinces.map((p) => p.short.toLowerCase()));
  for (const p of producers) regions.add(regencySlug(p.regencyCode));
  return {
    products: products.map((p) => ({ path: `/products/${p.slug}`, lastmod: p.updatedAt })),
    producers: producers.map((p) => ({ path: `/producers/${p.slug}`, lastmod: p.updatedAt })),
    categories: categories.map((c) => ({ path: `/categories/${c.slug}` })),
    regions: [...regions].map((r) => ({ path: `/regions/${r}` })),
  };
}
