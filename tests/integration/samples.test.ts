/**
 * Paid samples (trade/samples.server.ts): a business buyer orders a sample of its request's
 * product through the normal cart and checkout, and what the goods cost is credited against
 * the lot's invoice when its company accepts a quote in time — once, whatever runs at once.
 */
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { CartRefused, setCartLine } from "~/domain/orders/cart.server";
import { confirmBankTransfer } from "~/domain/payments/payments.server";
import { answerQuote, createRfq, type RfqInput } from "~/domain/trade/rfq.server";
import { orderSample, setSampleTerms } from "~/domain/trade/samples.server";
import { LotRefused } from "~/domain/trade/refused";
import { exposure, lotPnl } from "~/domain/trade/receivables.server";
import { action as buyerRfqAction, loader as buyerRfqLoader } from "~/routes/($lang).account_.rfq";
import { createUser, signedInCookie } from "../helpers/fixtures";
import { formRequest, getRequest } from "../helpers/http";
import { checkoutInput, placeReviewed, sellable, shippingRate } from "../helpers/orders";
import { sendQuoteAt } from "../helpers/trade";

const DAY = 86_400_000;
const rp = (major: number) => BigInt(major) * 100n;
const inAWeek = () => new Date(Date.now() + 7 * DAY);
const singapore = checkoutInput({
  email: "mei@example.test",
  country: "SG",
  province: "",
  regencyCode: "",
  city: "Singapore",
  address: "8 Marina View",
  postcode: "018960",
});

/** A Singapore importer's request (name a product or a category). */
const request = (o: Partial<RfqInput>): RfqInput => ({
  productId: null,
  categoryId: null,
  quantity: 100,
  unit: "pcs",
  targetPriceAmount: null,
  targetCurrency: null,
  destinationCountry: "SG",
  destinationPort: null,
  incoterm: "FOB",
  wantedBy: null,
  notes: null,
  ...o,
});

/** A honey product sold by the carton of 12 at the least, and a Singapore importer asking for 100 of it. */
async function honeyRequest(companyName = "Lion City Foods Pte Ltd") {
  const { product, variant } = await sellable({ priceIdr: 150_000, stock: 50, name: `Madu kelulut ${companyName}` });
  await db.variant.update({ where: { id: variant.id }, data: { minOrderQty: 12 } });
  const buyer = await createUser();
  const rfq = (quantity = 100) =>
    createRfq(
      buyer.id,
      {
        name: companyName,
        country: "SG",
        taxId: null,
        contactName: "Mei",
        contactEmail: "mei@example.test",
        contactPhone: null,
      },
      request({
        productId: product.id,
        quantity,
        targetCurrency: "SGD",
        destinationPort: "Singapore",
        incoterm: "CIF",
      }),
    );
  return { product, variant, buyer, rfq, first: await rfq() };
}

/** The buyer's sample, ordered from its request, shipped to Singapore and paid by transfer. */
async function paidSample(buyerId: string, rfqId: string, variantId: string, quantity: number) {
  const cartId = await orderSample({ userId: buyerId, guestCartId: null }, rfqId, variantId, quantity);
  await shippingRate();
  const placed = await placeReviewed(cartId, buyerId, singapore);
  const order = await db.order.findUniqueOrThrow({ where: { id: placed.id }, include: { lines: true } });
  const staff = await createUser({ roles: ["STAFF"] });
  expect(await confirmBankTransfer(staff.id, order.id, order.transferAmount!)).toBe("paid");
  return order;
}

function quoteSgd(staffId: string, rfqId: string) {
  // SGD 20.00 a jar at Rp12.150 per SGD
  return sendQuoteAt(staffId, rfqId, {
    unitPriceAmount: 2000n,
    currency: "SGD",
    incoterm: "CIF",
    validUntil: inAWeek(),
    leadTimeDays: 30,
    conditions: null,
    producerPriceAmount: rp(100_000),
    idrPerUnit: "12150",
  });
}

