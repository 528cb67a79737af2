/**
 * Catalogue search on Meilisearch: typo tolerance, id/en synonyms, facets with counts,
 * sorting and pages. Every filter value is validated before it reaches a filter string,
 * so a URL cannot inject Meilisearch filter syntax. When Meilisearch is down, search
 * falls back to PostgreSQL and says so.
 */
import { validCertificationWhere } from "../certification/index.server";
import { z } from "zod";
import { db } from "~/lib/db.server";
import type { AppLocale } from "~/lib/i18n";
import { getMeili, indexName } from "../../../search/client";
import type { ProductDocument } from "../../../search/documents";
import { productCardSelect, toProductCard, visibleProductWhere, type ProductCard } from "./product-card.server";
import { province, regency, regencyLabel } from "../regions";
import { compareMinor, majorToMinor, minorToMajor, toMinor } from "../money";

export const SEARCH_PAGE_SIZE = 24;
import { CERT_FILTERS as CERTS, HL_POST, HL_PRE, SORTS } from "./search-options";
export { HL_POST, HL_PRE, SORTS };

const optionalInt = z.preprocess(
  (v) => (v === "" || v == null ? undefined : v),
  z.coerce.number().int().min(0).max(1_000_000_000).optional(),
);

export const searchParamsSchema = z.object({
  q: z.string().max(200).catch("").default(""),
  category: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/)
    .optional()
    .catch(undefined),
  province: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .catch(undefined),
  regency: z
    .string()
    .regex(/^\d{2}\.\d{2}$/)
    .optional()
    .catch(undefined),
  cert: z.array(z.enum(CERTS)).catch([]).default([]),
  export: z.literal("1").optional().catch(undefined),
  min: optionalInt.catch(undefined),
  max: optionalInt.catch(undefined),
  /** only products rated at least this many stars on average */
  rating: z.literal("4").optional().catch(undefined),
  sort: z.enum(SORTS).catch("relevance").default("relevance"),
  page: z.coerce.number().int().min(1).max(200).catch(1).default(1),
});

export type SearchParams = z.infer<typeof searchParamsSchema>;

export function parseSearchParams(url: URL): SearchParams {
  const sp = url.searchParams;
  const raw: Record<string, unknown> = {};
  for (const k of ["q", "category", "province", "regency", "export", "rating", "min", "max", "sort", "page"]) {
    const v = sp.get(k);
    if (v !== null && v !== "") raw[k] = v;
  }
  raw.cert = sp.getAll("cert").filter(Boolean);
  return searchParamsSchema.parse(raw);
}

function quote(v: string) {
  return `"${v.replace(/["\\]/g, "")}"`;
}

export function buildFilter(p: SearchParams): string[] {
  const f: string[] = [];
  if (p.category) f.push(`categoryPath = ${quote(p.category)}`);
  if (p.province) f.push(`provinceCode = ${quote(p.province)}`);
  if (p.regency) f.push(`regencyCode = ${quote(p.regency)}`);
  for (const c of p.cert) f.push(`certifications = ${quote(c)}`);
  if (p.export) f.push("exportReady = true");
  if (p.rating) f.push(`rating >= ${Number(p.rating)}`);
  if (p.min !== undefined) f.push(`price >= ${majorToMinor(p.min, "IDR")}`);
  if (p.max !== undefined) f.push(`price <= ${majorToMinor(p.max, "IDR")}`);
  return f;
}

function sortFor(s: SearchParams["sort"]): string[] | undefined {
  if (s === "price_asc") return ["price:asc"];
  if (s === "price_desc") return ["price:desc"];
  if (s === "newest") return ["publishedAt:desc"];
  if (s === "rating") return ["rating:desc", "ratingCount:desc"];
  return undefined;
}

export type FacetValue = { value: string; label: string; count: number };
export type SearchResult = {
  degraded: boolean;
  total: number;
  page: number;
  pages: number;
  items: Array<ProductCard & { highlightedName: string }>;
  facets: { category: FacetValue[]; province: FacetValue[]; regency: FacetValue[]; cert: FacetValue[]; export: number };
  priceRange: { min: number; max: number } | null;
  tookMs: number;
};

async function categoryLabels(locale: AppLocale) {
  const rows = await db.category.findMany({ select: { slug: true, nameId: true, nameEn: true } });
  return new Map(rows.map((r) => [r.slug, locale === "en" ? r.nameEn : r.nameId]));
}

