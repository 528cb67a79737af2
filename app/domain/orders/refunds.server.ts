/**
 * Money out to buyers: staff cancel a paid order before it ships, or refund whole lines
 * or some units of a line after. Each refund is recorded with the lines it covers, debits
 * the producers' ledgers for their share, and, for card orders, is sent to Stripe after
 * the transaction commits with the refund id as idempotency key (a failed call can be
 * retried; Stripe will not refund twice).
 */
import { db, type Tx } from "~/lib/db.server";
import { audit } from "../audit.server";
import { debitRefund } from "../ledger/index.server";
import { sumMinor } from "../money";
import { discountRefundShare, paidForUnits } from "../vouchers/index.server";
import { createGatewayRefund, createStripeRefund } from "../gateways/index.server";
import { lockOrder } from "./cancellation.server";
import { orderMail } from "./order-mail.server";
import { returnStock } from "./stock.server";

const REFUNDABLE = ["PAID", "PARTIALLY_SHIPPED", "SHIPPED", "COMPLETED", "PARTIALLY_REFUNDED"];

export type RefundRefusal = "not-refundable" | "nothing-selected" | "too-many" | "already-shipped" | "unknown-line";
export class RefundRefused extends Error {
  constructor(readonly reason: RefundRefusal) {
    super(`refund: ${reason}`);
  }
}

export type Selection = Array<{ lineId: string; quantity: number }>;

export async function refundTx(
  tx: Tx,
  orderId: string,
  actorId: string | null,
  selection: Selection,
  reason: string,
  opts: { restock: boolean; cancel: boolean; allowUnpaidStatus?: boolean },
) {
  const locked = await lockOrder(tx, orderId);
  if (!locked || (!opts.allowUnpaidStatus && !REFUNDABLE.includes(locked.status)))
    throw new RefundRefused("not-refundable");
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    include: { lines: true, fulfilments: true, refunds: true },
  });
  if (opts.cancel && order.fulfilments.some((f) => ["SHIPPED", "DELIVERED", "COMPLETED"].includes(f.status)))
    throw new RefundRefused("already-shipped");
  const picked = selection.filter((s) => s.quantity > 0);
  if (picked.length === 0) throw new RefundRefused("nothing-selected");
  // what the buyer gets back is what it paid for the units (their price less their share of the
  // voucher); what the producer gives back is its share of what it was credited for them
  const producerPays = order.discountFundedBy === "PRODUCER";
  const producerDiscount = (l: (typeof order.lines)[number], before: number, units: number) =>
    producerPays ? discountRefundShare(l, before, units, order.currency) : 0n;
  let linesAmount = 0n;
  const perProducer = new Map<
    string,
    { fulfilmentId: string | null; total: bigint; refundedBefore: bigint; amount: bigint }
  >();
  for (const s of picked) {
    const line = order.lines.find((l) => l.id === s.lineId);
    if (!line) throw new RefundRefused("unknown-line");
    if (!Number.isInteger(s.quantity) || s.quantity > line.quantity - line.refundedQty)
      throw new RefundRefused("too-many");
    linesAmount += paidForUnits(line, line.refundedQty, s.quantity, order.currency);
    const producerLines = order.lines.filter((l) => l.producerId === line.producerId);
    const p = perProducer.get(line.producerId) ?? {
      fulfilmentId: line.fulfilmentId,
      total: sumMinor(producerLines.map((l) => l.lineAmount - producerDiscount(l, 0, l.quantity))),
      refundedBefore: sumMinor(
        producerLines.map((l) => l.unitAmount * BigInt(l.refundedQty) - producerDiscount(l, 0, l.refundedQty)),
      ),
      amount: 0n,
    };
    p.amount += line.unitAmount * BigInt(s.quantity) - producerDiscount(line, line.refundedQty, s.quantity);
    perProducer.set(line.producerId, p);
  }
  const remainingAfter =
    order.lines.reduce((n, l) => n + l.quantity - l.refundedQty, 0) - picked.reduce((n, s) => n + s.quantity, 0);
  // the last refund of an order (nothing left after it) returns the shipping too; it can happen once
  const shippingRefund = remainingAfter === 0 ? order.shippingAmount : 0n;
  const amount = linesAmount + shippingRefund;
  const refund = await tx.refund.create({
    data: {
      orderId,
      amount,
      currency: order.currency,
      reason,
      createdById: actorId,
      // cards and QRIS are refunded through their gateway (below); a transfer or virtual account by staff
      externalId:
        order.paymentMethod === "STRIPE" || order.paymentMethod === "QRIS"
          ? null
          : `manual:${orderId}:${order.refunds.length + 1}`,
    },
  });
  for (const s of picked) {
    await tx.orderLine.update({ where: { id: s.lineId }, data: { refundedQty: { increment: s.quantity } } });
    if (opts.restock) await returnStock(tx, order.lines.find((l) => l.id === s.lineId)!.variantId, s.quantity);
  }
  for (const [producerId, p] of perProducer) {
    await debitRefund(tx, {
      refundId: refund.id,
      producerId,
      fulfilmentId: p.fulfilmentId,
      orderNumber: order.number,
      fulfilmentTotal: p.total,
      refundedBefore: p.refundedBefore,
      linesAmount: p.amount,
      currency: order.currency,
    });
  }
  const status = opts.cancel ? "CANCELLED" : remainingAfter === 0 ? "REFUNDED" : "PARTIALLY_REFUNDED";
  await tx.order.update({
    where: { id: orderId },
    data: { status, ...(opts.cancel ? { cancelledAt: new Date(), cancelReason: reason } : {}) },
  });
  if (opts.cancel) await tx.fulfilment.updateMany({ where: { orderId }, data: { status: "CANCELLED" } });
  await audit(tx, {
    actorId,
    action: opts.cancel ? "order.cancelled-refunded" : "order.refunded",
    entityType: "Order",
    entityId: orderId,
    before: { status: locked.status },
    after: { status, refundId: refund.id, amount, lines: picked },
  });
  await orderMail(tx, orderId, "refunded", { amount });
  return refund;
}

