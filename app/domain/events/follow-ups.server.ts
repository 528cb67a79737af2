/**
 * Follow-up tasks: each intake leaves one for a facilitator (due two weeks after the event).
 * The facilitator sees its open tasks, and closes one with a note of what was done, adding the
 * NIB when the UMKM got one meanwhile (staff then verify it like any NIB). Only the task's own
 * facilitator closes it, and only once (a conditional update).
 */
import { db } from "~/lib/db.server";
import { audit } from "../audit.server";
import { recordNib } from "../producers/index.server";

export class FollowUpRefused extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

/** A facilitator's open follow-ups, soonest due first. */
export async function openFollowUps(facilitatorId: string) {
  return db.followUpTask.findMany({
    where: { facilitatorId, doneAt: null },
    orderBy: { dueOn: "asc" },
    take: 200,
    select: {
      id: true,
      needs: true,
      dueOn: true,
      producer: { select: { id: true, legalName: true, contactPhone: true, nib: true, regencyCode: true } },
      intake: { select: { products: true, event: { select: { name: true } } } },
    },
  });
}

export async function completeFollowUp(facilitatorId: string, taskId: string, note: string, nib?: string) {
  return db.$transaction(async (tx) => {
    const task = await tx.followUpTask.findFirst({
      where: { id: taskId, facilitatorId },
      include: { producer: { select: { id: true, nib: true } } },
    });
    if (!task) return null;
    const done = await tx.followUpTask.updateMany({
      where: { id: taskId, facilitatorId, doneAt: null },
      data: { doneAt: new Date(), doneNote: note },
    });
    if (done.count === 0) throw new FollowUpRefused("events.refused.followUpDone");
    if (nib && !task.producer.nib) {
      if (await tx.producer.findUnique({ where: { nib }, select: { id: true } }))
        throw new FollowUpRefused("events.refused.nibTaken");
      await tx.producer.update({ where: { id: task.producer.id }, data: { nib } });
      await recordNib(tx, task.producer.id, nib);
    }
    await tx.facilitatorVisit.create({
      data: { producerId: task.producer.id, facilitatorId, visitedOn: new Date(), notes: note },
    });
    await audit(tx, {
      actorId: facilitatorId,
      action: "producer.follow-up",
      entityType: "Producer",
      entityId: task.producer.id,
      after: { taskId, nib: nib && !task.producer.nib ? nib : null },
    });
    return task.producer.id;
  });
}
