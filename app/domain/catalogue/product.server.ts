/** What a product page shows: only published products of verified producers exist for buyers. */
import { db } from "~/lib/db.server";
import type { AppLocale } from "~/lib/i18n";
import { toProductCard, type ImageRow } from "./product-card.server";
import { regency } from "../regions";
import { photosOf, ratingAverage, reviewerName, REVIEWS_PER_PAGE, productReviews } from "../reviews/index.server";

type ReviewRow = {
  id: string;
  rating: number;
  body: string;
  photos: unknown;
  createdAt: string;
  editedAt: string | null;
  producerReply: string | null;
  repliedAt: string | null;
  buyer: string;
};

/** The page's product as one JSON row (bigints as text, dates as ISO strings). */
type PageRow = {
  id: string;
  slug: string;
  nameId: string;
  nameEn: string;
  descriptionId: string;
  descriptionEn: string;
  unit: string;
  weightGrams: number;
  hsCode: string | null;
  exportReady: boolean;
  updatedAt: string;
  category: {
    slug: string;
    nameId: string;
    nameEn: string;
    parent: { slug: string; nameId: string; nameEn: string } | null;
  };
  producer: {
    slug: string;
    legalName: string;
    scale: string;
    regencyCode: string;
    storyId: string;
    storyEn: string | null;
  };
  variants: Array<{
    id: string;
    sku: string;
    nameId: string;
    nameEn: string;
    priceAmount: string;
    currency: string;
    stock: number;
    minOrderQty: number;
    priceTiers: Array<{ minQty: number; priceAmount: string }>;
  }>;
  images: ImageRow[];
  certifications: Array<{ type: string; number: string; issuer: string; expiresAt: string | null }>;
  ratingCount: number;
  ratingSum: number;
  /** visible reviews per star ("5" → count); null without reviews */
  stars: Record<string, number> | null;
  /** the first page of visible reviews (one more than a page: is there a next?) */
  reviews: Array<ReviewRow>;
  related: Array<{
    slug: string;
    nameId: string;
    nameEn: string;
    unit: string;
    producer: { legalName: string; slug: string; regencyCode: string };
    variants: Array<{ priceAmount: string; currency: string; stock: number; minOrderQty: number }>;
    images: ImageRow[];
    certifications: Array<{ certification: { type: string } }>;
  }>;
};

/**
 * The product, its producer, variants with their price tiers, ready photos, valid certificates
 * (NIB apart), and four newer products of its category as cards — in one statement. This is
 * the most visited page and is rendered for every signed-in buyer: built with Prisma's nested
 * selects it took two round trips and ~6 ms of query compilation per request; one prepared
 * statement reads the same rows (the partial indexes on listed products included). A
 * certificate counts until the end of its expiry date, as `validCertificationWhere` says.
 */