function allRemaining(lines: Array<{ id: string; quantity: number; refundedQty: number }>): Selection {
  return lines.map((l) => ({ lineId: l.id, quantity: l.quantity - l.refundedQty })).filter((s) => s.quantity > 0);
}

/** Everything still unrefunded goes back (used when a late payment finds the stock gone). */
export async function refundWholeOrderTx(tx: Tx, orderId: string, actorId: string | null, reason: string) {
  const lines = await tx.orderLine.findMany({ where: { orderId } });
  return refundTx(tx, orderId, actorId, allRemaining(lines), reason, {
    restock: false,
    cancel: false,
    allowUnpaidStatus: true,
  });
}

/** Staff cancel a paid order before any part has shipped: full refund and the stock goes back on sale. */
export async function cancelPaidOrder(staffId: string, orderId: string, reason: string) {
  await db.$transaction(async (tx) => {
    const lines = await tx.orderLine.findMany({ where: { orderId } });
    return refundTx(tx, orderId, staffId, allRemaining(lines), reason, { restock: true, cancel: true });
  });
  await executeCardRefunds(orderId);
}

/** Staff refund some units of some lines (goods already sent do not go back into stock). */
export async function refundLines(staffId: string, orderId: string, selection: Selection, reason: string) {
  await db.$transaction((tx) => refundTx(tx, orderId, staffId, selection, reason, { restock: false, cancel: false }));
  await executeCardRefunds(orderId);
}

/** Sends the order's recorded card (Stripe) or QRIS (Xendit) refunds not confirmed yet. Returns how many are still pending. */
export async function executeCardRefunds(orderId: string) {
  const order = await db.order.findUniqueOrThrow({
    where: { id: orderId },
    include: { refunds: { where: { externalId: null } } },
  });
  const send =
    order.paymentMethod === "STRIPE" && order.stripePaymentIntentId
      ? (r: { id: string; amount: bigint; currency: string }) =>
          createStripeRefund(r.id, order.stripePaymentIntentId!, r.amount, r.currency)
      : order.paymentMethod === "QRIS" && order.gatewayRequestId
        ? (r: { id: string; amount: bigint; currency: string }) =>
            createGatewayRefund(r.id, order.gatewayRequestId!, r.amount, r.currency)
        : null;
  if (!send) return order.refunds.length;
  let pending = 0;
  for (const r of order.refunds) {
    try {
      const re = await send(r);
      await db.refund.update({ where: { id: r.id }, data: { externalId: re.id } });
    } catch (err) {
      pending++;
      console.warn(
        `${order.paymentMethod === "QRIS" ? "xendit" : "stripe"}: refund ${r.id} for ${order.number} not sent yet: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  return pending;
}

/**
 * Stripe says more was refunded on the charge than we recorded (a refund made in the
 * Stripe dashboard): record the difference so the order's money adds up. It is not tied
 * to lines, so the ledger is left to staff (an audited adjustment).
 */
export async function recordExternalRefundTx(tx: Tx, orderId: string, amountRefunded: bigint, chargeId: string) {
  await lockOrder(tx, orderId);
  const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, include: { refunds: true } });
  const known = sumMinor(order.refunds.map((r) => r.amount));
  if (amountRefunded <= known) return false;
  const refund = await tx.refund.create({
    data: {
      orderId,
      amount: amountRefunded - known,
      currency: order.currency,
      reason: "stripe-dashboard",
      externalId: `${chargeId}:${amountRefunded}`,
    },
  });
  const status = amountRefunded >= order.totalAmount ? "REFUNDED" : "PARTIALLY_REFUNDED";
  await tx.order.update({ where: { id: orderId }, data: { status } });
  await audit(tx, {
    actorId: null,
    action: "order.refunded-at-stripe",
    entityType: "Order",
    entityId: orderId,
    before: { status: order.status },
    after: { status, refundId: refund.id, amount: refund.amount },
  });
  return true;
}
