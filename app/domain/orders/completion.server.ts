/**
 * Receipt and completion, per parcel. A shipped parcel completes when the buyer confirms
 * receipt ("Pesanan diterima"), or by itself `autoCompleteDays` (staff-set, default 7) after
 * it was shipped: `autoCompleteAt` is set when it ships and shown on the order page. A
 * completed parcel's sale credit becomes payable (escrow: ../ledger/ledger.server.ts); the
 * order completes when every parcel it still has is completed.
 *
 * A complaint pauses this: the parcel then completes with the staff's decision
 * (complaints.server.ts). Both paths take the order's row lock first (as refunds do) and complete a parcel with a
 * conditional UPDATE, so a confirmation racing the timer, or a double tap, completes it once.
 */
import { db, type Tx } from "~/lib/db.server";
import { audit } from "../audit.server";
import { lockOrder } from "./cancellation.server";
import { orderMail } from "./order-mail.server";
import { marketSettings } from "./settings.server";

export class CompletionRefused extends Error {}

const COMPLETABLE = ["SHIPPED", "DELIVERED"] as const;

/** The order completes when every parcel it still has is completed (a cancelled one does not count). */
export async function completeOrderWhenDone(tx: Tx, orderId: string) {
  const open = await tx.fulfilment.count({ where: { orderId, status: { notIn: ["COMPLETED", "CANCELLED"] } } });
  if (open === 0)
    await tx.order.updateMany({
      where: { id: orderId, status: { in: ["SHIPPED", "PARTIALLY_SHIPPED", "PARTIALLY_REFUNDED"] } },
      data: { status: "COMPLETED" },
    });
}

/** When a parcel shipped now completes by itself. */
export async function autoCompleteAt(tx: Tx, shippedAt: Date) {
  const { autoCompleteDays } = await marketSettings(tx);
  return new Date(shippedAt.getTime() + autoCompleteDays * 86_400_000);
}

async function completed(tx: Tx, orderId: string, fulfilmentId: string, actorId: string | null, by: "BUYER" | "TIMER") {
  const f = await tx.fulfilment.findUniqueOrThrow({
    where: { id: fulfilmentId },
    select: { producer: { select: { legalName: true } } },
  });
  await audit(tx, {
    actorId,
    action: "fulfilment.completed",
    entityType: "Fulfilment",
    entityId: fulfilmentId,
    after: { status: "COMPLETED", by },
  });
  await completeOrderWhenDone(tx, orderId);
  await orderMail(tx, orderId, by === "BUYER" ? "received" : "auto-completed", { producer: f.producer.legalName });
}

/** The buyer confirms a parcel arrived. Refused when the parcel is not on its way (not shipped yet, or done). */
export async function confirmReceipt(orderId: string, fulfilmentId: string, actorId: string | null) {
  await db.$transaction(async (tx) => {
    await lockOrder(tx, orderId);
    const r = await tx.fulfilment.updateMany({
      // a parcel under complaint waits for the staff's decision
      where: { id: fulfilmentId, orderId, status: { in: [...COMPLETABLE] }, complaint: { is: null } },
      data: { status: "COMPLETED", completedAt: new Date(), completedBy: "BUYER" },
    });
    if (r.count === 0) throw new CompletionRefused();
    await completed(tx, orderId, fulfilmentId, actorId, "BUYER");
  });
}

/** Completes the parcels whose days ran out (the `parcel_completion` task, every few minutes). */
export async function completeDueParcels(now = new Date(), limit = 200): Promise<number> {
  const due = await db.fulfilment.findMany({
    where: { status: { in: [...COMPLETABLE] }, autoCompleteAt: { lte: now } },
    select: { id: true, orderId: true },
    orderBy: { autoCompleteAt: "asc" },
    take: limit,
  });
  let done = 0;
  for (const f of due) {
    await db.$transaction(async (tx) => {
      await lockOrder(tx, f.orderId);
      const r = await tx.fulfilment.updateMany({
        where: { id: f.id, status: { in: [...COMPLETABLE] }, autoCompleteAt: { lte: now }, complaint: { is: null } },
        data: { status: "COMPLETED", completedAt: now, completedBy: "TIMER" },
      });
      if (r.count === 0) return; // the buyer confirmed (or something else changed) meanwhile
      await completed(tx, f.orderId, f.id, null, "TIMER");
      done++;
    });
  }
  return done;
}
