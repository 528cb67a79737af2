import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { expireUnpaidOrders, cancelUnpaidOrder } from "~/domain/orders/cancellation.server";
import { CheckoutRefused, startCardPayment } from "~/domain/orders/checkout.server";
import { cancelPaidOrder, refundLines, RefundRefused } from "~/domain/orders/refunds.server";
import { commissionOn, producerBalance } from "~/domain/ledger/ledger.server";
import { createPayoutBatch, NothingToPay, payoutCsv } from "~/domain/ledger/payouts.server";
import { confirmBankTransfer } from "~/domain/payments/payments.server";
import { money, toStripeAmount } from "~/domain/money";
import { action as webhook } from "~/routes/webhooks.stripe";
import { FakeStripe } from "../fakes/stripe-server";
import { createUser } from "../helpers/fixtures";
import {
  cartWith,
  checkoutInput,
  completeParcels,
  orderFor,
  placeReviewed,
  sellable,
  shippingRate,
} from "../helpers/orders";

const fake = new FakeStripe({ secretKey: "sk_test_checkout_suite", webhookSecret: "whsec_checkout_suite" });

beforeAll(async () => {
  await fake.start();
  process.env.STRIPE_SECRET_KEY = fake.opts.secretKey;
  process.env.STRIPE_WEBHOOK_SECRET = fake.opts.webhookSecret;
  process.env.STRIPE_API_URL = fake.url;
});
afterAll(async () => {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  delete process.env.STRIPE_API_URL;
  await fake.stop();
});

async function postWebhook(payload: string, header: string) {
  const res = await webhook({
    request: new Request("http://localhost:3999/webhooks/stripe", {
      method: "POST",
      body: payload,
      headers: { "Stripe-Signature": header, "Content-Type": "application/json" },
    }),
    params: {},
    context: {},
  });
  return res as Response;
}

/** Places a card order, opens its Stripe session and pays it on the fake; returns the completed session event. */
async function paidCardOrder(lines: Array<{ variantId: string; quantity: number }>) {
  const order = await orderFor(lines, { paymentMethod: "STRIPE" });
  const url = await startCardPayment(order.id);
  const sessionId = url.split("/pay/")[1];
  const { session } = await fake.pay(sessionId);
  const signed = fake.signedEvent("checkout.session.completed", session);
  return { order, session, signed };
}

const snapshotCounts = async () => ({
  payments: await db.payment.count(),
  ledger: await db.ledgerEntry.count(),
  fulfilments: await db.fulfilment.count(),
  refunds: await db.refund.count(),
  orders: await db.order.count(),
  paid: await db.order.count({ where: { status: "PAID" } }),
});

