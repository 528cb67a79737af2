/**
 * Complaints: before a parcel completes, its buyer can complain (a reason, what happened,
 * up to three photos through the image pipeline, and what they ask for: a refund, a partial
 * refund or a return). Opening one pauses the parcel's completion. The producer answers
 * once; staff decide: a refund of the lines (or units) they pick goes back through the
 * order's payment method and adjusts the ledger like any refund, a return also puts the
 * units back in stock; either decision completes the parcel, so what the buyer kept becomes
 * payable to the producer. Every step is audited and mailed.
 *
 * One complaint per parcel (a unique key: two taps open one); every step is a conditional
 * UPDATE on the complaint's status under the order's row lock, so two staff deciding at once
 * decide once.
 */
import { db, type Tx } from "~/lib/db.server";
import { producerAddress, producerLocale, sendMail } from "~/lib/mail.server";
import { serverT } from "~/lib/i18n.server";
import { appUrl } from "~/lib/env.server";
import type { AppLocale } from "~/lib/i18n";
import { audit } from "../audit.server";
import { storeImage, uploadsDir } from "../media/index.server";
import { lockOrder } from "./cancellation.server";
import { completeOrderWhenDone } from "./completion.server";
import { orderPath } from "./orders.server";
import { executeCardRefunds, refundTx, type Selection } from "./refunds.server";

import { COMPLAINT_REASONS, COMPLAINT_REQUESTS, MAX_COMPLAINT_PHOTOS } from "./complaint-options";
export { COMPLAINT_REASONS, COMPLAINT_REQUESTS, MAX_COMPLAINT_PHOTOS };

export type ComplaintRefusal = "not-open-for-complaint" | "already-complained" | "already-decided" | "nothing-selected";
export class ComplaintRefused extends Error {
  constructor(readonly reason: ComplaintRefusal) {
    super(`complaint: ${reason}`);
  }
}

type Party = "buyer" | "producer";

/** Mails the buyer and/or the producer about a complaint, each in their language (one read of the complaint). */
async function complaintMail(tx: Tx, complaintId: string, parties: Party[], kind: "opened" | "answered" | "decided") {
  const c = await tx.complaint.findUniqueOrThrow({
    where: { id: complaintId },
    include: { fulfilment: { include: { order: true, producer: true } } },
  });
  const order = c.fulfilment.order;
  for (const to of parties) {
    const address = to === "buyer" ? order.email : await producerAddress(tx, c.fulfilment.producerId);
    if (!address) continue;
    const locale = to === "buyer" ? (order.locale as AppLocale) : await producerLocale(tx, c.fulfilment.producerId);
    const t = serverT(locale);
    const link =
      to === "buyer" ? `${appUrl()}${orderPath(order, locale)}` : `${appUrl()}/sell/orders?view=done#${c.fulfilmentId}`;
    const vars = {
      number: order.number,
      producer: c.fulfilment.producer.legalName,
      link,
      status: t(`complaint.status.${c.status}`),
    };
    await sendMail(
      {
        to: address,
        kind: `complaint.${kind}.${to}`,
        locale,
        subject: t(`mail.complaint.${kind}.subject`, vars),
        text: t(`mail.complaint.${kind}.${to}`, vars),
      },
      tx,
    );
  }
}

export type ComplaintInput = {
  reason: (typeof COMPLAINT_REASONS)[number];
  details: string;
  requested: (typeof COMPLAINT_REQUESTS)[number];
};

/**
 * The buyer complains about a parcel on its way (shipped, not completed). Photos go through
 * the image pipeline first (a refused image refuses the complaint before anything is written).
 */
export async function openComplaint(orderId: string, fulfilmentId: string, input: ComplaintInput, photos: Buffer[]) {
  const stored: Array<Awaited<ReturnType<typeof storeImage>>> = [];
  for (const p of photos.slice(0, MAX_COMPLAINT_PHOTOS)) stored.push(await storeImage(p, uploadsDir()));
  return db.$transaction(async (tx) => {
    await lockOrder(tx, orderId);
    const f = await tx.fulfilment.findFirst({ where: { id: fulfilmentId, orderId }, include: { complaint: true } });
    if (!f || !["SHIPPED", "DELIVERED"].includes(f.status)) throw new ComplaintRefused("not-open-for-complaint");
    if (f.complaint) throw new ComplaintRefused("already-complained");
    const c = await tx.complaint.create({
      data: { fulfilmentId, orderId, ...input, photos: stored },
    });
    // the window pauses: the parcel does not complete by itself while the complaint is open
    await tx.fulfilment.update({ where: { id: fulfilmentId }, data: { autoCompleteAt: null } });
    await audit(tx, {
      actorId: null,
      action: "complaint.opened",
      entityType: "Complaint",
      entityId: c.id,
      after: { fulfilmentId, reason: input.reason, requested: input.requested, photos: stored.length },
    });
    await complaintMail(tx, c.id, ["producer", "buyer"], "opened");
    return c;
  });
}