async function productPageRow(slug: string, now: Date): Promise<PageRow | null> {
  const today = now.toISOString().slice(0, 10);
  const rows = await db.$queryRaw<Array<{ page: PageRow }>>`
    SELECT json_build_object(
      'id', p.id, 'slug', p.slug, 'nameId', p."nameId", 'nameEn', p."nameEn",
      'descriptionId', p."descriptionId", 'descriptionEn', p."descriptionEn",
      'unit', p.unit, 'weightGrams', p."weightGrams", 'hsCode', p."hsCode", 'exportReady', p."exportReady",
      'updatedAt', to_char(p."updatedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'category', json_build_object(
        'slug', c.slug, 'nameId', c."nameId", 'nameEn', c."nameEn",
        'parent', (SELECT json_build_object('slug', pc.slug, 'nameId', pc."nameId", 'nameEn', pc."nameEn")
                     FROM "Category" pc WHERE pc.id = c."parentId")),
      'producer', json_build_object(
        'slug', r.slug, 'legalName', r."legalName", 'scale', r.scale, 'regencyCode', r."regencyCode",
        'storyId', r."storyId", 'storyEn', r."storyEn"),
      'variants', COALESCE((
        SELECT json_agg(json_build_object(
                 'id', v.id, 'sku', v.sku, 'nameId', v."nameId", 'nameEn', v."nameEn",
                 'priceAmount', v."priceAmount"::text, 'currency', v.currency, 'stock', v.stock,
                 'minOrderQty', v."minOrderQty",
                 'priceTiers', COALESCE((
                   SELECT json_agg(json_build_object('minQty', t."minQty", 'priceAmount', t."priceAmount"::text)
                                   ORDER BY t."minQty")
                     FROM "PriceTier" t WHERE t."variantId" = v.id), '[]'::json))
                 ORDER BY v.position, v."priceAmount")
          FROM "Variant" v WHERE v."productId" = p.id), '[]'::json),
      'images', COALESCE((
        SELECT json_agg(json_build_object('key', i.key, 'width', i.width, 'height', i.height,
                                          'variantWidths', i."variantWidths", 'altId', i."altId", 'altEn', i."altEn")
                        ORDER BY i.position)
          FROM "ProductImage" i WHERE i."productId" = p.id AND i.ready), '[]'::json),
      'certifications', COALESCE((
        SELECT json_agg(json_build_object('type', ce.type, 'number', ce.number, 'issuer', ce.issuer,
                                          'expiresAt', ce."expiresAt")
                        ORDER BY pcx."certificationId")
          FROM "ProductCertification" pcx JOIN "Certification" ce ON ce.id = pcx."certificationId"
         WHERE pcx."productId" = p.id AND ce.type <> 'NIB' AND ce.status = 'VERIFIED'
           AND (ce."expiresAt" IS NULL OR ce."expiresAt" > ${today}::date)), '[]'::json),
      'ratingCount', p."ratingCount", 'ratingSum', p."ratingSum",
      'stars', CASE WHEN p."ratingCount" > 0 THEN (
        SELECT json_object_agg(s.rating, s.n)
          FROM (SELECT rating, count(*) AS n FROM "Review"
                 WHERE "productId" = p.id AND status = 'VISIBLE' GROUP BY rating) s) END,
      'reviews', CASE WHEN p."ratingCount" > 0 THEN COALESCE((
        SELECT json_agg(json_build_object(
                 'id', rv.id, 'rating', rv.rating, 'body', rv.body, 'photos', rv.photos,
                 'createdAt', rv."createdAt", 'editedAt', rv."editedAt",
                 'producerReply', rv."producerReply", 'repliedAt', rv."repliedAt", 'buyer', rv.name)
                 ORDER BY rv."createdAt" DESC, rv.id DESC)
          FROM (SELECT x.*, u.name FROM "Review" x JOIN "User" u ON u.id = x."buyerId"
                 WHERE x."productId" = p.id AND x.status = 'VISIBLE'
                 ORDER BY x."createdAt" DESC, x.id DESC LIMIT ${REVIEWS_PER_PAGE + 1}) rv), '[]'::json)
        ELSE '[]'::json END,
      'related', COALESCE((
        SELECT json_agg(json_build_object(
                 'slug', q.slug, 'nameId', q."nameId", 'nameEn', q."nameEn", 'unit', q.unit,
                 'producer', (SELECT json_build_object('legalName', qr."legalName", 'slug', qr.slug,
                                                       'regencyCode', qr."regencyCode")
                                FROM "Producer" qr WHERE qr.id = q."producerId"),
                 'variants', COALESCE((
                   SELECT json_agg(json_build_object('priceAmount', qv."priceAmount"::text, 'currency', qv.currency,
                                                     'stock', qv.stock, 'minOrderQty', qv."minOrderQty")
                                   ORDER BY qv."priceAmount")
                     FROM "Variant" qv WHERE qv."productId" = q.id), '[]'::json),
                 'images', COALESCE((
                   SELECT json_agg(json_build_object('key', qi.key, 'width', qi.width, 'height', qi.height,
                                                     'variantWidths', qi."variantWidths", 'altId', qi."altId",
                                                     'altEn', qi."altEn"))
                     FROM (SELECT * FROM "ProductImage" x WHERE x."productId" = q.id AND x.ready
                            ORDER BY x.position LIMIT 1) qi), '[]'::json),
                 'certifications', COALESCE((
                   SELECT json_agg(json_build_object('certification', json_build_object('type', qc.type)))
                     FROM "ProductCertification" qpc JOIN "Certification" qc ON qc.id = qpc."certificationId"
                    WHERE qpc."productId" = q.id AND qc.status = 'VERIFIED'
                      AND (qc."expiresAt" IS NULL OR qc."expiresAt" > ${today}::date)), '[]'::json))
                 ORDER BY q."publishedAt" DESC, q.id)
          FROM (SELECT * FROM "Product" x
                 WHERE x.listed AND x."categoryId" = p."categoryId" AND x.id <> p.id
                 ORDER BY x."publishedAt" DESC, x.id LIMIT 4) q), '[]'::json)
    ) AS page
      FROM "Product" p
      JOIN "Category" c ON c.id = p."categoryId"
      JOIN "Producer" r ON r.id = p."producerId"
     WHERE p.slug = ${slug} AND p.listed`;
  return rows[0]?.page ?? null;
}

/** The page's product with its rating, and page `reviewsPage` of its reviews (the first comes with the product). */
export async function productPage(slug: string, locale: AppLocale, reviewsPage = 1) {
  const now = new Date();
  const p = await productPageRow(slug, now);
  if (!p) return null;
  const firstPage = {
    page: 1,
    hasMore: p.reviews.length > REVIEWS_PER_PAGE,
    reviews: p.reviews.slice(0, REVIEWS_PER_PAGE).map((r) => ({
      id: r.id,
      rating: r.rating,
      body: r.body,
      photos: photosOf(r.photos),
      createdAt: new Date(r.createdAt),
      editedAt: r.editedAt ? new Date(r.editedAt) : null,
      producerReply: r.producerReply,
      repliedAt: r.repliedAt ? new Date(r.repliedAt) : null,
      buyer: reviewerName(r.buyer),
    })),
  };
  const reviews = reviewsPage > 1 && p.ratingCount > 0 ? await productReviews(p.id, reviewsPage) : firstPage;
  const en = locale === "en";
  const related = p.related.map((r) => ({
    ...r,
    variants: r.variants.map((v) => ({ ...v, priceAmount: BigInt(v.priceAmount) })),
  }));
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
    updatedAt: p.updatedAt,
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
      price: BigInt(v.priceAmount),
      currency: v.currency,
      stock: v.stock,
      inStock: v.stock > 0,
      lowStock: v.stock > 0 && v.stock <= 5,
      minOrderQty: v.minOrderQty,
      tiers: v.priceTiers.map((t) => ({ minQty: t.minQty, price: BigInt(t.priceAmount) })),
    })),
    images: p.images.map((i) => ({
      key: i.key,
      width: i.width,
      height: i.height,
      widths: i.variantWidths,
      alt: (en ? i.altEn : i.altId) ?? name,
    })),
    certifications: p.certifications.map((c) => ({
      type: c.type,
      number: c.number,
      issuer: c.issuer,
      expiresAt: c.expiresAt,
    })),
    related: related.map((r) => toProductCard(r, locale)),
    rating: {
      count: p.ratingCount,
      average: ratingAverage(p),
      distribution: [5, 4, 3, 2, 1].map((star) => ({ star, count: Number(p.stars?.[star] ?? 0) })),
    },
    reviews,
  };
}

export type ProductPage = NonNullable<Awaited<ReturnType<typeof productPage>>>;