describe("paid samples", () => {
  it("go through the checkout below the minimum order and abroad, and are credited to the lot's invoice when the company accepts", async () => {
    const { variant, buyer, first } = await honeyRequest();
    const owner = { userId: buyer.id, guestCartId: null };

    // beyond the sample limit (5 by default) or not the company's request: refused, nothing in the cart
    await expect(orderSample(owner, first.id, variant.id, 6)).rejects.toMatchObject({
      reason: "sample-max",
      detail: { max: 5 },
    });
    const stranger = await createUser();
    await expect(
      orderSample({ userId: stranger.id, guestCartId: null }, first.id, variant.id, 2),
    ).rejects.toMatchObject({ key: "rfq.refused.notFound" });
    expect(await db.cartItem.count({ where: { variantId: variant.id } })).toBe(0);

    // through the buyer's page: 3 jars, below the carton of 12 a purchase needs
    const cookie = await signedInCookie(buyer.id);
    const res = await buyerRfqAction({
      request: formRequest(
        "/account/rfq",
        { intent: "sample", rfqId: first.id, variantId: variant.id, quantity: "3" },
        { cookie },
      ),
      params: {},
      context: {},
    });
    expect(res).toMatchObject({ ok: true, sampled: 3 });
    const line = await db.cartItem.findFirstOrThrow({ where: { variantId: variant.id } });
    expect(line).toMatchObject({ quantity: 3, sampleRfqId: first.id });
    // raising the sample in the cart stays within the sample limit
    await expect(setCartLine(owner, variant.id, 8, "set")).rejects.toBeInstanceOf(CartRefused);
    await expect(setCartLine(owner, variant.id, 8, "set")).rejects.toMatchObject({ reason: "sample-max" });

    await shippingRate();
    const placed = await placeReviewed(line.cartId, buyer.id, singapore);
    const order = await db.order.findUniqueOrThrow({ where: { id: placed.id }, include: { lines: true } });
    expect(order.shippingCountry).toBe("SG");
    expect(order.lines).toHaveLength(1);
    expect(order.lines[0]).toMatchObject({ quantity: 3, sampleRfqId: first.id, lineAmount: rp(450_000) });
    const staff = await createUser({ roles: ["STAFF"] });
    expect(await confirmBankTransfer(staff.id, order.id, order.transferAmount!)).toBe("paid");

    // the company accepts a CIF quote in SGD: SGD 2,000.00 for 100 jars, less the sample's Rp450.000
    const quote = await quoteSgd(staff.id, first.id);
    const lot = await answerQuote(buyer.id, quote.id, "accept");
    const invoice = await db.buyerInvoice.findUniqueOrThrow({ where: { lotId: lot!.id }, include: { payments: true } });
    expect(invoice.amount).toBe(200_000n);
    expect(invoice.payments).toHaveLength(1);
    const credit = invoice.payments[0];
    // Rp450.000 / 12.150 = SGD 37.037… → SGD 37.04
    expect(credit).toMatchObject({
      amount: 3704n,
      amountIdr: rp(450_000),
      paidCurrency: "IDR",
      bankReference: `SAMPLE ${order.number}`,
      sampleLineId: order.lines[0].id,
      sourceKey: `sample-credit:${order.lines[0].id}`,
    });
    expect(await db.auditLog.count({ where: { action: "invoice.sampleCredit", entityId: invoice.id } })).toBe(1);
    // the credit settles part of the invoice, but no money came for the lot: it is a cost in the lot's P&L
    expect(await lotPnl(lot!.id)).toMatchObject({
      revenue: invoice.amountIdr,
      sampleCredit: rp(450_000),
      received: 0n,
    });
    expect((await exposure()).lots.find((l) => l.id === lot!.id)).toMatchObject({ received: 0n });

    // the buyer's page shows the sample and where it was credited; no one else's request lists it
    const page = await buyerRfqLoader({ request: getRequest("/account/rfq", { cookie }), params: {}, context: {} });
    const shown = page.rfqs.find((r) => r.id === first.id)!;
    expect(shown.samples).toEqual([
      expect.objectContaining({
        quantity: 3,
        order: order.number,
        credited: { amountIdr: rp(450_000), invoice: invoice.number },
      }),
    ]);
    // the request is accepted: no more samples for it
    expect(shown.sampleOf).toEqual([]);
    await expect(orderSample(owner, first.id, variant.id, 1)).rejects.toMatchObject({ key: "rfq.refused.closed" });
  });

  it("are not credited when paid before the credit period, unpaid, or for another product", async () => {
    const { variant, buyer, rfq, first } = await honeyRequest("Merlion Pantry Pte Ltd");
    const staff = await createUser({ roles: ["STAFF"] });
    await setSampleTerms(staff.id, { maxUnits: 5, creditDays: 30 });
    const old = await paidSample(buyer.id, first.id, variant.id, 2);
    await db.order.update({ where: { id: old.id }, data: { paidAt: new Date(Date.now() - 31 * DAY) } });
    // a second sample ordered but never paid
    const cartId = await orderSample({ userId: buyer.id, guestCartId: null }, first.id, variant.id, 1);
    await placeReviewed(cartId, buyer.id, singapore);
    // another of the company's requests, for another product, with a paid sample of its own
    const other = await sellable({ priceIdr: 90_000, stock: 20, name: "Amplang Merlion" });
    const otherRfq = await createRfq(buyer.id, null, request({ productId: other.product.id, quantity: 50 }));
    await paidSample(buyer.id, otherRfq.id, other.variant.id, 2);

    const lot = await answerQuote(buyer.id, (await quoteSgd(staff.id, (await rfq()).id)).id, "accept");
    const invoice = await db.buyerInvoice.findUniqueOrThrow({ where: { lotId: lot!.id }, include: { payments: true } });
    expect(invoice.payments).toEqual([]);
    expect(await db.auditLog.count({ where: { action: "settings.samples" } })).toBe(1);
  });

  it("credit a sample once when the company accepts ten quotes for the product at once", async () => {
    const { variant, buyer, rfq, first } = await honeyRequest("Raffles Provisions Pte Ltd");
    const staff = await createUser({ roles: ["STAFF"] });
    const order = await paidSample(buyer.id, first.id, variant.id, 4);
    const quotes = [];
    for (let i = 0; i < 10; i++) quotes.push(await quoteSgd(staff.id, (await rfq(10)).id));
    const settled = await Promise.allSettled(quotes.map((q) => answerQuote(buyer.id, q.id, "accept")));
    // every acceptance goes through (the company's row lock orders them); one of them carries the credit
    expect(
      settled.filter((s) => s.status === "rejected").map((s) => String((s as PromiseRejectedResult).reason)),
    ).toEqual([]);
    const credits = await db.buyerPayment.findMany({ where: { sampleLineId: order.lines[0].id } });
    expect(credits).toHaveLength(1);
    expect(credits[0].amountIdr).toBe(rp(600_000));
    // ten jars at SGD 20.00 leave room for the whole credit
    expect(credits[0].amount).toBe(4938n);
  });

  it("refuse a request that names no product", async () => {
    const { variant, buyer } = await honeyRequest("Orchard Rattan Pte Ltd");
    const category = await db.category.findFirstOrThrow();
    const byCategory = await createRfq(buyer.id, null, request({ categoryId: category.id, quantity: 500 }));
    const err = await orderSample({ userId: buyer.id, guestCartId: null }, byCategory.id, variant.id, 1).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(LotRefused);
    expect(err.key).toBe("samples.refused.noProduct");
  });
});
