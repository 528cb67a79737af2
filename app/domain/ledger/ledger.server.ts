/**
 * The producers' ledger: append-only entries, one per business fact (its `sourceKey` is
 * unique, so a fact is booked once however often it is replayed). A balance is the sum of
 * a producer's entries; nothing stores a total.
 *
 * - a paid fulfilment credits its lines less the trading house's commission; the rate
 *   in force is stored on the entry;
 * - a refund debits the refunded lines less the same commission (the house returns its
 *   share too);
 * - a payout batch books one PAYOUT entry per producer for what it was owed and marks
 *   the entries it pays.
 */
import { db, type Tx } from "~/lib/db.server";

/** Commission on an amount in minor units, rounded to whole rupiah (100 minor units). */
export function commissionOn(amount: number, bps: number): number {
  return Math.round((amount * bps) / 10_000 / 100) * 100;
}

/** What the producer receives of a sale: the lines less commission. */
export function producerShare(amount: number, bps: number): number {
  return amount - commissionOn(amount, bps);
}

export async function creditFulfilment(tx: Tx, f: { id: string; producerId: string; orderNumber: string; linesAmount: number; currency: string }, bps: number) {
  const amount = producerShare(f.linesAmount, bps);
  await tx.ledgerEntry.create({
    data: {
      producerId: f.producerId,
      kind: "SALE_CREDIT",
      amount,
      currency: f.currency,
      commissionBps: bps,
      sourceKey: `sale:${f.id}`,
      memo: `${f.orderNumber}: ${f.linesAmount} less ${bps / 100}% commission`,
    },
  });
  return amount;
}

/** The commission rate booked when the fulfilment was credited (refunds use the same). */
export async function saleCommissionBps(tx: Tx, fulfilmentId: string): Promise<number | null> {
  const e = await tx.ledgerEntry.findUnique({ where: { sourceKey: `sale:${fulfilmentId}` }, select: { commissionBps: true } });
  return e?.commissionBps ?? null;
}

export async function debitRefund(tx: Tx, d: { refundId: string; producerId: string; fulfilmentId: string | null; orderNumber: string; linesAmount: number; currency: string }) {
  const bps = d.fulfilmentId ? await saleCommissionBps(tx, d.fulfilmentId) : null;
  if (bps === null) return 0; // never credited (not paid yet): nothing to take back
  const amount = -producerShare(d.linesAmount, bps);
  await tx.ledgerEntry.create({
    data: { producerId: d.producerId, kind: "REFUND_DEBIT", amount, currency: d.currency, commissionBps: bps, sourceKey: `refund:${d.refundId}:${d.producerId}`, memo: `${d.orderNumber}: refund of ${d.linesAmount}` },
  });
  return amount;
}

export async function producerBalance(producerId: string, tx: Tx = db) {
  const all = await tx.ledgerEntry.aggregate({ where: { producerId }, _sum: { amount: true } });
  return all._sum.amount ?? 0;
}

export async function producerLedger(producerId: string, take = 50) {
  const [entries, balance] = await Promise.all([
    db.ledgerEntry.findMany({ where: { producerId }, orderBy: { createdAt: "desc" }, take, include: { payoutBatch: { select: { reference: true } } } }),
    producerBalance(producerId),
  ]);
  return { entries, balance };
}
