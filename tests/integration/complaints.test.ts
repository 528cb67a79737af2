/**
 * Complaints before completion: they pause the parcel, go through the image pipeline's
 * refusals, are answered by their own producer once, and decided by staff once: a refund
 * through the payment method that adjusts the ledger, or a rejection; either completes it.
 */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { parcelMoney } from "~/domain/ledger/ledger.server";
import { ImageRefused } from "~/domain/media/index.server";
import { answerComplaint, ComplaintRefused, decideComplaint, openComplaint } from "~/domain/orders/complaints.server";
import { completeDueParcels, CompletionRefused, confirmReceipt } from "~/domain/orders/completion.server";
import { markShipped } from "~/domain/orders/fulfilment.server";
import { confirmBankTransfer } from "~/domain/payments/payments.server";
import { createUser } from "../helpers/fixtures";
import { orderFor, sellable } from "../helpers/orders";

const DAY = 86_400_000;
const damaged = {
  reason: "DAMAGED" as const,
  details: "Tutup toples pecah, madu tumpah.",
  requested: "PARTIAL_REFUND" as const,
};

/** A paid order of `quantity` units (Rp100.000 each) from one producer, shipped. */
async function shippedOrder(quantity = 2) {
  const staff = await createUser({ roles: ["STAFF"] });
  const s = await sellable({ priceIdr: 100_000 });
  const order = await orderFor([{ variantId: s.variant.id, quantity }]);
  await confirmBankTransfer(staff.id, order.id, order.transferAmount!);
  const parcel = await db.fulfilment.findFirstOrThrow({ where: { orderId: order.id } });
  const owner = await createUser({ roles: ["PRODUCER"] });
  await db.producerMember.create({ data: { producerId: s.producer.id, userId: owner.id, isOwner: true } });
  return { staff, owner, seller: s, order, parcel };
}

const ship = (o: Awaited<ReturnType<typeof shippedOrder>>) =>
  markShipped(o.parcel.producerId, o.owner.id, o.parcel.id, "JNE", `JNE${o.parcel.id.slice(-10).toUpperCase()}`);

const photo = () =>
  sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 180, g: 120, b: 40 } } })
    .jpeg()
    .toBuffer();

describe("complaints", () => {
  it("pause the parcel: no confirmation, no timer, until staff decide", async () => {
    const o = await shippedOrder();
    await expect(openComplaint(o.order.id, o.parcel.id, damaged, [])).rejects.toMatchObject({
      reason: "not-open-for-complaint",
    });
    await ship(o);
    const c = await openComplaint(o.order.id, o.parcel.id, damaged, [await photo()]);
    expect(c.photos).toHaveLength(1);
    expect((await db.fulfilment.findUniqueOrThrow({ where: { id: o.parcel.id } })).autoCompleteAt).toBeNull();
    expect(await completeDueParcels(new Date(Date.now() + 30 * DAY))).toBe(0);
    await expect(confirmReceipt(o.order.id, o.parcel.id, null)).rejects.toBeInstanceOf(CompletionRefused);
    expect(
      await db.outboundMail.count({
        where: { kind: { startsWith: "complaint.opened" }, subject: { contains: o.order.number } },
      }),
    ).toBe(2);
    await expect(openComplaint(o.order.id, o.parcel.id, damaged, [])).rejects.toMatchObject({
      reason: "already-complained",
    });
  });

  it("ten taps at once open one complaint", async () => {
    const o = await shippedOrder();
    await ship(o);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => openComplaint(o.order.id, o.parcel.id, damaged, [])),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected"))
      expect((r as PromiseRejectedResult).reason).toMatchObject({ reason: "already-complained" });
    expect(await db.complaint.count({ where: { fulfilmentId: o.parcel.id } })).toBe(1);
  });

  it("a photo that is not an image is refused and nothing is written", async () => {
    const o = await shippedOrder();
    await ship(o);
    await expect(
      openComplaint(o.order.id, o.parcel.id, damaged, [Buffer.from("%PDF-1.4 not a photo")]),
    ).rejects.toBeInstanceOf(ImageRefused);
    expect(await db.complaint.count({ where: { fulfilmentId: o.parcel.id } })).toBe(0);
    expect((await db.fulfilment.findUniqueOrThrow({ where: { id: o.parcel.id } })).autoCompleteAt).not.toBeNull();
  });

  it("are answered once, by their own producer only", async () => {
    const o = await shippedOrder();
    const other = await shippedOrder();
    await ship(o);
    const c = await openComplaint(o.order.id, o.parcel.id, damaged, []);
    await expect(answerComplaint(other.parcel.producerId, other.owner.id, c.id, "Bukan kami")).rejects.toBeInstanceOf(
      ComplaintRefused,
    );
    await answerComplaint(o.parcel.producerId, o.owner.id, c.id, "Maaf, kami kirim ulang tutupnya.");
    await expect(answerComplaint(o.parcel.producerId, o.owner.id, c.id, "Lagi")).rejects.toMatchObject({
      reason: "already-decided",
    });
    expect(await db.complaint.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({
      status: "ANSWERED",
      producerAnswer: "Maaf, kami kirim ulang tutupnya.",
    });
  });

  it("a refund decision refunds the picked units, adjusts the ledger and completes the parcel, once however many staff decide", async () => {
    const o = await shippedOrder(2);
    await ship(o);
    const c = await openComplaint(o.order.id, o.parcel.id, damaged, []);
    const line = await db.orderLine.findFirstOrThrow({ where: { orderId: o.order.id } });
    const decide = () =>
      decideComplaint(
        o.staff.id,
        c.id,
        { kind: "refund", selection: [{ lineId: line.id, quantity: 1 }] },
        "Satu toples pecah",
      );
    const results = await Promise.allSettled(Array.from({ length: 10 }, decide));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.refund.count({ where: { orderId: o.order.id } })).toBe(1);
    const refund = await db.refund.findFirstOrThrow({ where: { orderId: o.order.id } });
    expect(refund.amount).toBe(10_000_000n);
    expect(await db.complaint.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({
      status: "REFUNDED",
      refundAmount: 10_000_000n,
    });
    expect(await db.fulfilment.findUniqueOrThrow({ where: { id: o.parcel.id } })).toMatchObject({
      status: "COMPLETED",
      completedBy: "STAFF",
    });
    // the producer keeps its share of the unit the buyer kept (Rp100.000 less 10%), now payable
    expect((await parcelMoney(o.parcel.producerId, [o.parcel.id])).get(o.parcel.id)).toMatchObject({
      pending: 0n,
      payable: 9_000_000n,
      paid: 0n,
    });
    expect(await db.auditLog.count({ where: { action: "complaint.decided", entityId: c.id } })).toBe(1);
  });

  it("a rejection completes the parcel and the whole sale becomes payable", async () => {
    const o = await shippedOrder(1);
    await ship(o);
    const c = await openComplaint(o.order.id, o.parcel.id, { ...damaged, requested: "REFUND" }, []);
    await expect(
      decideComplaint(o.staff.id, c.id, { kind: "refund", selection: [] }, "Tanpa unit"),
    ).rejects.toMatchObject({ reason: "nothing-selected" });
    await decideComplaint(o.staff.id, c.id, { kind: "reject" }, "Foto menunjukkan barang utuh");
    expect((await db.complaint.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("REJECTED");
    expect(await db.refund.count({ where: { orderId: o.order.id } })).toBe(0);
    expect((await parcelMoney(o.parcel.producerId, [o.parcel.id])).get(o.parcel.id)).toMatchObject({
      pending: 0n,
      payable: 9_000_000n,
    });
  });
});
