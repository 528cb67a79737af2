/**
 * Carts: a signed-in buyer's cart, or a guest cart (its id kept in a cookie by the HTTP edge), merged
 * into the buyer's cart at sign-in. Quantities respect stock and minimum order
 * quantities; the wholesale tier price applies automatically. Totals are in IDR.
 */
import { db } from "~/lib/db.server";
import type { AppLocale } from "~/lib/i18n";
import { visibleProductWhere } from "../catalogue/index.server";
import { regencyLabel } from "../regions";
import { unitPrice } from "./pricing";
import { marketSettings } from "./settings.server";

export const MAX_LINE_QTY = 10_000;

/** Whose cart: a signed-in buyer, or a guest with the cart id its cookie names (app/lib/cookies.server.ts). */
export type CartOwner = { userId: string | null; guestCartId: string | null };

/** The visitor's cart id, if there is one (never another user's cart). */
export async function findCartId({ userId, guestCartId }: CartOwner): Promise<string | null> {
  if (userId)
    return (
      (await db.cart.findFirst({ where: { userId }, orderBy: { createdAt: "asc" }, select: { id: true } }))?.id ?? null
    );
  const id = guestCartId;
  if (!id) return null;
  return (await db.cart.findFirst({ where: { id, userId: null }, select: { id: true } }))?.id ?? null;
}

/** How many units are in the visitor's cart (for the header badge). */
export async function cartItemCount({ userId, guestCartId }: CartOwner): Promise<number> {
  if (!userId && !guestCartId) return 0;
  // one statement: the cart findCartId would pick, and its units (every page's header asks)
  const [row] = await db.$queryRaw<Array<{ units: number }>>`
    SELECT COALESCE(sum(i.quantity), 0)::int AS units
      FROM "CartItem" i
     WHERE i."cartId" = CASE WHEN ${userId}::text IS NOT NULL
       THEN (SELECT c.id FROM "Cart" c WHERE c."userId" = ${userId}::text ORDER BY c."createdAt" LIMIT 1)
       ELSE (SELECT c.id FROM "Cart" c WHERE c.id = ${guestCartId}::text AND c."userId" IS NULL) END`;
  return row?.units ?? 0;
}

export type CartRefusal = "unavailable" | "below-moq" | "over-stock" | "invalid-quantity" | "sample-max";
export class CartRefused extends Error {
  constructor(
    readonly reason: CartRefusal,
    readonly detail: { moq?: number; stock?: number; max?: number } = {},
  ) {
    super(`cart: ${reason}`);
  }
}

async function sellableVariant(variantId: string) {
  return db.variant.findFirst({
    where: { id: variantId, product: visibleProductWhere() },
    select: { id: true, stock: true, minOrderQty: true },
  });
}

function checkQuantity(v: { stock: number; minOrderQty: number }, quantity: number) {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QTY) throw new CartRefused("invalid-quantity");
  if (quantity < v.minOrderQty) throw new CartRefused("below-moq", { moq: v.minOrderQty });
  if (quantity > v.stock) throw new CartRefused("over-stock", { stock: v.stock });
}

/** A paid sample's quantity (trade/samples.server.ts): no minimum order, at most the sample limit and the stock. */
export function checkSampleQuantity(v: { stock: number }, quantity: number, maxUnits: number) {
  if (!Number.isInteger(quantity) || quantity < 1) throw new CartRefused("invalid-quantity");
  if (quantity > maxUnits) throw new CartRefused("sample-max", { max: maxUnits });
  if (quantity > v.stock) throw new CartRefused("over-stock", { stock: v.stock });
}

/**
 * Adds to (or sets) a line of the visitor's cart; creates the cart when needed and
 * returns its id (for the guest cookie). Setting the quantity of a sample keeps it a sample
 * (within the sample limit); adding the product again from its page makes it a purchase.
 */
export async function setCartLine(owner: CartOwner, variantId: string, quantity: number, mode: "add" | "set") {
  const v = await sellableVariant(variantId);
  if (!v) throw new CartRefused("unavailable");
  let cartId = await findCartId(owner);
  if (!cartId) cartId = (await db.cart.create({ data: { userId: owner.userId } })).id;
  const existing = await db.cartItem.findUnique({ where: { cartId_variantId: { cartId, variantId } } });
  const target = mode === "add" ? (existing?.quantity ?? 0) + quantity : quantity;
  const sample = mode === "set" && existing?.sampleRfqId;
  if (sample) checkSampleQuantity(v, target, (await marketSettings()).sampleMaxUnits);
  else checkQuantity(v, target);
  await db.cartItem.upsert({
    where: { cartId_variantId: { cartId, variantId } },
    update: { quantity: target, ...(mode === "add" ? { sampleRfqId: null } : {}) },
    create: { cartId, variantId, quantity: target },
  });
  return cartId;
}

