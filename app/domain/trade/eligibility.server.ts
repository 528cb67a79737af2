/**
 * Which producers may supply an export lot, and how much: verified producers selling the
 * lot's product (or a product in its category), with the certificates the destination
 * needs (food abroad needs a verified BPOM MD; Malaysia and Brunei also need halal), and
 * how much they can supply by the lot's date: their stock now and what their declared
 * capacity makes after its lead time (capacity.ts); a koperasi, what its members hold.
 */
import { validCertificationWhere } from "../certification/index.server";
import { db, type Tx } from "~/lib/db.server";
import type { Offer } from "./allocator.server";
import { daysUntil, madeWithin } from "./capacity";

export function certificatesNeeded(isFood: boolean, destination: string): Array<"BPOM_MD" | "HALAL"> {
  if (!isFood || destination === "ID") return [];
  return ["MY", "BN"].includes(destination) ? ["BPOM_MD", "HALAL"] : ["BPOM_MD"];
}

type CategoryWithParent = { isFood: boolean; parent?: { isFood: boolean } | null } | null | undefined;

/** Food when the category (or its parent) is a food category. */
export function isFoodCategory(category: CategoryWithParent) {
  return !!category && (category.isFood || !!category.parent?.isFood);
}

/** Whether a lot is food, from its product's category or else its own. */
export async function lotIsFood(lotId: string, tx: Tx = db) {
  const c = { select: { isFood: true, parent: { select: { isFood: true } } } };
  const lot = await tx.exportLot.findUniqueOrThrow({
    where: { id: lotId },
    select: { category: c, product: { select: { category: c } } },
  });
  return isFoodCategory(lot.product?.category ?? lot.category);
}

export async function eligibleOffers(lotId: string, tx: Tx = db, now = new Date()): Promise<Offer[]> {
  const lot = await tx.exportLot.findUniqueOrThrow({
    where: { id: lotId },
    include: {
      allocations: true,
      category: { include: { parent: true } },
      product: { include: { category: { include: { parent: true } } } },
    },
  });
  const category = lot.product?.category ?? lot.category;
  const isFood = isFoodCategory(category);
  const needed = certificatesNeeded(isFood, lot.destinationCountry);
  const productWhere = lot.productId
    ? { id: lot.productId }
    : { OR: [{ categoryId: lot.categoryId ?? "" }, { category: { parentId: lot.categoryId ?? "" } }] };
  // stock on hand, or a declared capacity that can make units by the lot's date
  const variants = await tx.variant.findMany({
    where: {
      OR: [
        { stock: { gt: 0 } },
        ...(lot.wantedBy ? [{ product: { capacity: { isNot: null } } }] : []),
        { product: { memberSupply: { some: { units: { gt: 0 } } } } },
      ],
      product: {
        ...productWhere,
        status: "PUBLISHED",
        producer: {
          status: "VERIFIED",
          AND: needed.map((type) => ({ certifications: { some: { ...validCertificationWhere(now), type } } })),
        },
      },
    },
    include: {
      product: {
        include: {
          producer: true,
          capacity: true,
          memberSupply: { where: { member: { status: { not: "SUSPENDED" } } }, select: { units: true } },
        },
      },
    },
    orderBy: [{ productId: "asc" }, { position: "asc" }],
  });
  // producers who declined or failed QC on this lot are not asked again
  const out = new Set(
    lot.allocations.filter((a) => a.status === "DECLINED" || a.status === "QC_FAILED").map((a) => a.producerId),
  );
  // units already asked of a variant but not yet taken from its stock are not available again
  // (accepted units have left the stock already, so a producer can be asked for more)
  const pending = new Map<string, number>();
  for (const a of lot.allocations)
    if (a.variantId && (a.status === "PROPOSED" || a.status === "OFFERED"))
      pending.set(a.variantId, (pending.get(a.variantId) ?? 0) + a.quantity);
  const lastTrade = await tx.ledgerEntry.groupBy({
    by: ["producerId"],
    where: { kind: "LOT_CREDIT", producerId: { in: variants.map((v) => v.product.producerId) } },
    _max: { createdAt: true },
  });
  // a product's capacity is counted once, on its first variant
  const madeCounted = new Set<string>();
  const made = (v: (typeof variants)[number]) => {
    if (madeCounted.has(v.productId)) return 0;
    madeCounted.add(v.productId);
    return lot.wantedBy ? madeWithin(v.product.capacity, daysUntil(now, lot.wantedBy)) : 0;
  };
  // a koperasi or kelompok offers what its members hold of the product (groups.server.ts), not a stock of its own
  const supplies = (v: (typeof variants)[number]) =>
    v.product.producer.kind === "INDIVIDUAL"
      ? Math.max(0, v.stock) + made(v)
      : madeCounted.has(v.productId)
        ? 0
        : (madeCounted.add(v.productId), v.product.memberSupply.reduce((s, m) => s + m.units, 0));
  return variants
    .filter((v) => !out.has(v.product.producerId))
    .map((v) => ({
      producerId: v.product.producerId,
      variantId: v.id,
      producerName: v.product.producer.legalName,
      regencyCode: v.product.producer.regencyCode,
      scale: v.product.producer.scale,
      capacity: Math.max(0, supplies(v) - (pending.get(v.id) ?? 0)),
      minBatch: v.minOrderQty,
      lastTradeAt: lastTrade.find((t) => t.producerId === v.product.producerId)?._max.createdAt ?? null,
    }));
}
