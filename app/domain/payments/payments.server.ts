/**
 * Money in: a payment marks an order paid exactly once, splits it into one fulfilment per
 * producer and credits each producer's ledger, all in one transaction on the locked order
 * row. Card payments arrive as Stripe webhooks (each event id acted on once); bank
 * transfers are confirmed by staff against the unique amount.
 *
 * A payment that arrives after the order's hold expired tries to take the stock again;
 * when it is gone the order is refunded instead, so a late payment never oversells.
 */
import { isUnpaid } from "../orders/index.server";
import { db, type Tx } from "~/lib/db.server";
import { audit } from "../audit.server";
import { creditFulfilment } from "../ledger/index.server";
import { lockOrder } from "../orders/index.server";
import { fulfilmentMail, orderMail } from "../orders/index.server";
import { marketSettings } from "../orders/index.server";
import { consumeHold, takeStockForLines } from "../orders/index.server";
import { cancelUnpaidOrder } from "../orders/index.server";
import { executeCardRefunds, recordExternalRefundTx, refundWholeOrderTx } from "../orders/index.server";
import { fromStripeAmount, sumMinor } from "../money";
import { fromXenditAmount, gatewayPaymentStatus, type Stripe } from "../gateways/index.server";
import { reclaimVoucher, releaseVoucher } from "../vouchers/index.server";

export type PaymentOutcome = "paid" | "already-paid" | "late-sold-out" | "unknown-order" | "amount-mismatch";

type PaymentFact = {
  method: "STRIPE" | "BANK_TRANSFER" | "QRIS" | "VIRTUAL_ACCOUNT";
  amount: bigint;
  currency: string;
  externalId: string;
  paymentIntentId?: string | null;
  confirmedById?: string | null;
};

/** The part of a line's discount its producer pays (all of it for a producer-funded voucher). */
function producerFunded(order: { discountFundedBy: string | null }, line: { discountAmount: bigint }) {
  return order.discountFundedBy === "PRODUCER" ? line.discountAmount : 0n;
}

/** Splits a paid order into fulfilments and credits each producer (once: the ledger key is the fulfilment). */
async function splitAndCredit(tx: Tx, orderId: string) {
  const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, include: { lines: true } });
  const { commissionBps } = await marketSettings(tx);
  const byProducer = new Map<string, typeof order.lines>();
  for (const l of order.lines) byProducer.set(l.producerId, [...(byProducer.get(l.producerId) ?? []), l]);
  for (const [producerId, lines] of byProducer) {
    const f = await tx.fulfilment.create({
      data: { orderId, producerId, lines: { connect: lines.map((l) => ({ id: l.id })) } },
    });
    await creditFulfilment(
      tx,
      {
        id: f.id,
        producerId,
        orderNumber: order.number,
        // a producer-funded voucher comes out of the producer's lines; a platform one out of the house's
        linesAmount: sumMinor(lines.map((l) => l.lineAmount - producerFunded(order, l))),
        currency: order.currency,
      },
      commissionBps,
    );
    await fulfilmentMail(tx, f.id);
  }
  return byProducer.size;
}

