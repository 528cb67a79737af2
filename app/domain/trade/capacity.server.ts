/**
 * Producers' declared capacity (units a week or a month, lead time) per product, and what
 * Anjung makes of it for a quote request: whether the quantity can be made by the wanted
 * date, and a schedule of partial shipments (capacity.ts). The allocator counts the same
 * capacity (eligibility.server.ts): what a producer can supply by the lot's date.
 */
import { db } from "~/lib/db.server";
import { audit, snapshot } from "../audit.server";
import { validCertificationWhere } from "../certification/index.server";
import { productionSchedule, type Capacity } from "./capacity";
import { certificatesNeeded, isFoodCategory } from "./eligibility.server";

export async function capacityOf(productId: string): Promise<Capacity | null> {
  return db.productCapacity.findUnique({
    where: { productId },
    select: { unitsPerPeriod: true, period: true, leadTimeDays: true },
  });
}

/** Saves the capacity of one of the producer's own products (null removes it); false when it is not the producer's. */
export async function saveCapacity(producerId: string, productId: string, actorId: string, input: Capacity | null) {
  return db.$transaction(async (tx) => {
    const product = await tx.product.findFirst({ where: { id: productId, producerId }, select: { id: true } });
    if (!product) return false;
    const before = await tx.productCapacity.findUnique({ where: { productId } });
    if (input) {
      const data = { ...input, updatedById: actorId };
      // one statement on the product's key: saves at once leave the last one standing
      await tx.productCapacity.upsert({ where: { productId }, update: data, create: { productId, ...data } });
    } else await tx.productCapacity.deleteMany({ where: { productId } });
    await audit(tx, {
      actorId,
      action: "product.capacity",
      entityType: "Product",
      entityId: productId,
      before: before ? snapshot(before) : undefined,
      after: input ? snapshot(input) : { removed: true },
    });
    return true;
  });
}

/**
 * Whether a quote request's quantity can be made by its date, from the verified producers
 * selling its product (or a product of its category): their stock and declared capacity.
 */
export async function rfqFeasibility(rfqId: string, now = new Date()) {
  const rfq = await db.quoteRequest.findUnique({
    where: { id: rfqId },
    select: {
      quantity: true,
      wantedBy: true,
      productId: true,
      categoryId: true,
      destinationCountry: true,
      category: { select: { isFood: true, parent: { select: { isFood: true } } } },
      product: { select: { category: { select: { isFood: true, parent: { select: { isFood: true } } } } } },
    },
  });
  if (!rfq) return null;
  // the same producers the allocator would ask: verified, with the certificates the destination needs
  const needed = certificatesNeeded(isFoodCategory(rfq.product?.category ?? rfq.category), rfq.destinationCountry);
  const productWhere = rfq.productId
    ? { id: rfq.productId }
    : { OR: [{ categoryId: rfq.categoryId ?? "" }, { category: { parentId: rfq.categoryId ?? "" } }] };
  const products = await db.product.findMany({
    where: {
      ...productWhere,
      status: "PUBLISHED",
      producer: {
        status: "VERIFIED",
        AND: needed.map((type) => ({ certifications: { some: { ...validCertificationWhere(now), type } } })),
      },
    },
    select: {
      producerId: true,
      capacity: { select: { unitsPerPeriod: true, period: true, leadTimeDays: true } },
      variants: { select: { stock: true } },
    },
    take: 2000,
  });
  const sources = products.map((p) => ({
    stock: p.variants.reduce((s, v) => s + Math.max(0, v.stock), 0),
    capacity: p.capacity,
  }));
  return {
    producers: new Set(products.map((p) => p.producerId)).size,
    withCapacity: products.filter((p) => p.capacity).length,
    ...productionSchedule(sources, rfq.quantity, now, rfq.wantedBy),
  };
}