/** Listed products whose visible reviews average at least `stars` (the fallback's rating filter). */
async function ratedAtLeast(stars: number) {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM "Product" WHERE listed AND "ratingCount" > 0 AND "ratingSum" >= ${stars} * "ratingCount"`;
  return rows.map((r) => r.id);
}

export async function searchProducts(p: SearchParams, locale: AppLocale): Promise<SearchResult> {
  try {
    return await searchMeili(p, locale);
  } catch (err) {
    if (process.env.NODE_ENV !== "test") console.warn(`search degraded: ${err instanceof Error ? err.message : err}`);
    return searchPostgres(p, locale);
  }
}

/** The facets every search asks Meilisearch for (the search benchmark asks the same). */
export const SEARCH_FACETS = ["categoryPath", "provinceCode", "regencyCode", "certifications", "exportReady", "price"];

async function searchMeili(p: SearchParams, locale: AppLocale): Promise<SearchResult> {
  const index = getMeili().index<ProductDocument>(indexName("products"));
  // the category names are read while Meilisearch searches, not after
  const labelsRead = categoryLabels(locale);
  labelsRead.catch(() => undefined); // awaited below; a search failure must not leave it unhandled
  const res = await index.search(p.q, {
    filter: buildFilter(p),
    facets: SEARCH_FACETS,
    sort: sortFor(p.sort),
    hitsPerPage: SEARCH_PAGE_SIZE,
    page: p.page,
    attributesToHighlight: [locale === "en" ? "name_en" : "name_id"],
    highlightPreTag: HL_PRE,
    highlightPostTag: HL_POST,
  });
  const labels = await labelsRead;
  const dist = res.facetDistribution ?? {};
  const facet = (name: string, label: (v: string) => string | undefined) =>
    Object.entries(dist[name] ?? {})
      .map(([value, count]) => ({ value, count, label: label(value) ?? value }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const en = locale === "en";
  const items = res.hits.map((h) => {
    const name = en ? h.name_en : h.name_id;
    const formatted = (h._formatted as Partial<ProductDocument> | undefined)?.[en ? "name_en" : "name_id"];
    return {
      slug: h.slug,
      name,
      highlightedName: typeof formatted === "string" ? formatted : name,
      names: { id: h.name_id, en: h.name_en },
      producer: h.producer,
      producerSlug: h.producerSlug,
      regencyCode: h.regencyCode,
      region: regencyLabel(h.regencyCode),
      price: { amount: toMinor(h.price), currency: h.currency },
      inStock: h.inStock,
      image: h.image && { ...h.image, alt: name },
      certifications: h.certifications,
    };
  });
  const stats = res.facetStats?.price;
  return {
    degraded: false,
    total: res.totalHits ?? items.length,
    page: res.page ?? p.page,
    pages: Math.max(1, res.totalPages ?? 1),
    items,
    facets: {
      category: facet("categoryPath", (v) => labels.get(v)),
      province: facet("provinceCode", (v) => province(v)?.name),
      regency: facet("regencyCode", (v) => (regency(v) ? regencyLabel(v) : undefined)),
      cert: facet("certifications", () => undefined),
      export: (dist.exportReady ?? {})["true"] ?? 0,
    },
    priceRange: stats
      ? { min: Number(minorToMajor(stats.min, "IDR", "floor")), max: Number(minorToMajor(stats.max, "IDR", "ceil")) }
      : null,
    tookMs: res.processingTimeMs,
  };
}

/** The degraded path: plain PostgreSQL matching on names and descriptions, same filters, no facet counts. */
async function searchPostgres(p: SearchParams, locale: AppLocale): Promise<SearchResult> {
  const started = Date.now();
  const now = new Date();
  const words = p.q.trim().split(/\s+/).filter(Boolean).slice(0, 6);
  const where = {
    ...visibleProductWhere(),
    AND: [
      ...words.map((w) => ({
        OR: [
          { nameId: { contains: w, mode: "insensitive" as const } },
          { nameEn: { contains: w, mode: "insensitive" as const } },
          { descriptionId: { contains: w, mode: "insensitive" as const } },
          { descriptionEn: { contains: w, mode: "insensitive" as const } },
        ],
      })),
      ...(p.category
        ? [{ OR: [{ category: { slug: p.category } }, { category: { parent: { slug: p.category } } }] }]
        : []),
      ...(p.province ? [{ producer: { provinceCode: p.province } }] : []),
      ...(p.regency ? [{ producer: { regencyCode: p.regency } }] : []),
      ...(p.export ? [{ exportReady: true }] : []),
      ...(p.rating ? [{ id: { in: await ratedAtLeast(Number(p.rating)) } }] : []),
      ...p.cert.map((c) => ({
        certifications: { some: { certification: { ...validCertificationWhere(now), type: c } } },
      })),
      ...(p.min !== undefined ? [{ variants: { some: { priceAmount: { gte: majorToMinor(p.min, "IDR") } } } }] : []),
      ...(p.max !== undefined ? [{ variants: { some: { priceAmount: { lte: majorToMinor(p.max, "IDR") } } } }] : []),
    ],
  };
  const orderBy =
    p.sort === "newest" || p.sort === "relevance"
      ? [{ publishedAt: "desc" as const }, { id: "asc" as const }]
      : p.sort === "rating"
        ? [{ ratingSum: "desc" as const }, { id: "asc" as const }]
        : [{ nameId: "asc" as const }];
  const [rows, total] = await Promise.all([
    db.product.findMany({
      where,
      orderBy,
      skip: (p.page - 1) * SEARCH_PAGE_SIZE,
      take: SEARCH_PAGE_SIZE,
      select: productCardSelect(now),
    }),
    db.product.count({ where }),
  ]);
  const items = rows.map((r) => toProductCard(r, locale)).map((c) => ({ ...c, highlightedName: c.name }));
  if (p.sort === "price_asc" || p.sort === "price_desc") {
    const dir = p.sort === "price_asc" ? 1 : -1;
    items.sort((a, b) => dir * compareMinor(a.price?.amount ?? 0n, b.price?.amount ?? 0n));
  }
  return {
    degraded: true,
    total,
    page: p.page,
    pages: Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE)),
    items,
    facets: { category: [], province: [], regency: [], cert: [], export: 0 },
    priceRange: null,
    tookMs: Date.now() - started,
  };
}
