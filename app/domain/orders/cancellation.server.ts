/**
 * Unpaid orders end here: the buyer cancels, staff cancel, the hold expires, or Stripe
 * reports the session expired. The order row is locked first, so a payment arriving at
 * the same moment either wins (the order is paid) or finds the order cancelled and takes
 * the late-payment path in payments.
 */
import { db, type Tx } from "~/lib/db.server";
import { audit } from "../audit.server";
import { expireCheckoutSession } from "../gateways/index.server";
import { orderMail } from "./order-mail.server";
import { isUnpaid, UNPAID_STATUSES } from "./status";
import { releaseHold } from "./stock.server";
import { releaseVoucher } from "../vouchers/index.server";

export type CancelReason = "buyer" | "staff" | "expired" | "payment-expired" | "payment-failed";

/** Locks an order row for the rest of the transaction and returns its status. */
export async function lockOrder(tx: Tx, orderId: string) {
  const rows = await tx.$queryRaw<
    Array<{ id: string; status: string }>
  >`SELECT "id", "status"::text AS "status" FROM "Order" WHERE "id" = ${orderId} FOR UPDATE`;
  return rows[0] ?? null;
}

/** Cancels an unpaid order and returns its stock; false when it was no longer unpaid. */
export async function cancelUnpaidOrder(
  orderId: string,
  actorId: string | null,
  reason: CancelReason,
): Promise<boolean> {
  const result = await db.$transaction(async (tx) => {
    const locked = await lockOrder(tx, orderId);
    if (!locked || !isUnpaid(locked.status)) return null;
    // the voucher row before the stock rows: the order checkout takes them in
    await releaseVoucher(tx, orderId);
    await releaseHold(tx, orderId);
    const order = await tx.order.update({
      where: { id: orderId },
      data: { status: "CANCELLED", cancelledAt: new Date(), cancelReason: reason },
    });
    if (actorId || reason === "expired") {
      await audit(tx, {
        actorId,
        action: "order.cancelled",
        entityType: "Order",
        entityId: orderId,
        before: { status: locked.status },
        after: { status: "CANCELLED", reason },
      });
    }
    if (reason !== "payment-failed") await orderMail(tx, orderId, "cancelled");
    return order;
  });
  if (result?.stripeSessionId && reason !== "payment-expired") await expireCheckoutSession(result.stripeSessionId);
  return !!result;
}

/** The worker's sweep: unpaid orders whose hold ran out are cancelled and their stock returned. */
export async function expireUnpaidOrders(now = new Date(), limit = 200) {
  const due = await db.order.findMany({
    where: { status: { in: [...UNPAID_STATUSES] }, reservedUntil: { lt: now } },
    select: { id: true },
    orderBy: { reservedUntil: "asc" },
    take: limit,
  });
  let expired = 0;
  for (const o of due) if (await cancelUnpaidOrder(o.id, null, "expired")) expired++;
  return expired;
}