describe("checkout and payment", () => {
  it("IDR goes to Stripe in two-decimal minor units", () => {
    expect(toStripeAmount(money(15_000_000n, "IDR"))).toBe(15_000_000); // Rp150.000
    // one rule: a zero-decimal currency is stored in whole units, which is what Stripe takes
    expect(toStripeAmount(money(150_000n, "JPY"))).toBe(150_000);
  });

  it("splits a bank-transfer order per producer and credits each less the commission, once", async () => {
    const a = await sellable({ priceIdr: 150_000, stock: 10 });
    const b = await sellable({ priceIdr: 87_500, stock: 10, name: "Amplang" });
    await db.marketSettings.update({ where: { id: 1 }, data: { commissionBps: 1250 } });
    const order = await orderFor([
      { variantId: a.variant.id, quantity: 2 },
      { variantId: b.variant.id, quantity: 3 },
    ]);
    expect(order.status).toBe("AWAITING_PAYMENT");
    expect(order.subtotalAmount).toBe(2n * 15_000_000n + 3n * 8_750_000n);
    // one parcel per producer at Rp25.000/kg; each weighs under the 1 kg minimum (100 g a unit)
    expect(order.totalAmount).toBe(order.subtotalAmount + 2n * 2_500_000n);
    // the transfer amount is the total plus a unique code of Rp1–Rp999
    expect(order.transferAmount! - order.totalAmount).toBeGreaterThanOrEqual(100n);
    expect(order.transferAmount! - order.totalAmount).toBeLessThanOrEqual(99_900n);
    expect((await db.variant.findUniqueOrThrow({ where: { id: a.variant.id } })).stock).toBe(8);
    expect(
      await db.outboundMail.count({ where: { kind: "order.awaiting-transfer", to: "pembeli@example.test" } }),
    ).toBe(1);

    const staff = await createUser({ roles: ["STAFF"] });
    expect(await confirmBankTransfer(staff.id, order.id, order.totalAmount)).toBe("amount-mismatch");
    expect(await db.payment.count()).toBe(0);
    expect(await confirmBankTransfer(staff.id, order.id, order.transferAmount!)).toBe("paid");
    expect(await confirmBankTransfer(staff.id, order.id, order.transferAmount!)).toBe("already-paid");

    const fulfilments = await db.fulfilment.findMany({ where: { orderId: order.id }, include: { lines: true } });
    expect(fulfilments.map((f) => f.producerId).sort()).toEqual([a.producer.id, b.producer.id].sort());
    // 2 × Rp150.000 = Rp300.000 less 12.5% (Rp37.500) = Rp262.500;
    // 3 × Rp87.500 = Rp262.500 less 12.5% = Rp32.812,50 → commission rounds to whole rupiah (Rp32.813)
    expect(commissionOn(money(26_250_000n, "IDR"), 1250).amount).toBe(3_281_300n);
    expect(await producerBalance(a.producer.id)).toBe(26_250_000n);
    expect(await producerBalance(b.producer.id)).toBe(26_250_000n - 3_281_300n);
    const entries = await db.ledgerEntry.findMany({ where: { producerId: { in: [a.producer.id, b.producer.id] } } });
    expect(entries).toHaveLength(2);
    expect(entries.every((e) => e.commissionBps === 1250 && e.kind === "SALE_CREDIT")).toBe(true);
    expect(
      await db.auditLog.count({ where: { action: "payment.received", entityId: order.id, actorId: staff.id } }),
    ).toBe(1);
    expect(await db.outboundMail.count({ where: { kind: "fulfilment.new" } })).toBe(2);
    await db.marketSettings.update({ where: { id: 1 }, data: { commissionBps: 1000 } });
  });

  it("never oversells: 30 buyers race for 5 units and exactly 5 orders hold them", async () => {
    const { variant } = await sellable({ stock: 5 });
    await shippingRate();
    const carts = await Promise.all(
      Array.from({ length: 30 }, () => cartWith([{ variantId: variant.id, quantity: 1 }])),
    );
    const results = await Promise.allSettled(carts.map((c) => placeReviewed(c, null, checkoutInput())));
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    expect(ok).toHaveLength(5);
    expect(refused.every((e) => e instanceof CheckoutRefused && e.reason === "sold-out")).toBe(true);
    expect((await db.variant.findUniqueOrThrow({ where: { id: variant.id } })).stock).toBe(0);
    expect(
      await db.stockReservation.aggregate({
        where: { variantId: variant.id, status: "HELD" },
        _sum: { quantity: true },
      }),
    ).toMatchObject({ _sum: { quantity: 5 } });
  });

  it("an expired hold gives the stock back once; a cancelled order cannot be paid into oversell", async () => {
    const { variant } = await sellable({ stock: 3 });
    const order = await orderFor([{ variantId: variant.id, quantity: 2 }]);
    expect((await db.variant.findUniqueOrThrow({ where: { id: variant.id } })).stock).toBe(1);
    expect(await expireUnpaidOrders()).toBe(0); // not due yet
    await db.order.update({ where: { id: order.id }, data: { reservedUntil: new Date(Date.now() - 1000) } });
    const [x, y] = await Promise.all([expireUnpaidOrders(), expireUnpaidOrders()]);
    expect(x + y).toBe(1);
    expect((await db.variant.findUniqueOrThrow({ where: { id: variant.id } })).stock).toBe(3);
    expect(await db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "CANCELLED",
      cancelReason: "expired",
    });
    expect(await db.stockReservation.findFirstOrThrow({ where: { orderId: order.id } })).toMatchObject({
      status: "RELEASED",
    });
    expect(await cancelUnpaidOrder(order.id, null, "buyer")).toBe(false);
    expect((await db.variant.findUniqueOrThrow({ where: { id: variant.id } })).stock).toBe(3);
  });

  it("a replayed webhook (100 times, some at once) pays once and credits once", async () => {
    const { variant, producer } = await sellable({ stock: 4 });
    const { order, signed } = await paidCardOrder([{ variantId: variant.id, quantity: 1 }]);
    const first = await postWebhook(signed.payload, signed.header);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ outcome: "paid" });
    const before = await snapshotCounts();
    const replays = await Promise.all(Array.from({ length: 99 }, () => postWebhook(signed.payload, signed.header)));
    expect(replays.every((r) => r.status === 200)).toBe(true);
    expect(await snapshotCounts()).toEqual(before);
    expect(await db.payment.count({ where: { orderId: order.id } })).toBe(1);
    expect(await db.ledgerEntry.count({ where: { producerId: producer.id } })).toBe(1);
    // the same payment under a new event id is recognised too
    const again = fake.signedEvent("checkout.session.completed", signed.event.data.object);
    expect(await (await postWebhook(again.payload, again.header)).json()).toMatchObject({ outcome: "already-paid" });
    expect(await snapshotCounts()).toEqual({ ...before });
    // the Stripe session was created with the order's idempotency key and IDR minor units
    const create = fake.requests.find(
      (r) => r.path === "/v1/checkout/sessions" && r.body.client_reference_id === order.id,
    )!;
    expect(create.idempotencyKey).toBe(`checkout-session-${order.id}`);
    expect(create.body.line_items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ price_data: expect.objectContaining({ currency: "idr", unit_amount: "15000000" }) }),
      ]),
    );
  });

  it("rejects forged, tampered and stale signatures with 400 and changes nothing", async () => {
    const { variant } = await sellable({ stock: 4 });
    const { signed } = await paidCardOrder([{ variantId: variant.id, quantity: 1 }]);
    const before = { ...(await snapshotCounts()), events: await db.processedWebhookEvent.count() };
    const forged = fake.signedEvent("checkout.session.completed", signed.event.data.object, {
      secret: "whsec_attacker",
    });
    expect((await postWebhook(forged.payload, forged.header)).status).toBe(400);
    expect((await postWebhook(signed.payload.replace('"paid"', '"paid" '), signed.header)).status).toBe(400);
    const stale = fake.signedEvent("checkout.session.completed", signed.event.data.object, {
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    expect((await postWebhook(stale.payload, stale.header)).status).toBe(400);
    expect((await postWebhook(signed.payload, "")).status).toBe(400);
    expect({ ...(await snapshotCounts()), events: await db.processedWebhookEvent.count() }).toEqual(before);
  });

  it("a payment after the hold expired and the stock sold is refunded, not oversold", async () => {
    const { variant } = await sellable({ stock: 1 });
    const { order, signed } = await paidCardOrder([{ variantId: variant.id, quantity: 1 }]);
    await db.order.update({ where: { id: order.id }, data: { reservedUntil: new Date(Date.now() - 1000) } });
    await expireUnpaidOrders();
    const rival = await orderFor([{ variantId: variant.id, quantity: 1 }]);
    expect(rival.status).toBe("AWAITING_PAYMENT");
    const res = await postWebhook(signed.payload, signed.header);
    expect(await res.json()).toMatchObject({ outcome: "late-sold-out" });
    expect((await db.variant.findUniqueOrThrow({ where: { id: variant.id } })).stock).toBe(0);
    const refund = await db.refund.findFirstOrThrow({ where: { orderId: order.id } });
    expect(refund.amount).toBe(order.totalAmount);
    expect(refund.externalId).toMatch(/^re_/);
    expect(await db.fulfilment.count({ where: { orderId: order.id } })).toBe(0);
    expect(await db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "REFUNDED" });
  });

  it("refunds a line through Stripe and debits the producer; staff cancel a paid order and restock", async () => {
    const a = await sellable({ priceIdr: 100_000, stock: 10 });
    const b = await sellable({ priceIdr: 50_000, stock: 10 });
    const { order, signed } = await paidCardOrder([
      { variantId: a.variant.id, quantity: 3 },
      { variantId: b.variant.id, quantity: 1 },
    ]);
    await postWebhook(signed.payload, signed.header);
    const staff = await createUser({ roles: ["STAFF"] });
    const lineA = order.lines.find((l) => l.variantId === a.variant.id)!;
    await expect(
      refundLines(staff.id, order.id, [{ lineId: lineA.id, quantity: 4 }], "damaged"),
    ).rejects.toBeInstanceOf(RefundRefused);
    await refundLines(staff.id, order.id, [{ lineId: lineA.id, quantity: 1 }], "damaged");
    const refund = await db.refund.findFirstOrThrow({ where: { orderId: order.id } });
    expect(refund).toMatchObject({ amount: 10_000_000n, externalId: expect.stringMatching(/^re_/) });
    const req = fake.requests.find(
      (r) =>
        r.path === "/v1/refunds" &&
        r.body.metadata &&
        (r.body.metadata as Record<string, string>).refundId === refund.id,
    )!;
    expect(req.idempotencyKey).toBe(`refund-${refund.id}`);
    expect(req.body.amount).toBe("10000000");
    // 3 × Rp100.000 less 10% = 270.000; one refunded unit takes back 90.000
    expect(await producerBalance(a.producer.id)).toBe(27_000_000n - 9_000_000n);
    expect(await db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "PARTIALLY_REFUNDED",
    });
    // Stripe's charge.refunded for our own refund adds nothing
    const charge = [...fake.charges.values()].find(
      (c) => c.payment_intent === (signed.event.data.object as { payment_intent: string }).payment_intent,
    )!;
    const ev = fake.signedEvent("charge.refunded", charge);
    await postWebhook(ev.payload, ev.header);
    expect(await db.refund.count({ where: { orderId: order.id } })).toBe(1);
    // a refund made in the Stripe dashboard is recorded
    const dash = fake.signedEvent("charge.refunded", {
      ...charge,
      amount_refunded: Number(charge.amount_refunded) + 500_000,
    });
    await postWebhook(dash.payload, dash.header);
    expect(await db.refund.count({ where: { orderId: order.id } })).toBe(2);

    // bank-transfer order: cancelled by staff before shipping → stock back, producer debited to zero
    const c = await sellable({ priceIdr: 20_000, stock: 5 });
    const bank = await orderFor([{ variantId: c.variant.id, quantity: 2 }]);
    await confirmBankTransfer(staff.id, bank.id, bank.transferAmount!);
    expect((await db.variant.findUniqueOrThrow({ where: { id: c.variant.id } })).stock).toBe(3);
    await cancelPaidOrder(staff.id, bank.id, "buyer asked");
    expect((await db.variant.findUniqueOrThrow({ where: { id: c.variant.id } })).stock).toBe(5);
    expect(await producerBalance(c.producer.id)).toBe(0n);
    expect(await db.order.findUniqueOrThrow({ where: { id: bank.id } })).toMatchObject({ status: "CANCELLED" });
    expect(await db.refund.findFirstOrThrow({ where: { orderId: bank.id } })).toMatchObject({
      amount: bank.totalAmount,
    });
    expect(await db.fulfilment.count({ where: { orderId: bank.id, status: "CANCELLED" } })).toBe(1);
  });

  it("pays producers once: concurrent payout batches, CSV for the bank", async () => {
    const a = await sellable({ priceIdr: 100_000 });
    const b = await sellable({ priceIdr: 40_000 });
    const staff = await createUser({ roles: ["STAFF"] });
    const order = await orderFor([
      { variantId: a.variant.id, quantity: 1 },
      { variantId: b.variant.id, quantity: 1 },
    ]);
    await confirmBankTransfer(staff.id, order.id, order.transferAmount!);
    // escrow: nothing is payable until the parcels complete
    await expect(createPayoutBatch(staff.id)).rejects.toBeInstanceOf(NothingToPay);
    await completeParcels(order.id);
    const results = await Promise.allSettled([createPayoutBatch(staff.id), createPayoutBatch(staff.id)]);
    const made = results
      .filter((r) => r.status === "fulfilled")
      .map((r) => (r as PromiseFulfilledResult<{ id: string; totalAmount: bigint }>).value);
    expect(made).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: expect.any(NothingToPay) });
    expect(await producerBalance(a.producer.id)).toBe(0n);
    expect(await producerBalance(b.producer.id)).toBe(0n);
    const csv = (await payoutCsv(made[0].id))!;
    expect(csv.csv.split("\n")[0]).toBe("batch,producer,nib,bank,account_no,account_name,amount,currency,description");
    expect(csv.csv).toMatch(new RegExp(`${a.producer.nib},BRI,0123456789,${a.producer.legalName},90000,IDR,`));
    expect(csv.csv).toMatch(new RegExp(`${b.producer.nib},BRI,0123456789,${b.producer.legalName},36000,IDR,`));
    await expect(createPayoutBatch(staff.id)).rejects.toBeInstanceOf(NothingToPay);
  });

  it("when Stripe is unreachable the order is cancelled and the stock returned", async () => {
    const { variant } = await sellable({ stock: 2 });
    const order = await orderFor([{ variantId: variant.id, quantity: 2 }], { paymentMethod: "STRIPE" });
    fake.failApi = true;
    try {
      await expect(startCardPayment(order.id)).rejects.toMatchObject({ reason: "payment-failed" });
    } finally {
      fake.failApi = false;
    }
    expect((await db.variant.findUniqueOrThrow({ where: { id: variant.id } })).stock).toBe(2);
    expect(await db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "CANCELLED" });
  });
});
