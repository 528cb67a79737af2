/**
 * Vouchers at checkout against the real database: the discount per line and parcel, who
 * pays for it in the ledger, refunds giving back the right share, every refusal changing
 * nothing, and the limits holding when buyers race for the last uses.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { checkoutQuote, CheckoutRefused } from "~/domain/orders/checkout.server";
import { cancelUnpaidOrder } from "~/domain/orders/index.server";
import { refundLines } from "~/domain/orders/refunds.server";
import { confirmBankTransfer } from "~/domain/payments/payments.server";
import { producerBalance } from "~/domain/ledger/ledger.server";
import { saveVoucher } from "~/domain/vouchers/vouchers.server";
import { voucherSchema } from "~/domain/vouchers/schemas";
import { createUser } from "../helpers/fixtures";
import { cartWith, checkoutInput, placeReviewed, sellable, shippingRate } from "../helpers/orders";

let staffId = "";
const rp = (n: number) => BigInt(n) * 100n;
let seq = 0;

/** A voucher as staff would type it (the form's schema turns it into the stored terms). */
async function voucher(form: Record<string, string>) {
  const code = `UJI-${++seq}-${Date.now().toString(36).toUpperCase()}`.slice(0, 24);
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const input = voucherSchema.parse({
    code,
    kind: "PERCENT",
    startsOn: today,
    endsOn: "2099-12-31",
    fundedBy: "PLATFORM",
    active: "on",
    ...form,
  });
  return saveVoucher(staffId, input, null);
}

async function paid(orderId: string) {
  const o = await db.order.findUniqueOrThrow({ where: { id: orderId } });
  expect(await confirmBankTransfer(staffId, o.id, o.transferAmount!)).toBe("paid");
  return db.order.findUniqueOrThrow({ where: { id: orderId }, include: { lines: true } });
}

async function refusal(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CheckoutRefused);
  const r = err as CheckoutRefused;
  expect(r.reason).toBe("voucher");
  return r.voucher!.reason;
}

beforeAll(async () => {
  staffId = (await createUser({ roles: ["STAFF"] })).id;
  await shippingRate();
});

