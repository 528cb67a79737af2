/**
 * Delivery, completion and escrow: a parcel completes by the buyer's confirmation or by the
 * staff-set timer, once however many race; its sale credit is pending until then, payable
 * after, paid once a batch marks it; only the buyer may confirm.
 */
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { parcelMoney, producerBalance } from "~/domain/ledger/ledger.server";
import { createPayoutBatch, NothingToPay } from "~/domain/ledger/payouts.server";
import { completeDueParcels, CompletionRefused, confirmReceipt } from "~/domain/orders/completion.server";
import { markShipped } from "~/domain/orders/fulfilment.server";
import { confirmBankTransfer } from "~/domain/payments/payments.server";
import { action as orderAction } from "~/routes/($lang).orders.$number";
import { createUser, signedInCookie } from "../helpers/fixtures";
import { formRequest, unwrap } from "../helpers/http";
import { orderFor, sellable } from "../helpers/orders";

const DAY = 86_400_000;

/** A paid bank-transfer order of one unit from each of `n` producers (Rp100.000 each, 10% commission). */
async function paidOrder(n = 1) {
  const staff = await createUser({ roles: ["STAFF"] });
  const sellers = [];
  for (let i = 0; i < n; i++) sellers.push(await sellable({ priceIdr: 100_000 }));
  const order = await orderFor(sellers.map((s) => ({ variantId: s.variant.id, quantity: 1 })));
  await confirmBankTransfer(staff.id, order.id, order.transferAmount!);
  const parcels = await db.fulfilment.findMany({ where: { orderId: order.id }, orderBy: { createdAt: "asc" } });
  return { staff, sellers, order, parcels };
}

async function ship(f: { id: string; producerId: string }, staffId: string) {
  await markShipped(f.producerId, staffId, f.id, "JNE", `JNE${f.id.slice(-10).toUpperCase()}`);
}

describe("receipt and completion", () => {
  it("the buyer confirms a shipped parcel; the order completes with its last parcel; a second confirmation is refused", async () => {
    const { staff, order, parcels } = await paidOrder(2);
    await expect(confirmReceipt(order.id, parcels[0].id, null)).rejects.toBeInstanceOf(CompletionRefused); // not shipped
    await ship(parcels[0], staff.id);
    await ship(parcels[1], staff.id);
    const shipped = await db.fulfilment.findUniqueOrThrow({ where: { id: parcels[0].id } });
    // the default seven days, from when it left
    expect(shipped.autoCompleteAt!.getTime() - shipped.shippedAt!.getTime()).toBe(7 * DAY);

    await confirmReceipt(order.id, parcels[0].id, null);
    expect(await db.fulfilment.findUniqueOrThrow({ where: { id: parcels[0].id } })).toMatchObject({
      status: "COMPLETED",
      completedBy: "BUYER",
    });
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("SHIPPED");
    await expect(confirmReceipt(order.id, parcels[0].id, null)).rejects.toBeInstanceOf(CompletionRefused);
    await confirmReceipt(order.id, parcels[1].id, null);
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("COMPLETED");
    expect(
      await db.outboundMail.count({ where: { kind: "order.received", subject: { contains: order.number } } }),
    ).toBe(2);
  });

  it("producers shipping the last parcels at once, while the buyer confirms another: the order ends SHIPPED, nothing deadlocks", async () => {
    for (let round = 0; round < 5; round++) {
      const { staff, order, parcels } = await paidOrder(4);
      await ship(parcels[0], staff.id);
      // three producers ship at the same moment the buyer confirms the first parcel
      await Promise.all([
        ...parcels.slice(1).map((p) => ship(p, staff.id)),
        confirmReceipt(order.id, parcels[0].id, null),
      ]);
      expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("SHIPPED");
    }
  });

  it("the timer completes a parcel the staff-set days after shipping, not before", async () => {
    await db.marketSettings.update({ where: { id: 1 }, data: { autoCompleteDays: 3 } });
    try {
      const { staff, order, parcels } = await paidOrder();
      await ship(parcels[0], staff.id);
      expect(await completeDueParcels(new Date(Date.now() + 2 * DAY))).toBe(0);
      expect(await completeDueParcels(new Date(Date.now() + 3 * DAY + 60_000))).toBe(1);
      expect(await db.fulfilment.findUniqueOrThrow({ where: { id: parcels[0].id } })).toMatchObject({
        status: "COMPLETED",
        completedBy: "TIMER",
      });
      expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("COMPLETED");
    } finally {
      await db.marketSettings.update({ where: { id: 1 }, data: { autoCompleteDays: 7 } });
    }
  });

  it("twenty confirmations racing the timer complete the parcel once", async () => {
    const { staff, order, parcels } = await paidOrder();
    await ship(parcels[0], staff.id);
    const later = new Date(Date.now() + 8 * DAY);
    const results = await Promise.allSettled([
      ...Array.from({ length: 20 }, () => confirmReceipt(order.id, parcels[0].id, null)),
      completeDueParcels(later),
      completeDueParcels(later),
    ]);
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused.every((r) => (r as PromiseRejectedResult).reason instanceof CompletionRefused)).toBe(true);
    expect(await db.auditLog.count({ where: { action: "fulfilment.completed", entityId: parcels[0].id } })).toBe(1);
    expect(
      await db.outboundMail.count({
        where: { kind: { in: ["order.received", "order.auto-completed"] }, subject: { contains: order.number } },
      }),
    ).toBe(1);
  });
});

