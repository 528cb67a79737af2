/**
 * What staff set for the marketplace: the commission on retail sales, the bank account
 * buyers transfer to and how long a transfer order holds stock (the couriers' rate cards are
 * in `../shipping/rate-cards.server.ts`).
 * Every change is audited.
 */
import { db, type Tx } from "~/lib/db.server";
import { audit, snapshot } from "../audit.server";

export async function marketSettings(tx: Tx = db) {
  return tx.marketSettings.upsert({ where: { id: 1 }, update: {}, create: { id: 1 } });
}

export type SettingsInput = {
  commissionBps: number;
  bankName: string;
  bankAccountNo: string;
  bankAccountName: string;
  transferHoldMinutes: number;
  autoCompleteDays: number;
};

export async function updateMarketSettings(staffId: string, input: SettingsInput) {
  return db.$transaction(async (tx) => {
    const before = await marketSettings(tx);
    const after = await tx.marketSettings.update({ where: { id: 1 }, data: { ...input, updatedById: staffId } });
    await audit(tx, {
      actorId: staffId,
      action: "settings.updated",
      entityType: "MarketSettings",
      entityId: "1",
      before: snapshot(before),
      after: snapshot(after),
    });
    return after;
  });
}
