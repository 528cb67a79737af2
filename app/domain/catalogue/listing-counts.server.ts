/**
 * How many listed products a category, a top-level category or a producer has, and how many
 * verified producers a regency has. The database keeps these counts as products and producers
 * change (statement triggers, migration listing_counts), so a page reads one row instead of
 * counting the catalogue: the work of a page does not grow with the number of products.
 */
import { db } from "~/lib/db.server";

export type CountScope = "category" | "top" | "producer" | "regency";

export type ListingCounts = { products: number; exportReady: number; producers: number };

const NONE: ListingCounts = { products: 0, exportReady: 0, producers: 0 };

export async function listingCount(scope: CountScope, key: string): Promise<ListingCounts> {
  const row = await db.listingCount.findUnique({
    where: { scope_key: { scope, key } },
    select: { products: true, exportReady: true, producers: true },
  });
  return row ?? NONE;
}

/** A category page counts its own products, a top-level one also its subcategories'. */
export function categoryScope(category: { parentId: string | null }): CountScope {
  return category.parentId ? "category" : "top";
}

/**
 * The home page's figures in one statement: top-level categories with their listed products,
 * and regencies with their verified producers.
 */
export async function shopOverview() {
  const [row] = await db.$queryRaw<
    Array<{
      categories: Array<{ slug: string; nameId: string; nameEn: string; products: number }> | null;
      regencies: Array<{ code: string; producers: number }> | null;
    }>
  >`
    SELECT
      (SELECT json_agg(json_build_object('slug', c.slug, 'nameId', c."nameId", 'nameEn', c."nameEn",
                                         'products', COALESCE(n.products, 0)) ORDER BY c.position, c.slug)
         FROM "Category" c
         LEFT JOIN "ListingCount" n ON n.scope = 'top' AND n.key = c.id
        WHERE c."parentId" IS NULL) AS categories,
      (SELECT json_agg(json_build_object('code', n.key, 'producers', n.producers) ORDER BY n.key)
         FROM "ListingCount" n
        WHERE n.scope = 'regency' AND n.producers > 0) AS regencies`;
  return { categories: row?.categories ?? [], regencies: row?.regencies ?? [] };
}