export async function recordPaymentTx(tx: Tx, orderId: string, p: PaymentFact): Promise<PaymentOutcome> {
  const locked = await lockOrder(tx, orderId);
  if (!locked) return "unknown-order";
  if (await tx.payment.findUnique({ where: { externalId: p.externalId } })) return "already-paid";
  const order = await tx.order.findUniqueOrThrow({ where: { id: orderId }, include: { lines: true } });
  const expected =
    order.paymentMethod === "BANK_TRANSFER" && p.method === "BANK_TRANSFER"
      ? (order.transferAmount ?? order.totalAmount)
      : order.totalAmount;
  if (p.currency !== order.currency || p.amount !== expected) {
    if (p.method === "BANK_TRANSFER") return "amount-mismatch";
    console.warn(`payment: ${order.number} paid ${p.amount} ${p.currency}, expected ${expected} ${order.currency}`);
  }
  await tx.payment.create({
    data: {
      orderId,
      method: p.method,
      amount: p.amount,
      currency: p.currency,
      status: "SUCCEEDED",
      externalId: p.externalId,
      confirmedById: p.confirmedById ?? null,
    },
  });
  await audit(tx, {
    actorId: p.confirmedById ?? null,
    action: "payment.received",
    entityType: "Order",
    entityId: orderId,
    after: { method: p.method, amount: p.amount, currency: p.currency, externalId: p.externalId },
  });

  if (isUnpaid(locked.status)) {
    await consumeHold(tx, orderId);
  } else if (locked.status === "CANCELLED" && !order.paidAt) {
    // paid after the hold ran out: take the voucher's use and the stock again, or give the money back
    const voucherKept = await reclaimVoucher(tx, orderId);
    const soldOut = voucherKept ? await takeStockForLines(tx, order.lines) : [];
    if (!voucherKept || soldOut.length > 0) {
      if (voucherKept) await releaseVoucher(tx, orderId);
      await tx.order.update({
        where: { id: orderId },
        data: { paidAt: new Date(), stripePaymentIntentId: p.paymentIntentId ?? undefined },
      });
      await refundWholeOrderTx(tx, orderId, null, "late-payment-sold-out");
      await orderMail(tx, orderId, "late-payment");
      return "late-sold-out";
    }
    // the units are the order's again: its released holds count as sold, like any paid hold
    await tx.stockReservation.updateMany({ where: { orderId, status: "RELEASED" }, data: { status: "CONSUMED" } });
    await tx.order.update({ where: { id: orderId }, data: { cancelledAt: null, cancelReason: null } });
  } else {
    return "already-paid";
  }
  await tx.order.update({
    where: { id: orderId },
    data: { status: "PAID", paidAt: new Date(), stripePaymentIntentId: p.paymentIntentId ?? undefined },
  });
  await splitAndCredit(tx, orderId);
  await orderMail(tx, orderId, "paid");
  return "paid";
}

/** Staff saw the transfer on the bank statement. */
export async function confirmBankTransfer(staffId: string, orderId: string, receivedAmount: bigint) {
  return db.$transaction(async (tx) => {
    const order = await tx.order.findUnique({ where: { id: orderId } });
    if (!order || order.paymentMethod !== "BANK_TRANSFER") return "unknown-order" as const;
    return recordPaymentTx(tx, orderId, {
      method: "BANK_TRANSFER",
      amount: receivedAmount,
      currency: order.currency,
      externalId: `bank:${order.number}`,
      confirmedById: staffId,
    });
  });
}

export async function awaitingTransfers() {
  return db.order.findMany({
    where: {
      paymentMethod: "BANK_TRANSFER",
      status: { in: ["AWAITING_PAYMENT", "CANCELLED"] },
      paidAt: null,
      OR: [{ status: "AWAITING_PAYMENT" }, { cancelReason: "expired" }],
    },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: {
      id: true,
      number: true,
      email: true,
      shippingName: true,
      totalAmount: true,
      transferAmount: true,
      currency: true,
      status: true,
      createdAt: true,
      reservedUntil: true,
    },
  });
}

export type WebhookOutcome = "processed" | "duplicate" | "ignored" | PaymentOutcome;

/** One Stripe event, acted on at most once: its id is stored in the same transaction as its effects. */
export async function handleStripeEvent(event: Stripe.Event): Promise<WebhookOutcome> {
  const outcome = await db.$transaction(async (tx) => {
    const inserted =
      await tx.$executeRaw`INSERT INTO "ProcessedWebhookEvent" ("id", "type") VALUES (${event.id}, ${event.type}) ON CONFLICT ("id") DO NOTHING`;
    if (inserted === 0) return { result: "duplicate" as WebhookOutcome };
    switch (event.type) {
      case "checkout.session.completed":
      case "checkout.session.async_payment_succeeded": {
        const s = event.data.object;
        if (s.payment_status !== "paid") return { result: "ignored" as WebhookOutcome };
        const order = await orderForSession(tx, s);
        if (!order) return { result: "unknown-order" as WebhookOutcome };
        const paymentIntentId =
          typeof s.payment_intent === "string" ? s.payment_intent : (s.payment_intent?.id ?? null);
        const result = await recordPaymentTx(tx, order.id, {
          method: "STRIPE",
          amount: fromStripeAmount(s.amount_total ?? 0, s.currency ?? order.currency).amount,
          currency: (s.currency ?? "").toUpperCase(),
          externalId: `stripe:${s.id}`,
          paymentIntentId,
        });
        return { result: result as WebhookOutcome, orderId: order.id };
      }
      case "checkout.session.expired": {
        const order = await orderForSession(tx, event.data.object);
        return { result: "processed" as WebhookOutcome, expireOrderId: order?.id };
      }
      case "charge.refunded": {
        const charge = event.data.object;
        const pi =
          typeof charge.payment_intent === "string" ? charge.payment_intent : (charge.payment_intent?.id ?? null);
        if (!pi) return { result: "ignored" as WebhookOutcome };
        const order = await tx.order.findFirst({ where: { stripePaymentIntentId: pi } });
        if (!order) return { result: "unknown-order" as WebhookOutcome };
        await recordExternalRefundTx(
          tx,
          order.id,
          fromStripeAmount(charge.amount_refunded, charge.currency).amount,
          charge.id,
        );
        return { result: "processed" as WebhookOutcome };
      }
      default:
        return { result: "ignored" as WebhookOutcome };
    }
  });
  if ("expireOrderId" in outcome && outcome.expireOrderId) {
    await cancelUnpaidOrder(outcome.expireOrderId, null, "payment-expired");
  }
  if (outcome.result === "late-sold-out" && "orderId" in outcome && outcome.orderId) {
    await executeCardRefunds(outcome.orderId);
  }
  return outcome.result;
}

