/** The partner API's view of the catalogue: both languages in every item, stable field names. */
import { appUrl } from "~/lib/env.server";
import { localePath } from "~/lib/i18n";
import { productPage } from "./product.server";
import { regency } from "../regions";
import { searchProducts, type SearchParams } from "./search.server";

function region(code: string) {
  const r = regency(code);
  return {
    code,
    regency: r ? `${r.type === "kota" ? "Kota" : "Kabupaten"} ${r.name}` : code,
    province: r?.provinceName ?? null,
  };
}

export async function apiProductList(params: SearchParams) {
  const result = await searchProducts(params, "id");
  const origin = appUrl();
  return {
    items: result.items.map((p) => ({
      slug: p.slug,
      name: p.names,
      price: p.price,
      inStock: p.inStock,
      producer: { name: p.producer, slug: p.producerSlug },
      region: region(p.regencyCode),
      certifications: p.certifications,
      url: {
        id: origin + localePath(`/products/${p.slug}`, "id"),
        en: origin + localePath(`/products/${p.slug}`, "en"),
      },
    })),
    page: result.page,
    pages: result.pages,
    total: result.total,
    degraded: result.degraded,
  };
}

export async function apiProduct(slug: string) {
  const [id, en] = await Promise.all([productPage(slug, "id"), productPage(slug, "en")]);
  if (!id || !en) return null;
  const origin = appUrl();
  return {
    slug: id.slug,
    name: { id: id.name, en: en.name },
    description: { id: id.description, en: en.description },
    category: { slug: id.category.slug, name: { id: id.category.name, en: en.category.name } },
    unit: id.unit,
    weightGrams: id.weightGrams,
    hsCode: id.hsCode,
    exportReady: id.exportReady,
    producer: {
      name: id.producer.name,
      slug: id.producer.slug,
      scale: id.producer.scale,
      region: id.producer.region,
      province: id.producer.province,
    },
    variants: id.variants.map((v, i) => ({
      sku: v.sku,
      name: { id: v.name, en: en.variants[i]?.name ?? v.name },
      price: { amount: v.price, currency: v.currency },
      inStock: v.inStock,
      minOrderQty: v.minOrderQty,
      tiers: v.tiers.map((t) => ({ minQty: t.minQty, price: { amount: t.price, currency: v.currency } })),
    })),
    certifications: id.certifications,
    images: id.images.map((img) => ({
      width: img.width,
      height: img.height,
      variants: img.widths.flatMap((w) =>
        (["avif", "webp"] as const).map((f) => ({ width: w, format: f, url: `${origin}/media/${img.key}-${w}.${f}` })),
      ),
    })),
    url: {
      id: origin + localePath(`/products/${id.slug}`, "id"),
      en: origin + localePath(`/products/${id.slug}`, "en"),
    },
    updatedAt: id.updatedAt,
  };
}
