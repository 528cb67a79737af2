/**
 * Fulfilments: a paid order becomes one parcel per producer. The producer packs it and
 * ships it with a carrier and tracking number; the order's status follows its parcels and
 * the buyer gets a mail when a parcel leaves. A producer can only touch its own parcels:
 * every update filters by producer id.
 */
import { lockOrder } from "./cancellation.server";
import { db } from "~/lib/db.server";
import { audit } from "../audit.server";
import { orderMail } from "./order-mail.server";
import { autoCompleteAt } from "./completion.server";

export async function producerFulfilments(producerId: string, view: "open" | "done") {
  const parcels = await fulfilmentsOf(producerId, view);
  // how the buyer chose to ship each parcel (the courier the producer hands it to)
  const shipments = await db.orderParcel.findMany({
    where: { producerId, orderId: { in: parcels.map((p) => p.orderId) } },
    include: { service: { select: { nameId: true, nameEn: true, courier: { select: { name: true } } } } },
  });
  return parcels.map((p) => ({ ...p, shipment: shipments.find((s) => s.orderId === p.orderId) ?? null }));
}

function fulfilmentsOf(producerId: string, view: "open" | "done") {
  return db.fulfilment.findMany({
    where: {
      producerId,
      status:
        view === "open" ? { in: ["PENDING", "PACKED"] } : { in: ["SHIPPED", "DELIVERED", "COMPLETED", "CANCELLED"] },
    },
    orderBy: { createdAt: view === "open" ? "asc" : "desc" },
    take: 100,
    include: {
      complaint: true,
      lines: {
        select: {
          id: true,
          productName: true,
          productNameEn: true,
          variantName: true,
          variantNameEn: true,
          sku: true,
          quantity: true,
          refundedQty: true,
          lineAmount: true,
        },
      },
      order: {
        select: {
          number: true,
          shippingName: true,
          shippingPhone: true,
          shippingAddress: true,
          shippingCity: true,
          shippingProvince: true,
          shippingPostcode: true,
          shippingCountry: true,
          shippingRateCode: true,
          paidAt: true,
        },
      },
    },
  });
}

export class FulfilmentRefused extends Error {}

export async function markPacked(producerId: string, userId: string, fulfilmentId: string) {
  await db.$transaction(async (tx) => {
    const r = await tx.fulfilment.updateMany({
      where: { id: fulfilmentId, producerId, status: "PENDING" },
      data: { status: "PACKED", packedAt: new Date() },
    });
    if (r.count === 0) throw new FulfilmentRefused();
    await audit(tx, {
      actorId: userId,
      action: "fulfilment.packed",
      entityType: "Fulfilment",
      entityId: fulfilmentId,
      after: { status: "PACKED" },
    });
  });
}

export async function markShipped(
  producerId: string,
  userId: string,
  fulfilmentId: string,
  carrier: string,
  trackingNumber: string,
) {
  await db.$transaction(async (tx) => {
    // the order row first, as payment, completion and refunds take it: two producers shipping the
    // last parcels at once then see each other's parcel, and no lock is taken in the other order
    const owner = await tx.fulfilment.findFirst({ where: { id: fulfilmentId, producerId }, select: { orderId: true } });
    if (!owner) throw new FulfilmentRefused();
    await lockOrder(tx, owner.orderId);
    const shippedAt = new Date();
    const r = await tx.fulfilment.updateMany({
      where: { id: fulfilmentId, producerId, status: { in: ["PENDING", "PACKED"] } },
      data: {
        status: "SHIPPED",
        shippedAt,
        carrier,
        trackingNumber,
        autoCompleteAt: await autoCompleteAt(tx, shippedAt),
      },
    });
    if (r.count === 0) throw new FulfilmentRefused();
    const f = await tx.fulfilment.findUniqueOrThrow({
      where: { id: fulfilmentId },
      include: { producer: { select: { legalName: true } } },
    });
    await audit(tx, {
      actorId: userId,
      action: "fulfilment.shipped",
      entityType: "Fulfilment",
      entityId: fulfilmentId,
      after: { status: "SHIPPED", carrier, trackingNumber },
    });
    const parcels = await tx.fulfilment.findMany({
      where: { orderId: f.orderId, status: { not: "CANCELLED" } },
      select: { status: true },
    });
    const allGone = parcels.every((p) => p.status !== "PENDING" && p.status !== "PACKED");
    await tx.order.updateMany({
      where: { id: f.orderId, status: { in: ["PAID", "PARTIALLY_SHIPPED"] } },
      data: { status: allGone ? "SHIPPED" : "PARTIALLY_SHIPPED" },
    });
    await orderMail(tx, f.orderId, "shipped", {
      tracking: `${carrier} ${trackingNumber}`,
      producer: f.producer.legalName,
    });
  });
}