async function orderForSession(
  tx: Tx,
  s: { id: string; client_reference_id?: string | null; metadata?: Stripe.Metadata | null },
) {
  return (
    (await tx.order.findUnique({ where: { stripeSessionId: s.id } })) ??
    (s.client_reference_id ? await tx.order.findUnique({ where: { id: s.client_reference_id } }) : null)
  );
}

/* ---------- QRIS and virtual accounts (Xendit) ---------- */

/**
 * The gateway says a payment request succeeded (its callback, or the buyer's return asking).
 * Both name the payment request, which is the payment's key: whichever comes first pays the
 * order, the other finds it paid; a replayed callback does nothing twice.
 */
export async function recordGatewayPayment(
  requestId: string,
  fact: { referenceId: string; amount: bigint; currency: string },
): Promise<PaymentOutcome> {
  const order = await db.order.findUnique({
    where: { gatewayRequestId: requestId },
    select: { id: true, paymentMethod: true },
  });
  if (!order || order.id !== fact.referenceId) return "unknown-order";
  const outcome = await db.$transaction((tx) =>
    recordPaymentTx(tx, order.id, {
      method: order.paymentMethod,
      amount: fact.amount,
      currency: fact.currency,
      externalId: `xendit:${requestId}`,
    }),
  );
  // paid too late for the stock: the money goes back the way it came
  if (outcome === "late-sold-out") await executeCardRefunds(order.id);
  return outcome;
}

type XenditCallback = {
  event?: string;
  data?: {
    payment_request_id?: string | null;
    reference_id?: string;
    amount?: number;
    currency?: string;
    status?: string;
  };
};

/** A verified Xendit callback: a succeeded payment pays its order; other events need nothing from us. */
export async function handleXenditCallback(body: XenditCallback): Promise<PaymentOutcome | "ignored"> {
  const d = body.data;
  if (body.event !== "payment.succeeded" || !d?.payment_request_id || d.status !== "SUCCEEDED") return "ignored";
  if (typeof d.amount !== "number" || typeof d.currency !== "string" || typeof d.reference_id !== "string")
    return "ignored";
  return recordGatewayPayment(d.payment_request_id, {
    referenceId: d.reference_id,
    amount: fromXenditAmount(d.amount, d.currency),
    currency: d.currency,
  });
}

/** The buyer is back on its order page before the callback: ask the gateway, and record a success the same way. */
export async function syncGatewayPayment(orderId: string) {
  const order = await db.order.findUnique({ where: { id: orderId }, select: { gatewayRequestId: true, status: true } });
  if (!order?.gatewayRequestId || order.status !== "PENDING_PAYMENT") return null;
  try {
    const pr = await gatewayPaymentStatus(order.gatewayRequestId);
    if (pr?.status !== "SUCCEEDED") return pr?.status ?? null;
    return await recordGatewayPayment(order.gatewayRequestId, pr);
  } catch (err) {
    console.warn(`xendit: status of ${order.gatewayRequestId}: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}
