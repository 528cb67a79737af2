/** The compact product shape used by cards (home, lists, search fallback). */
import { validCertificationWhere } from "../certification/index.server";
import type { Prisma } from "~/generated/prisma/client";
import type { AppLocale } from "~/lib/i18n";
import { regencyLabel } from "../regions";

/**
 * Buyers see published products of verified producers only. The database keeps that answer
 * in `Product.listed` (a trigger on Product and Producer, migration listing_counts), so every
 * list filters on one indexed column instead of joining the producer for each row.
 */
export function visibleProductWhere(): Prisma.ProductWhereInput {
  return { listed: true };
}

export function productCardSelect(now: Date) {
  return {
    slug: true,
    nameId: true,
    nameEn: true,
    unit: true,
    producer: { select: { legalName: true, slug: true, regencyCode: true } },
    variants: {
      select: { priceAmount: true, currency: true, stock: true, minOrderQty: true },
      orderBy: { priceAmount: "asc" },
    },
    images: {
      where: { ready: true },
      orderBy: { position: "asc" },
      take: 1,
      select: { key: true, width: true, height: true, variantWidths: true, altId: true, altEn: true },
    },
    certifications: {
      where: { certification: validCertificationWhere(now) },
      select: { certification: { select: { type: true } } },
    },
  } satisfies Prisma.ProductSelect;
}

/** What a card is made of: a row read with `productCardSelect`, or the same fields read by hand. */
type CardRow = {
  slug: string;
  nameId: string;
  nameEn: string;
  producer: { legalName: string; slug: string; regencyCode: string };
  variants: Array<{ priceAmount: bigint; currency: string; stock: number }>;
  images: ImageRow[];
  certifications: Array<{ certification: { type: string } }>;
};
/** A ready photo as read from ProductImage. */
export type ImageRow = {
  key: string;
  width: number;
  height: number;
  variantWidths: number[];
  altId: string | null;
  altEn: string | null;
};
export type { CardRow };

export type ProductCard = ReturnType<typeof toProductCard>;

export function toProductCard(p: CardRow, locale: AppLocale) {
  const cheapest = p.variants[0];
  const image = p.images[0];
  const name = locale === "en" ? p.nameEn : p.nameId;
  return {
    slug: p.slug,
    name,
    names: { id: p.nameId, en: p.nameEn },
    producer: p.producer.legalName,
    producerSlug: p.producer.slug,
    regencyCode: p.producer.regencyCode,
    region: regencyLabel(p.producer.regencyCode),
    price: cheapest ? { amount: cheapest.priceAmount, currency: cheapest.currency } : null,
    inStock: p.variants.some((v) => v.stock > 0),
    image: image
      ? {
          key: image.key,
          width: image.width,
          height: image.height,
          widths: image.variantWidths,
          alt: (locale === "en" ? image.altEn : image.altId) ?? name,
        }
      : null,
    certifications: [
      ...new Set(p.certifications.map((c) => c.certification.type).filter((t) => t !== "NIB")),
    ] as string[],
  };
}
