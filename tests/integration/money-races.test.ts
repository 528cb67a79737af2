/**
 * Money and stock under concurrency, against the real PostgreSQL. Each test fires the
 * operation many times at once and checks the one outcome the business allows; each failed
 * on the code before its fix (see the closing note of issue 11 for how that was checked).
 */
import { describe, expect, it } from "vitest";
import { db, Prisma } from "~/lib/db.server";
import { CheckoutRefused, newCheckoutKey } from "~/domain/orders/checkout.server";
import { refundLines } from "~/domain/orders/refunds.server";
import { confirmBankTransfer } from "~/domain/payments/payments.server";
import { producerBalance } from "~/domain/ledger/ledger.server";
import { createPayoutBatch, NothingToPay } from "~/domain/ledger/payouts.server";
import { StockChangedError, updateOwnProduct } from "~/domain/catalogue/manage.server";
import { answerOffer, createLot, LotRefused, proposeAllocation, sendOffers } from "~/domain/trade/lots.server";
import { answerQuote, createRfq } from "~/domain/trade/rfq.server";
import { action as rfqAnswerAction } from "~/routes/($lang).account_.rfq";
import { createUser, signedInCookie } from "../helpers/fixtures";
import { formRequest, unwrap } from "../helpers/http";
import { cartWith, checkoutInput, orderFor, placeReviewed, sellable, shippingRate } from "../helpers/orders";
import { rattanProducers, sendQuoteAt, lotInput } from "../helpers/trade";
import { checkoutQuote, placeOrder } from "~/domain/orders/checkout.server";

const settle = <T>(ps: Array<Promise<T>>) => Promise.allSettled(ps);
const rejections = (rs: PromiseSettledResult<unknown>[]) =>
  rs.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason);

describe("payout batches", () => {
  it("mark as paid exactly the entries whose sum they pay, while credits keep arriving", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const producers: Array<Awaited<ReturnType<typeof sellable>>> = [];
    for (let i = 0; i < 12; i++) producers.push(await sellable({ stock: 0 }));
    let seq = 0;
    const credit = (producerId: string) =>
      db.ledgerEntry.create({
        data: {
          producerId,
          kind: "SALE_CREDIT",
          amount: 1_000_000n,
          currency: "IDR",
          sourceKey: `test-credit:${seq++}`,
          memo: "test credit",
        },
      });
    for (const p of producers) await credit(p.producer.id);
    // credits commit continuously while batches are made one after another
    let writing = true;
    const writers = Array.from({ length: 4 }, async () => {
      let n = 0;
      while (writing) {
        await credit(producers[n++ % producers.length].producer.id);
      }
    });
    try {
      for (let i = 0; i < 8; i++) {
        try {
          await createPayoutBatch(staff.id);
        } catch (err) {
          if (!(err instanceof NothingToPay)) throw err;
        }
      }
    } finally {
      writing = false;
      await Promise.all(writers);
    }
    const batches = await db.payoutBatch.findMany({ include: { entries: true } });
    expect(batches.length).toBeGreaterThan(1);
    for (const b of batches) {
      const marked = b.entries.filter((e) => e.kind !== "PAYOUT").reduce((s, e) => s + e.amount, 0n);
      const paid = -b.entries.filter((e) => e.kind === "PAYOUT").reduce((s, e) => s + e.amount, 0n);
      expect(paid, `batch ${b.reference} pays what it marked`).toBe(marked);
      expect(b.totalAmount).toBe(paid);
    }
    // every credit is either in a batch that paid it, or still unpaid: balances are what is owed
    for (const p of producers) {
      const unpaid = await db.ledgerEntry.aggregate({
        where: { producerId: p.producer.id, payoutBatchId: null },
        _sum: { amount: true },
      });
      expect(await producerBalance(p.producer.id)).toBe(unpaid._sum.amount ?? 0n);
    }
  });
});

