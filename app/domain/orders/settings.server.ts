/**
 * What staff set for the marketplace: the commission on retail sales, the bank account
 * buyers transfer to, how long a transfer order holds stock, and the flat shipping rates.
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

/** A rate applies to its country; a rate without a country applies to any destination abroad. */
export function rateApplies(rate: { country: string | null; active: boolean }, country: string) {
  return rate.active && (rate.country === country || (rate.country === null && country !== "ID"));
}

export async function shippingRates(opts: { activeOnly?: boolean } = {}) {
  return db.shippingRate.findMany({
    where: opts.activeOnly ? { active: true } : {},
    orderBy: [{ active: "desc" }, { amount: "asc" }],
  });
}

export type ShippingRateInput = {
  code: string;
  nameId: string;
  nameEn: string;
  country: string | null;
  amount: bigint;
  active: boolean;
};

export async function saveShippingRate(staffId: string, input: ShippingRateInput) {
  return db.$transaction(async (tx) => {
    const before = await tx.shippingRate.findUnique({ where: { code: input.code } });
    const after = await tx.shippingRate.upsert({ where: { code: input.code }, update: input, create: input });
    await audit(tx, {
      actorId: staffId,
      action: before ? "shipping-rate.updated" : "shipping-rate.created",
      entityType: "ShippingRate",
      entityId: after.id,
      before: before ? snapshot(before) : undefined,
      after: snapshot(after),
    });
    return after;
  });
}