describe("the discount", () => {
  it("takes the percentage of the covered lines up to the cap, shares it by line and parcel, and leaves shipping alone", async () => {
    const a = await sellable({ priceIdr: 150_000, stock: 10 });
    const b = await sellable({ priceIdr: 100_000, stock: 10 });
    const v = await voucher({ percent: "10", maxDiscount: "30000" });
    const cart = await cartWith([
      { variantId: a.variant.id, quantity: 2 },
      { variantId: b.variant.id, quantity: 1 },
    ]);
    const input = checkoutInput({ voucher: v.code });
    const q = await checkoutQuote(cart, "id", input);
    // 10% of Rp400.000 is Rp40.000, capped at Rp30.000, shared 3:1 by the lines' amounts
    expect(q.discount).toBe(rp(30_000));
    expect(q.parcels.map((p) => p.discount).sort()).toEqual([rp(22_500), rp(7_500)].sort());
    expect(q.shipping).toBe(rp(50_000));
    expect(q.total).toBe(rp(400_000 + 50_000 - 30_000));

    const placed = await placeReviewed(cart, null, input);
    const order = await db.order.findUniqueOrThrow({ where: { id: placed.id }, include: { lines: true } });
    expect(order).toMatchObject({ discountAmount: rp(30_000), voucherCode: v.code, discountFundedBy: "PLATFORM" });
    expect(order.totalAmount).toBe(rp(420_000));
    expect(order.lines.find((l) => l.variantId === a.variant.id)!.discountAmount).toBe(rp(22_500));
    expect((await db.voucher.findUniqueOrThrow({ where: { id: v.id } })).usedCount).toBe(1);

    // platform-funded: the producers are credited on their full lines
    await paid(order.id);
    expect(await producerBalance(a.producer.id)).toBe(rp(270_000));
    expect(await producerBalance(b.producer.id)).toBe(rp(90_000));
  });

  it("a producer-funded voucher covers only that producer's lines and comes out of its credit, and refunds give back the same shares", async () => {
    const a = await sellable({ priceIdr: 150_000, stock: 10 });
    const b = await sellable({ priceIdr: 100_000, stock: 10 });
    const v = await voucher({ percent: "10", fundedBy: "PRODUCER", producerId: a.producer.id });
    const input = checkoutInput({ voucher: v.code });
    const placed = await placeReviewed(
      await cartWith([
        { variantId: a.variant.id, quantity: 2 },
        { variantId: b.variant.id, quantity: 1 },
      ]),
      null,
      input,
    );
    const order = await paid(placed.id);
    expect(order.discountAmount).toBe(rp(30_000));
    expect(order.lines.find((l) => l.variantId === b.variant.id)!.discountAmount).toBe(0n);
    // A is credited 90% of (Rp300.000 − Rp30.000); B is untouched
    expect(await producerBalance(a.producer.id)).toBe(rp(243_000));
    expect(await producerBalance(b.producer.id)).toBe(rp(90_000));

    // one of A's two units back: the buyer gets what it paid for it, A gives back its share of that
    const lineA = order.lines.find((l) => l.variantId === a.variant.id)!;
    await refundLines(staffId, order.id, [{ lineId: lineA.id, quantity: 1 }], "rusak");
    const first = await db.refund.findFirstOrThrow({ where: { orderId: order.id } });
    expect(first.amount).toBe(rp(135_000));
    expect(await producerBalance(a.producer.id)).toBe(rp(121_500));

    // the rest: everything the buyer paid comes back, and both producers end at zero
    const lineB = order.lines.find((l) => l.variantId === b.variant.id)!;
    await refundLines(
      staffId,
      order.id,
      [
        { lineId: lineA.id, quantity: 1 },
        { lineId: lineB.id, quantity: 1 },
      ],
      "batal",
    );
    const refunds = await db.refund.findMany({ where: { orderId: order.id } });
    expect(refunds.reduce((s, r) => s + r.amount, 0n)).toBe(order.totalAmount);
    expect(await producerBalance(a.producer.id)).toBe(0n);
    expect(await producerBalance(b.producer.id)).toBe(0n);
  });

  it("a fixed amount in a category with a minimum spend", async () => {
    const a = await sellable({ priceIdr: 60_000, stock: 10 });
    const cat = (await db.product.findUniqueOrThrow({ where: { id: a.product.id } })).categoryId;
    const v = await voucher({ kind: "FIXED", amount: "25000", minSpend: "100000", categoryId: cat });
    const one = await cartWith([{ variantId: a.variant.id, quantity: 1 }]);
    const q1 = await checkoutQuote(one, "id", checkoutInput({ voucher: v.code }));
    expect(q1.voucherRefusal?.reason).toBe("min-spend");
    expect(q1.voucherRefusal?.minSpend).toBe(rp(100_000));
    expect(q1.discount).toBe(0n);
    const two = await cartWith([{ variantId: a.variant.id, quantity: 2 }]);
    const q2 = await checkoutQuote(two, "id", checkoutInput({ voucher: v.code }));
    expect(q2.discount).toBe(rp(25_000));
  });
});

describe("refusals change nothing", () => {
  it("an unknown, expired, not yet valid, switched-off, foreign or used-up code is refused with its reason", async () => {
    const a = await sellable({ priceIdr: 50_000, stock: 10 });
    const other = await sellable({ priceIdr: 50_000, stock: 10 });
    const expired = await voucher({ percent: "5" });
    await db.voucher.update({
      where: { id: expired.id },
      data: { startsAt: new Date("2025-01-01"), endsAt: new Date(Date.now() - 1000) },
    });
    const later = await voucher({ percent: "5", startsOn: "2099-01-01", endsOn: "2099-12-31" });
    const off = await voucher({ percent: "5", active: "" });
    const foreign = await voucher({ percent: "5", fundedBy: "PRODUCER", producerId: other.producer.id });
    const usedUp = await voucher({ percent: "5", totalLimit: "1" });
    await db.voucher.update({ where: { id: usedUp.id }, data: { usedCount: 1 } });

    const cases: Array<[string, string]> = [
      ["NOPE-123", "unknown"],
      [expired.code, "expired"],
      [later.code, "not-started"],
      [off.code, "inactive"],
      [foreign.code, "not-applicable"],
      [usedUp.code, "exhausted"],
    ];
    for (const [code, reason] of cases) {
      const cart = await cartWith([{ variantId: a.variant.id, quantity: 1 }]);
      const input = checkoutInput({ voucher: code });
      const q = await checkoutQuote(cart, "id", input);
      expect(q.voucherRefusal?.reason, code).toBe(reason);
      expect(await refusal(placeReviewed(cart, null, input)), code).toBe(reason);
    }
    expect(await db.order.count({ where: { lines: { some: { variantId: a.variant.id } } } })).toBe(0);
    expect((await db.variant.findUniqueOrThrow({ where: { id: a.variant.id } })).stock).toBe(10);
    expect(await db.voucherRedemption.count({ where: { voucherId: usedUp.id } })).toBe(0);
  });
});

