/**
 * QRIS and virtual accounts through the official xendit-node SDK against a local fake of
 * Xendit's HTTP API: the order is paid by the gateway's callback (verified by its token),
 * once however often it is replayed or however it races the buyer's return; a forged
 * callback is refused; a late payment after expiry retakes the stock or is refunded; QRIS
 * refunds go back through the gateway, virtual-account refunds to staff.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { CheckoutRefused, paymentMethods, startGatewayPayment } from "~/domain/orders/checkout.server";
import { cancelUnpaidOrder } from "~/domain/orders/index.server";
import { refundLines } from "~/domain/orders/refunds.server";
import { syncGatewayPayment } from "~/domain/payments/payments.server";
import { producerBalance } from "~/domain/ledger/ledger.server";
import { action as webhook } from "~/routes/webhooks.xendit";
import { FakeXendit } from "../fakes/xendit-server";
import { createUser } from "../helpers/fixtures";
import { orderFor, sellable } from "../helpers/orders";

async function postCallback(body: string, headers: Record<string, string>) {
  const res = (await webhook({
    request: new Request("http://localhost:3999/webhooks/xendit", { method: "POST", body, headers }),
    params: {},
    context: {},
  })) as Response;
  return res;
}

const fake = new FakeXendit({
  secretKey: "xnd_development_gateway_suite",
  callbackToken: "gateway-suite-callback-token",
  onCallback: async (body, headers) => (await postCallback(body, headers)).status,
});
let staffId = "";

beforeAll(async () => {
  await fake.start();
  process.env.XENDIT_SECRET_KEY = fake.opts.secretKey;
  process.env.XENDIT_CALLBACK_TOKEN = fake.opts.callbackToken;
  process.env.XENDIT_API_URL = fake.url;
  staffId = (await createUser({ roles: ["STAFF"] })).id;
});
afterAll(async () => {
  delete process.env.XENDIT_SECRET_KEY;
  delete process.env.XENDIT_CALLBACK_TOKEN;
  delete process.env.XENDIT_API_URL;
  await fake.stop();
});

async function gatewayOrder(method: "QRIS" | "VIRTUAL_ACCOUNT", stock = 10, quantity = 1) {
  const s = await sellable({ priceIdr: 120_000, stock });
  const order = await orderFor([{ variantId: s.variant.id, quantity }], {
    paymentMethod: method,
    vaBank: method === "VIRTUAL_ACCOUNT" ? "BRI" : "",
  });
  await startGatewayPayment(order.id);
  return { s, order: await db.order.findUniqueOrThrow({ where: { id: order.id } }) };
}

describe("QRIS", () => {
  it("is offered with the gateway configured; the callback pays the order once, replays change nothing", async () => {
    expect(paymentMethods()).toEqual(["QRIS", "VIRTUAL_ACCOUNT", "BANK_TRANSFER"]);
    const { s, order } = await gatewayOrder("QRIS");
    expect(order.status).toBe("PENDING_PAYMENT");
    expect(order.gatewayQrString).toMatch(/^000201/);
    expect(order.gatewayExpiresAt?.getTime()).toBe(order.reservedUntil?.getTime());
    // the SDK sent whole rupiah, with the order as reference
    const pr = fake.requests.get(order.gatewayRequestId!)!;
    expect(pr.amount).toBe(Number(order.totalAmount / 100n));
    expect(pr.reference_id).toBe(order.id);

    expect(await fake.pay(order.gatewayRequestId!)).toEqual({ ok: true });
    expect(fake.callbacks.at(-1)).toEqual({ event: "payment.succeeded", status: 200 });
    const paid = await db.order.findUniqueOrThrow({ where: { id: order.id }, include: { payments: true } });
    expect(paid.status).toBe("PAID");
    expect(paid.payments.map((p) => [p.method, p.amount, p.externalId])).toEqual([
      ["QRIS", order.totalAmount, `xendit:${order.gatewayRequestId}`],
    ]);
    const credited = await producerBalance(s.producer.id);
    expect(credited).toBeGreaterThan(0n);

    // Xendit retries a callback it thinks failed: ten replays at once do nothing more
    const payment = fake.paymentOf(order.gatewayRequestId!)!;
    const statuses = await Promise.all(Array.from({ length: 10 }, () => fake.deliver("payment.succeeded", payment)));
    expect(statuses.every((st) => st === 200)).toBe(true);
    expect(await db.payment.count({ where: { orderId: order.id } })).toBe(1);
    expect(await producerBalance(s.producer.id)).toBe(credited);
  });

  it("is refused above Rp10.000.000 (the QRIS cap) with its reason, the stock untouched; a virtual account takes the same cart", async () => {
    const s = await sellable({ priceIdr: 5_100_000, stock: 5 });
    const refusal = await orderFor([{ variantId: s.variant.id, quantity: 2 }], { paymentMethod: "QRIS" }).catch(
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(CheckoutRefused);
    expect((refusal as CheckoutRefused).reason).toBe("qris-limit");
    expect((await db.variant.findUniqueOrThrow({ where: { id: s.variant.id } })).stock).toBe(5);
    expect(await db.order.count({ where: { lines: { some: { variantId: s.variant.id } } } })).toBe(0);
    const va = await orderFor([{ variantId: s.variant.id, quantity: 2 }], {
      paymentMethod: "VIRTUAL_ACCOUNT",
      vaBank: "BRI",
    });
    expect(va.totalAmount).toBeGreaterThan(1_000_000_000n);
  });

  it("a forged callback is refused and changes nothing; a real token naming another order's request pays nothing", async () => {
    const { order } = await gatewayOrder("QRIS");
    await fake.pay(order.gatewayRequestId!, { callback: false });
    const payment = fake.paymentOf(order.gatewayRequestId!)!;
    const body = JSON.stringify({ event: "payment.succeeded", business_id: "x", created: "", data: payment });
    const forged = await postCallback(body, { "content-type": "application/json", "x-callback-token": "guessed" });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({ error: "invalid callback token" });
    const unsigned = await postCallback(body, { "content-type": "application/json" });
    expect(unsigned.status).toBe(401);
    const other = await gatewayOrder("QRIS");
    const crossed = await postCallback(
      JSON.stringify({ event: "payment.succeeded", data: { ...payment, reference_id: other.order.id } }),
      { "content-type": "application/json", "x-callback-token": fake.opts.callbackToken },
    );
    expect(await crossed.json()).toEqual({ received: true, outcome: "unknown-order" });
    for (const id of [order.id, other.order.id]) {
      expect((await db.order.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING_PAYMENT");
      expect(await db.payment.count({ where: { orderId: id } })).toBe(0);
    }
  });

  it("the buyer's return racing the callback pays once", async () => {
    const { order } = await gatewayOrder("QRIS");
    await fake.pay(order.gatewayRequestId!, { callback: false });
    const payment = fake.paymentOf(order.gatewayRequestId!)!;
    await Promise.all([
      syncGatewayPayment(order.id),
      fake.deliver("payment.succeeded", payment),
      syncGatewayPayment(order.id),
      fake.deliver("payment.succeeded", payment),
    ]);
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PAID");
    expect(await db.payment.count({ where: { orderId: order.id } })).toBe(1);
  });

  it("a payment after the hold expired, with the stock sold meanwhile, is refunded through the gateway", async () => {
    const { s, order } = await gatewayOrder("QRIS", 1);
    expect(await cancelUnpaidOrder(order.id, null, "expired")).toBe(true);
    expect((await db.variant.findUniqueOrThrow({ where: { id: s.variant.id } })).stock).toBe(1);
    await db.variant.update({ where: { id: s.variant.id }, data: { stock: 0 } }); // another buyer took it
    await fake.pay(order.gatewayRequestId!);
    const after = await db.order.findUniqueOrThrow({ where: { id: order.id }, include: { refunds: true } });
    expect(after.status).toBe("REFUNDED");
    expect(after.refunds.map((r) => r.amount)).toEqual([order.totalAmount]);
    // the refund went back to the buyer's e-wallet through Xendit
    const sent = [...fake.refunds.values()].filter((r) => r.payment_request_id === order.gatewayRequestId);
    expect(sent.map((r) => r.amount)).toEqual([Number(order.totalAmount / 100n)]);
  });

  it("staff refunds go back through Xendit with the refund as idempotency key", async () => {
    const { order } = await gatewayOrder("QRIS", 10, 2);
    await fake.pay(order.gatewayRequestId!);
    const line = await db.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
    await refundLines(staffId, order.id, [{ lineId: line.id, quantity: 1 }], "rusak");
    const refund = await db.refund.findFirstOrThrow({ where: { orderId: order.id } });
    expect(refund.externalId).toMatch(/^rfd-/);
    expect(fake.refunds.get(refund.externalId!)).toMatchObject({ amount: Number(refund.amount / 100n) });
  });

  it("when the gateway is down the order is cancelled at once and its stock returned", async () => {
    const s = await sellable({ priceIdr: 50_000, stock: 3 });
    const order = await orderFor([{ variantId: s.variant.id, quantity: 2 }], { paymentMethod: "QRIS" });
    fake.failApi = true;
    try {
      const err = await startGatewayPayment(order.id).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CheckoutRefused);
      expect((err as CheckoutRefused).reason).toBe("payment-failed");
    } finally {
      fake.failApi = false;
    }
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("CANCELLED");
    expect((await db.variant.findUniqueOrThrow({ where: { id: s.variant.id } })).stock).toBe(3);
  });
});

describe("virtual accounts", () => {
  it("the chosen bank's account number is shown; the callback pays; a refund is left to staff (Xendit cannot)", async () => {
    const { order } = await gatewayOrder("VIRTUAL_ACCOUNT");
    expect(order.gatewayChannel).toBe("BRI");
    expect(order.gatewayVaNumber).toMatch(/^\d{16}$/);
    expect(fake.requests.get(order.gatewayRequestId!)!.payment_method).toMatchObject({
      type: "VIRTUAL_ACCOUNT",
      virtual_account: { channel_code: "BRI", channel_properties: { customer_name: "Siti Rahmah" } },
    });
    await fake.pay(order.gatewayRequestId!);
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PAID");
    const line = await db.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
    await refundLines(staffId, order.id, [{ lineId: line.id, quantity: 1 }], "batal");
    const refund = await db.refund.findFirstOrThrow({ where: { orderId: order.id } });
    expect(refund.externalId).toMatch(/^manual:/);
    expect([...fake.refunds.values()].some((r) => r.payment_request_id === order.gatewayRequestId)).toBe(false);
  });
});