describe("escrow", () => {
  it("a sale is pending until its parcel completes, payable after, paid once", async () => {
    // what earlier tests completed is paid first, so this test sees only its own order
    await createPayoutBatch((await createUser({ roles: ["STAFF"] })).id).catch((e: unknown) => {
      if (!(e instanceof NothingToPay)) throw e;
    });
    const { staff, sellers, order, parcels } = await paidOrder(2);
    const [a, b] = parcels;
    const money = async (f: { id: string; producerId: string }) => (await parcelMoney(f.producerId, [f.id])).get(f.id);
    expect(await money(a)).toMatchObject({ pending: 9_000_000n, payable: 0n, paid: 0n });
    await expect(createPayoutBatch(staff.id)).rejects.toBeInstanceOf(NothingToPay);

    await ship(a, staff.id);
    await ship(b, staff.id);
    await confirmReceipt(order.id, a.id, null);
    expect(await money(a)).toMatchObject({ pending: 0n, payable: 9_000_000n, paid: 0n });
    expect(await money(b)).toMatchObject({ pending: 9_000_000n, payable: 0n, paid: 0n });

    // the batch pays the completed parcel only; the other producer's credit waits
    const batch = await createPayoutBatch(staff.id);
    expect(batch.totalAmount).toBe(9_000_000n);
    expect(await money(a)).toMatchObject({ pending: 0n, payable: 0n, paid: 9_000_000n });
    const other = sellers.find((s) => s.producer.id === b.producerId)!;
    expect(await producerBalance(other.producer.id)).toBe(9_000_000n);
    await expect(createPayoutBatch(staff.id)).rejects.toBeInstanceOf(NothingToPay);

    await completeDueParcels(new Date(Date.now() + 8 * DAY));
    expect((await createPayoutBatch(staff.id)).totalAmount).toBe(9_000_000n);
    expect(await producerBalance(other.producer.id)).toBe(0n);
  });
});

describe("who may confirm", () => {
  it("the buyer's link confirms; staff looking at the order cannot", async () => {
    const { staff, order, parcels } = await paidOrder();
    await ship(parcels[0], staff.id);
    const post = (path: string, cookie?: string) =>
      orderAction({
        request: formRequest(path, { intent: "received", fulfilmentId: parcels[0].id }, { cookie }),
        params: { number: order.number },
        context: {},
      });
    const asStaff = await post(`/orders/${order.number}`, await signedInCookie(staff.id)).catch((r: unknown) => r);
    expect(unwrap(asStaff).status).toBe(403);
    expect((await db.fulfilment.findUniqueOrThrow({ where: { id: parcels[0].id } })).status).toBe("SHIPPED");
    const wrongKey = await post(`/orders/${order.number}?key=not-the-key`).catch((r: unknown) => r);
    expect(unwrap(wrongKey).status).toBe(404);
    const asBuyer = unwrap(await post(`/orders/${order.number}?key=${order.accessToken}`));
    expect(asBuyer.body).toMatchObject({ received: true });
    expect((await db.fulfilment.findUniqueOrThrow({ where: { id: parcels[0].id } })).status).toBe("COMPLETED");
    const again = unwrap(await post(`/orders/${order.number}?key=${order.accessToken}`));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ formError: "order.receiptRefused" });
  });
});