describe("limits under concurrency", () => {
  it("50 buyers racing for a 10-use code: exactly 10 orders carry it, the rest are told it is used up", async () => {
    const a = await sellable({ priceIdr: 20_000, stock: 500 });
    const v = await voucher({ kind: "FIXED", amount: "5000", totalLimit: "10" });
    const carts = await Promise.all(
      Array.from({ length: 50 }, () => cartWith([{ variantId: a.variant.id, quantity: 1 }])),
    );
    const results = await Promise.allSettled(
      carts.map((cart, i) =>
        placeReviewed(cart, null, checkoutInput({ voucher: v.code, email: `racer${i}@example.test` })),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(10);
    for (const r of results)
      if (r.status === "rejected") {
        expect(r.reason).toBeInstanceOf(CheckoutRefused);
        expect((r.reason as CheckoutRefused).voucher?.reason).toBe("exhausted");
      }
    expect((await db.voucher.findUniqueOrThrow({ where: { id: v.id } })).usedCount).toBe(10);
    expect(await db.voucherRedemption.count({ where: { voucherId: v.id } })).toBe(10);
    expect(await db.order.count({ where: { voucherCode: v.code } })).toBe(10);
    // the losers' stock was never taken
    expect((await db.variant.findUniqueOrThrow({ where: { id: a.variant.id } })).stock).toBe(490);
  });

  it("one buyer checking out 10 carts at once with a once-per-buyer code gets it once", async () => {
    const buyer = await createUser();
    const a = await sellable({ priceIdr: 20_000, stock: 500 });
    const v = await voucher({ kind: "FIXED", amount: "5000" });
    const carts = await Promise.all(
      Array.from({ length: 10 }, () => cartWith([{ variantId: a.variant.id, quantity: 1 }], buyer.id)),
    );
    const results = await Promise.allSettled(
      carts.map((cart) => placeReviewed(cart, buyer.id, checkoutInput({ voucher: v.code, email: buyer.email }))),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect((r.reason as CheckoutRefused).voucher?.reason).toBe("buyer-limit");
    // the same person under another e-mail address is still the same account
    const again = await cartWith([{ variantId: a.variant.id, quantity: 1 }], buyer.id);
    expect(
      await refusal(placeReviewed(again, buyer.id, checkoutInput({ voucher: v.code, email: "lain@example.test" }))),
    ).toBe("buyer-limit");
  });

  it("an unpaid order cancelled gives its use back, once", async () => {
    const a = await sellable({ priceIdr: 20_000, stock: 10 });
    const v = await voucher({ kind: "FIXED", amount: "5000", totalLimit: "1" });
    const input = checkoutInput({ voucher: v.code });
    const first = await placeReviewed(await cartWith([{ variantId: a.variant.id, quantity: 1 }]), null, input);
    expect(await refusal(placeReviewed(await cartWith([{ variantId: a.variant.id, quantity: 1 }]), null, input))).toBe(
      "exhausted",
    );
    await Promise.all(Array.from({ length: 5 }, () => cancelUnpaidOrder(first.id, null, "buyer")));
    expect((await db.voucher.findUniqueOrThrow({ where: { id: v.id } })).usedCount).toBe(0);
    const second = await placeReviewed(await cartWith([{ variantId: a.variant.id, quantity: 1 }]), null, input);
    expect((await db.order.findUniqueOrThrow({ where: { id: second.id } })).discountAmount).toBe(rp(5_000));
  });
});