describe("lot offers", () => {
  it("accepted 20 times at once take the stock once", async () => {
    const producers = await rattanProducers();
    const staff = await createUser({ roles: ["STAFF"] });
    const lot = await createLot(staff.id, lotInput({ productId: producers[0].product.id, targetQuantity: 30 }));
    await proposeAllocation(lot.id, staff.id);
    await sendOffers(staff.id, lot.id, new Date(Date.now() + 86_400_000));
    const offer = await db.lotAllocation.findFirstOrThrow({
      where: { lotId: lot.id, status: "OFFERED" },
      include: { producer: { include: { members: true } } },
    });
    const before = (await db.variant.findUniqueOrThrow({ where: { id: offer.variantId! } })).stock;
    const member = offer.producer.members[0].userId;
    const results = await settle(
      Array.from({ length: 20 }, () => answerOffer(offer.producerId, member, offer.id, "accept")),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(rejections(results).every((e) => e instanceof LotRefused && e.key === "lotOffers.refused.notOpen")).toBe(
      true,
    );
    expect((await db.variant.findUniqueOrThrow({ where: { id: offer.variantId! } })).stock).toBe(
      before - offer.quantity,
    );
    expect(await db.auditLog.count({ where: { action: "lot.offer-accepted", entityId: offer.id } })).toBe(1);
  });

  it("proposals made at once never propose more than the shortfall; offers go out through the state machine", async () => {
    await rattanProducers();
    const staff = await createUser({ roles: ["STAFF"] });
    const product = await db.product.findFirstOrThrow({ where: { nameEn: "Rattan basket" } });
    const lot = await createLot(staff.id, lotInput({ categoryId: product.categoryId, targetQuantity: 50 }));
    await Promise.all(Array.from({ length: 10 }, () => proposeAllocation(lot.id, staff.id)));
    const proposed = await db.lotAllocation.aggregate({
      where: { lotId: lot.id, status: "PROPOSED" },
      _sum: { quantity: true },
    });
    expect(proposed._sum.quantity).toBe(50);
    await db.exportLot.update({ where: { id: lot.id }, data: { status: "DELIVERED" } });
    await expect(sendOffers(staff.id, lot.id, new Date(Date.now() + 86_400_000))).rejects.toMatchObject({
      key: "lots.refused.illegal",
    });
    expect(await db.lotAllocation.count({ where: { lotId: lot.id, status: "OFFERED" } })).toBe(0);
  });
});

describe("the product form", () => {
  it("never puts back stock that buyers took while it was open", async () => {
    const { product, producer, variant } = await sellable({ stock: 10 });
    const owner = await createUser({ roles: ["PRODUCER"] });
    await shippingRate();
    const full = await db.product.findUniqueOrThrow({ where: { id: product.id }, include: { variants: true } });
    const input = (stock: number, stockShown: number) => ({
      nameId: full.nameId,
      nameEn: full.nameEn,
      descriptionId: full.descriptionId,
      descriptionEn: full.descriptionEn,
      categoryId: full.categoryId,
      hsCode: undefined,
      unit: "pcs" as const,
      weightGrams: full.weightGrams,
      exportReady: false,
      certificationIds: [],
      variants: [
        {
          id: variant.id,
          sku: variant.sku,
          nameId: variant.nameId,
          nameEn: variant.nameEn,
          price: 20_000_000n,
          stock,
          stockShown,
          minOrderQty: 1,
          weightGrams: undefined,
          tier1Qty: undefined,
          tier1Price: undefined,
          tier2Qty: undefined,
          tier2Price: undefined,
        },
      ],
    });
    // the producer opens the form (stock 10), 6 buyers order one each, then the producer saves a new price
    const orders = await settle(Array.from({ length: 6 }, () => orderFor([{ variantId: variant.id, quantity: 1 }])));
    expect(orders.every((r) => r.status === "fulfilled")).toBe(true);
    await updateOwnProduct(producer.id, product.id, owner.id, input(10, 10));
    expect((await db.variant.findUniqueOrThrow({ where: { id: variant.id } })).stock).toBe(4);
    // adding 5 to what the form showed adds 5 to what is there now
    await updateOwnProduct(producer.id, product.id, owner.id, input(15, 10));
    expect((await db.variant.findUniqueOrThrow({ where: { id: variant.id } })).stock).toBe(9);
    // saves and checkouts at the same time: every unit bought stays bought
    const carts = await Promise.all(
      Array.from({ length: 15 }, () => cartWith([{ variantId: variant.id, quantity: 1 }])),
    );
    const racing = await settle<unknown>([
      ...carts.map((c) => placeReviewed(c, null, checkoutInput())),
      ...Array.from({ length: 5 }, () => updateOwnProduct(producer.id, product.id, owner.id, input(9, 9))),
    ]);
    const placed = racing.slice(0, 15).filter((r) => r.status === "fulfilled").length;
    expect(placed).toBeGreaterThan(0);
    const held = await db.stockReservation.aggregate({
      where: { variantId: variant.id, status: "HELD" },
      _sum: { quantity: true },
    });
    expect((await db.variant.findUniqueOrThrow({ where: { id: variant.id } })).stock + (held._sum.quantity ?? 0)).toBe(
      9 + 6,
    );
    // taking more than is left is refused with the number that is left
    await expect(updateOwnProduct(producer.id, product.id, owner.id, input(0, 20))).rejects.toBeInstanceOf(
      StockChangedError,
    );
  });
});

describe("placing an order", () => {
  it("posted 10 times at once with the same review makes one order", async () => {
    const { variant } = await sellable({ stock: 10 });
    await shippingRate();
    const cartId = await cartWith([{ variantId: variant.id, quantity: 2 }]);
    const input = checkoutInput();
    const q = await checkoutQuote(cartId, "id", input);
    const key = newCheckoutKey();
    const results = await settle(
      Array.from({ length: 10 }, () =>
        placeOrder(cartId, null, "id", input, { checkoutKey: key, reviewDigest: q.digest }),
      ),
    );
    expect(rejections(results)).toEqual([]);
    const numbers = new Set(results.map((r) => (r as PromiseFulfilledResult<{ number: string }>).value.number));
    expect(numbers.size).toBe(1);
    expect(await db.order.count({ where: { lines: { some: { variantId: variant.id } } } })).toBe(1);
    expect((await db.variant.findUniqueOrThrow({ where: { id: variant.id } })).stock).toBe(8);
    // the same key from another cart opens nothing
    const other = await cartWith([{ variantId: variant.id, quantity: 1 }]);
    const q2 = await checkoutQuote(other, "id", input);
    const second = await placeOrder(other, null, "id", input, { checkoutKey: key, reviewDigest: q2.digest });
    expect(numbers.has(second.number)).toBe(false);
  });

  it("equals the total the buyer reviewed; a price changed since sends the buyer back to review", async () => {
    const { variant } = await sellable({ stock: 10, priceIdr: 150_000 });
    await shippingRate();
    const cartId = await cartWith([{ variantId: variant.id, quantity: 1 }]);
    const input = checkoutInput();
    const reviewed = await checkoutQuote(cartId, "id", input);
    await db.variant.update({ where: { id: variant.id }, data: { priceAmount: 17_500_000n } });
    await expect(
      placeOrder(cartId, null, "id", input, { checkoutKey: newCheckoutKey(), reviewDigest: reviewed.digest }),
    ).rejects.toMatchObject({ reason: "changed" });
    expect(await db.order.count({ where: { lines: { some: { variantId: variant.id } } } })).toBe(0);
    expect((await db.variant.findUniqueOrThrow({ where: { id: variant.id } })).stock).toBe(10);
    const again = await checkoutQuote(cartId, "id", input);
    const placed = await placeOrder(cartId, null, "id", input, {
      checkoutKey: newCheckoutKey(),
      reviewDigest: again.digest,
    });
    const order = await db.order.findUniqueOrThrow({ where: { id: placed.id } });
    expect(order.totalAmount).toBe(again.total);
    expect(order.totalAmount).toBe(17_500_000n + 2_500_000n);
  });
});

describe("bank transfers", () => {
  it("two open orders cannot share a transfer amount: the database refuses it", async () => {
    const a = await orderFor([{ variantId: (await sellable()).variant.id, quantity: 1 }]);
    const b = await orderFor([{ variantId: (await sellable()).variant.id, quantity: 1 }]);
    const err = await db.order
      .update({ where: { id: b.id }, data: { transferAmount: a.transferAmount } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((err as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
    expect(JSON.stringify((err as Prisma.PrismaClientKnownRequestError).meta)).toContain("transferAmount");
    // once the first is paid its amount is free again
    const staff = await createUser({ roles: ["STAFF"] });
    expect(await confirmBankTransfer(staff.id, a.id, a.transferAmount!)).toBe("paid");
    await db.order.update({ where: { id: b.id }, data: { transferAmount: a.transferAmount } });
  });

  it("20 checkouts of the same total racing for the last 9 codes get distinct amounts", async () => {
    const { variant } = await sellable({ stock: 100, priceIdr: 123_000 });
    await shippingRate();
    const total = 12_300_000n + 2_500_000n;
    // 990 of the 999 codes are taken by orders already waiting for a transfer
    const filler = await orderFor([{ variantId: variant.id, quantity: 1 }]);
    const taken = new Set([filler.transferAmount]);
    const rows: Prisma.OrderCreateManyInput[] = [];
    for (let code = 1n; code <= 999n && taken.size < 990; code++) {
      const amount = total + code * 100n;
      if (taken.has(amount)) continue;
      taken.add(amount);
      rows.push({
        number: `FILL-${code}`,
        accessToken: `fill-${code}`,
        email: "f@example.test",
        currency: "IDR",
        subtotalAmount: 12_300_000n,
        shippingAmount: 2_500_000n,
        totalAmount: total,
        status: "AWAITING_PAYMENT",
        paymentMethod: "BANK_TRANSFER",
        transferAmount: amount,
        shippingName: "F",
        shippingPhone: "0811",
        shippingAddress: "Jl",
        shippingCity: "K",
        shippingCountry: "ID",
      });
    }
    await db.order.createMany({ data: rows });
    // 20 buyers of 20 different products at the same price: nothing else makes them wait for each other
    const variants = [];
    for (let i = 0; i < 20; i++) variants.push((await sellable({ stock: 5, priceIdr: 123_000 })).variant);
    const carts = await Promise.all(variants.map((v) => cartWith([{ variantId: v.id, quantity: 1 }])));
    const results = await settle(carts.map((c) => placeReviewed(c, null, checkoutInput())));
    const placed = results.filter((r) => r.status === "fulfilled");
    expect(placed).toHaveLength(9);
    expect(rejections(results).every((e) => e instanceof CheckoutRefused && e.reason === "transfer-busy")).toBe(true);
    const open = await db.order.findMany({
      where: { status: "AWAITING_PAYMENT", totalAmount: total },
      select: { transferAmount: true },
    });
    expect(open).toHaveLength(999);
    expect(new Set(open.map((o) => o.transferAmount)).size).toBe(999);
    // the refused checkouts took no stock
    const ids = variants.map((v) => v.id);
    const held = await db.stockReservation.aggregate({
      where: { variantId: { in: ids }, status: "HELD" },
      _sum: { quantity: true },
    });
    const stock = await db.variant.aggregate({ where: { id: { in: ids } }, _sum: { stock: true } });
    expect((stock._sum.stock ?? 0) + (held._sum.quantity ?? 0)).toBe(100);
    expect(held._sum.quantity).toBe(9);
  });
});

describe("quotes", () => {
  it("accepted 10 times at once open one lot, and every other answer is a clear 409", async () => {
    const buyer = await createUser();
    const staff = await createUser({ roles: ["STAFF"] });
    const category = await db.category.create({
      data: { slug: `rotan-${Date.now()}`, nameId: "Rotan", nameEn: "Rattan" },
    });
    const rfq = await createRfq(
      buyer.id,
      {
        name: "Lion City Pte Ltd",
        country: "SG",
        taxId: null,
        contactName: "Mei",
        contactEmail: "mei@example.test",
        contactPhone: null,
      },
      {
        productId: null,
        categoryId: category.id,
        quantity: 100,
        unit: "pcs",
        targetPriceAmount: null,
        targetCurrency: null,
        destinationCountry: "SG",
        destinationPort: null,
        incoterm: "FOB",
        wantedBy: null,
        notes: null,
      },
    );
    const quote = await sendQuoteAt(staff.id, rfq.id, {
      unitPriceAmount: 1450n,
      currency: "USD",
      incoterm: "FOB",
      validUntil: new Date(Date.now() + 7 * 86_400_000),
      leadTimeDays: 30,
      conditions: null,
      producerPriceAmount: 9_000_000n,
    });
    const cookie = await signedInCookie(buyer.id);
    const settled = await settle(
      Array.from({ length: 10 }, async () =>
        unwrap(
          await rfqAnswerAction({
            request: formRequest("/account/rfq", { intent: "accept", quoteId: quote.id }, { cookie }),
            params: {},
            context: {},
          }),
        ),
      ),
    );
    expect(rejections(settled), "no answer is a server error").toEqual([]);
    const answers = settled.map((r) => (r as PromiseFulfilledResult<ReturnType<typeof unwrap>>).value);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 200);
    expect(
      refused.every((a) => a.status === 409 && (a.body as { formError: string }).formError === "rfq.refused.answered"),
    ).toBe(true);
    expect(await db.exportLot.count({ where: { quoteId: quote.id } })).toBe(1);
    await expect(answerQuote(buyer.id, quote.id, "decline")).rejects.toMatchObject({ key: "rfq.refused.answered" });
  });
});

describe("refunds", () => {
  it("of a line unit by unit net the producer's ledger and the house's commission to exactly zero", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    // 3 × Rp1.006 at 10%: the credit is 3.018 − 302 = 2.716; one unit is 1.006 − 101 = 905, three are 2.715
    const { variant, producer } = await sellable({ priceIdr: 1_006, stock: 5 });
    const order = await orderFor([{ variantId: variant.id, quantity: 3 }]);
    await confirmBankTransfer(staff.id, order.id, order.transferAmount!);
    expect(await producerBalance(producer.id)).toBe(271_600n);
    const line = order.lines[0];
    for (let i = 0; i < 3; i++)
      await refundLines(staff.id, order.id, [{ lineId: line.id, quantity: 1 }], `unit ${i + 1}`);
    expect(await producerBalance(producer.id)).toBe(0n);
    const refunded = await db.refund.aggregate({ where: { orderId: order.id }, _sum: { amount: true } });
    // what the buyer got back = what the buyer paid; what the producer lost = what it was credited: commission nets to zero
    expect(refunded._sum.amount).toBe(order.totalAmount);
    const debits = await db.ledgerEntry.findMany({
      where: { producerId: producer.id, kind: "REFUND_DEBIT" },
      orderBy: { createdAt: "asc" },
    });
    expect(debits.map((d) => d.amount)).toEqual([-90_500n, -90_600n, -90_500n]);
  });
});