/** The producer answers a complaint about its own parcel, once. */
export async function answerComplaint(producerId: string, userId: string, complaintId: string, answer: string) {
  await db.$transaction(async (tx) => {
    const r = await tx.complaint.updateMany({
      where: { id: complaintId, status: "OPEN", fulfilment: { producerId } },
      data: { status: "ANSWERED", producerAnswer: answer, answeredAt: new Date() },
    });
    if (r.count === 0) throw new ComplaintRefused("already-decided");
    await audit(tx, {
      actorId: userId,
      action: "complaint.answered",
      entityType: "Complaint",
      entityId: complaintId,
      after: { answer },
    });
    await complaintMail(tx, complaintId, ["buyer"], "answered");
  });
}

export type Decision = { kind: "refund"; selection: Selection } | { kind: "reject" };

/**
 * Staff decide an open (or answered) complaint: refund the picked units through the order's
 * payment method (a return puts them back in stock), or reject it; either way the parcel
 * completes.
 */
export async function decideComplaint(staffId: string, complaintId: string, decision: Decision, note: string) {
  const orderId = await db.$transaction(async (tx) => {
    const c0 = await tx.complaint.findUnique({ where: { id: complaintId }, select: { orderId: true } });
    if (!c0) throw new ComplaintRefused("already-decided");
    await lockOrder(tx, c0.orderId);
    const c = await tx.complaint.findUniqueOrThrow({ where: { id: complaintId } });
    if (c.status !== "OPEN" && c.status !== "ANSWERED") throw new ComplaintRefused("already-decided");
    let refundAmount: bigint | null = null;
    if (decision.kind === "refund") {
      const lines = await tx.orderLine.findMany({ where: { fulfilmentId: c.fulfilmentId }, select: { id: true } });
      const picked = decision.selection.filter((s) => s.quantity > 0 && lines.some((l) => l.id === s.lineId));
      if (picked.length === 0) throw new ComplaintRefused("nothing-selected");
      const refund = await refundTx(tx, c.orderId, staffId, picked, `complaint:${complaintId}`, {
        restock: c.requested === "RETURN",
        cancel: false,
      });
      refundAmount = refund.amount;
    }
    const r = await tx.complaint.updateMany({
      where: { id: complaintId, status: { in: ["OPEN", "ANSWERED"] } },
      data: {
        status: decision.kind === "refund" ? "REFUNDED" : "REJECTED",
        decisionNote: note,
        decidedById: staffId,
        decidedAt: new Date(),
        refundAmount,
      },
    });
    if (r.count === 0) throw new ComplaintRefused("already-decided");
    // decided: the parcel completes, and what the buyer kept of it becomes payable to the producer
    await tx.fulfilment.updateMany({
      where: { id: c.fulfilmentId, status: { in: ["SHIPPED", "DELIVERED"] } },
      data: { status: "COMPLETED", completedAt: new Date(), completedBy: "STAFF" },
    });
    await completeOrderWhenDone(tx, c.orderId);
    await audit(tx, {
      actorId: staffId,
      action: "complaint.decided",
      entityType: "Complaint",
      entityId: complaintId,
      after: { decision: decision.kind, refundAmount, note },
    });
    await complaintMail(tx, complaintId, ["buyer", "producer"], "decided");
    return c.orderId;
  });
  // a card refund goes to Stripe after the commit (and is retried like any refund)
  await executeCardRefunds(orderId);
}

/** Open complaints, oldest first: the staff's queue. */
export function openComplaints() {
  return db.complaint.findMany({
    where: { status: { in: ["OPEN", "ANSWERED"] } },
    orderBy: { createdAt: "asc" },
    take: 100,
    include: {
      fulfilment: {
        select: { producer: { select: { legalName: true } }, order: { select: { number: true } } },
      },
    },
  });
}
