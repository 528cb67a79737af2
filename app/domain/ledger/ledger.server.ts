/**
 * The producers' ledger: append-only entries, one per business fact (its `sourceKey` is
 * unique, so a fact is booked once however often it is replayed). A balance is the sum of
 * a producer's entries; nothing stores a total. Amounts are `bigint` minor units.
 *
 * - a paid fulfilment credits its lines less the trading house's commission; the rate
 *   in force is stored on the entry;
 * - a refund debits what the refund changes in the producer's share: the share of what
 *   the buyer keeps of the fulfilment after it, less the share of what the buyer kept
 *   before. At every moment the producer holds exactly its share of what was kept (and the
 *   house its commission on it), so refunding a fulfilment unit by unit, in any order,
 *   brings both to exactly zero;
 * - a payout batch books one PAYOUT entry per producer for what it was owed and marks
 *   the entries it pays (`payouts.server.ts`);
 * - escrow: a sale credit and the refund debits of the same parcel name that parcel
 *   (`fulfilmentId`); they are *pending* until the parcel completes (the buyer confirms
 *   receipt, or the staff-set days pass), then *payable*, then *paid* once a batch marks them.
 *   Whether an entry is payable is read from its parcel's status when a batch is made, so
 *   nothing has to be flipped (and nothing can be flipped twice or missed).
 */
import { db, Prisma, type Tx } from "~/lib/db.server";
import { bpsToPercent, money, percentOf, subtract, type Money } from "../money";

/** The house's commission on an amount: `bps` basis points, rounded by the money module's rule (whole rupiah). */
export function commissionOn(amount: Money, bps: number): Money {
  return percentOf(amount, bps);
}

/** What the producer receives of a sale: the lines less commission. */
export function producerShare(amount: Money, bps: number): Money {
  return subtract(amount, commissionOn(amount, bps));
}

export async function creditFulfilment(
  tx: Tx,
  f: { id: string; producerId: string; orderNumber: string; linesAmount: bigint; currency: string },
  bps: number,
) {
  const amount = producerShare(money(f.linesAmount, f.currency), bps).amount;
  await tx.ledgerEntry.create({
    data: {
      producerId: f.producerId,
      kind: "SALE_CREDIT",
      amount,
      currency: f.currency,
      commissionBps: bps,
      sourceKey: `sale:${f.id}`,
      fulfilmentId: f.id,
      memo: `${f.orderNumber}: ${f.linesAmount} less ${bpsToPercent(bps)}% commission`,
    },
  });
  return amount;
}

/** The commission rate booked when the fulfilment was credited (refunds use the same). */
export async function saleCommissionBps(tx: Tx, fulfilmentId: string): Promise<number | null> {
  const e = await tx.ledgerEntry.findUnique({
    where: { sourceKey: `sale:${fulfilmentId}` },
    select: { commissionBps: true },
  });
  return e?.commissionBps ?? null;
}

/**
 * Debits a refund of some of a fulfilment's lines. `fulfilmentTotal` is what the buyer
 * bought of the producer, `refundedBefore` what had been refunded of it before this refund,
 * `linesAmount` what this one refunds; the debit is the change in the producer's share of
 * what the buyer keeps.
 */
export async function debitRefund(
  tx: Tx,
  d: {
    refundId: string;
    producerId: string;
    fulfilmentId: string | null;
    orderNumber: string;
    fulfilmentTotal: bigint;
    refundedBefore: bigint;
    linesAmount: bigint;
    currency: string;
  },
) {
  const bps = d.fulfilmentId ? await saleCommissionBps(tx, d.fulfilmentId) : null;
  if (bps === null) return 0n; // never credited (not paid yet): nothing to take back
  const keptBefore = d.fulfilmentTotal - d.refundedBefore;
  const before = producerShare(money(keptBefore, d.currency), bps);
  const after = producerShare(money(keptBefore - d.linesAmount, d.currency), bps);
  const amount = subtract(after, before).amount;
  await tx.ledgerEntry.create({
    data: {
      producerId: d.producerId,
      kind: "REFUND_DEBIT",
      amount,
      currency: d.currency,
      commissionBps: bps,
      sourceKey: `refund:${d.refundId}:${d.producerId}`,
      fulfilmentId: d.fulfilmentId,
      memo: `${d.orderNumber}: refund of ${d.linesAmount}`,
    },
  });
  return amount;
}

export async function producerBalance(producerId: string, tx: Tx = db): Promise<bigint> {
  const all = await tx.ledgerEntry.aggregate({ where: { producerId }, _sum: { amount: true } });
  return all._sum.amount ?? 0n;
}

export async function producerLedger(producerId: string, take = 50) {
  const [entries, balance] = await Promise.all([
    db.ledgerEntry.findMany({
      where: { producerId },
      orderBy: { createdAt: "desc" },
      take,
      include: { payoutBatch: { select: { reference: true } } },
    }),
    producerBalance(producerId),
  ]);
  return { entries, balance };
}

/** The SQL condition for an entry a payout may pay now: not tied to a parcel, or its parcel completed. */
export const PAYABLE_ENTRY = Prisma.sql`("fulfilmentId" IS NULL OR EXISTS (
  SELECT 1 FROM "Fulfilment" f WHERE f.id = "LedgerEntry"."fulfilmentId" AND f.status = 'COMPLETED'))`;

export type ParcelMoney = { fulfilmentId: string; pending: bigint; payable: bigint; paid: bigint };

/** For each of a producer's parcels: what is still pending (not completed), payable now, and paid out. */
export async function parcelMoney(producerId: string, fulfilmentIds: string[], tx: Tx = db) {
  if (fulfilmentIds.length === 0) return new Map<string, ParcelMoney>();
  const rows = await tx.$queryRaw<ParcelMoney[]>`
    SELECT e."fulfilmentId",
           COALESCE(SUM(e.amount) FILTER (WHERE f.status <> 'COMPLETED'), 0)::bigint AS pending,
           COALESCE(SUM(e.amount) FILTER (WHERE f.status = 'COMPLETED' AND e."payoutBatchId" IS NULL), 0)::bigint AS payable,
           COALESCE(SUM(e.amount) FILTER (WHERE f.status = 'COMPLETED' AND e."payoutBatchId" IS NOT NULL), 0)::bigint AS paid
      FROM "LedgerEntry" e JOIN "Fulfilment" f ON f.id = e."fulfilmentId"
     WHERE e."producerId" = ${producerId} AND e."fulfilmentId" = ANY(${fulfilmentIds}::text[])
     GROUP BY e."fulfilmentId"`;
  return new Map(rows.map((r) => [r.fulfilmentId, r]));
}