export async function removeCartLine(owner: CartOwner, variantId: string) {
  const cartId = await findCartId(owner);
  if (cartId) await db.cartItem.deleteMany({ where: { cartId, variantId } });
}

/** At sign-in: the guest cart's lines join the buyer's cart (quantities add up, capped by stock). */
export async function mergeGuestCart(guestId: string | null, userId: string) {
  if (!guestId) return;
  await db.$transaction(async (tx) => {
    const guest = await tx.cart.findFirst({
      where: { id: guestId, userId: null },
      include: { items: { include: { variant: { select: { stock: true } } } } },
    });
    if (!guest) return;
    const mine =
      (await tx.cart.findFirst({ where: { userId }, orderBy: { createdAt: "asc" } })) ??
      (await tx.cart.create({ data: { userId } }));
    for (const item of guest.items) {
      const existing = await tx.cartItem.findUnique({
        where: { cartId_variantId: { cartId: mine.id, variantId: item.variantId } },
      });
      const quantity = Math.min((existing?.quantity ?? 0) + item.quantity, Math.max(item.variant.stock, 1));
      await tx.cartItem.upsert({
        where: { cartId_variantId: { cartId: mine.id, variantId: item.variantId } },
        // a sample the guest's units join becomes a purchase (a sample stays within its limit)
        update: { quantity, sampleRfqId: null },
        create: { cartId: mine.id, variantId: item.variantId, quantity },
      });
    }
    await tx.cart.delete({ where: { id: guest.id } });
  });
}

/** The cart as the buyer sees it: lines grouped by producer, tier prices applied, problems flagged. */
export async function cartView(cartId: string | null, locale: AppLocale) {
  if (!cartId) return { lines: [], subtotal: 0n, currency: "IDR", problems: 0 };
  const items = await db.cartItem.findMany({
    where: { cartId },
    orderBy: { id: "asc" },
    include: {
      variant: {
        include: {
          priceTiers: true,
          product: {
            select: {
              slug: true,
              nameId: true,
              nameEn: true,
              status: true,
              weightGrams: true,
              categoryId: true,
              producer: {
                select: { id: true, legalName: true, status: true, regencyCode: true, freeShippingMinAmount: true },
              },
              images: { where: { ready: true }, orderBy: { position: "asc" }, take: 1 },
            },
          },
        },
      },
    },
  });
  const lines = items.map((i) => {
    const v = i.variant;
    const p = v.product;
    const price = unitPrice(v.priceAmount, v.priceTiers, i.quantity);
    const available = p.status === "PUBLISHED" && p.producer.status === "VERIFIED";
    const problem: CartRefusal | null = !available
      ? "unavailable"
      : i.quantity > v.stock
        ? "over-stock"
        : i.quantity < v.minOrderQty && !i.sampleRfqId
          ? "below-moq"
          : null;
    return {
      variantId: v.id,
      sku: v.sku,
      slug: p.slug,
      name: locale === "en" ? p.nameEn : p.nameId,
      variantName: locale === "en" ? v.nameEn : v.nameId,
      /** both languages, for the order line's snapshot */
      names: { productId: p.nameId, productEn: p.nameEn, variantId: v.nameId, variantEn: v.nameEn },
      producerId: p.producer.id,
      producer: p.producer.legalName,
      /** what a voucher limited to a category looks at */
      categoryId: p.categoryId,
      region: regencyLabel(p.producer.regencyCode),
      /** where the parcel leaves from, and what the producer ships free above */
      origin: p.producer.regencyCode,
      freeShippingMin: p.producer.freeShippingMinAmount,
      /** one unit as packed: the variant's own weight or the product's, and its size when known */
      unitGrams: v.weightGrams ?? p.weightGrams,
      unitSize: v.lengthCm && v.widthCm && v.heightCm ? { l: v.lengthCm, w: v.widthCm, h: v.heightCm } : null,
      quantity: i.quantity,
      /** a paid sample for this quote request (trade/samples.server.ts) */
      sampleRfqId: i.sampleRfqId,
      unitPrice: price,
      basePrice: v.priceAmount,
      tierApplied: price !== v.priceAmount,
      lineTotal: price * BigInt(i.quantity),
      currency: v.currency,
      stock: v.stock,
      minOrderQty: v.minOrderQty,
      problem,
      image: p.images[0]
        ? {
            key: p.images[0].key,
            width: p.images[0].width,
            height: p.images[0].height,
            widths: p.images[0].variantWidths,
          }
        : null,
    };
  });
  return {
    lines,
    subtotal: lines.filter((l) => !l.problem).reduce((s, l) => s + l.lineTotal, 0n),
    currency: "IDR",
    problems: lines.filter((l) => l.problem).length,
  };
}
