/**
 * Payout batches: staff pay every producer what its unpaid entries add up to, in one
 * bank file. Batches are made one at a time (a transaction-scoped advisory lock), and an
 * entry joins a batch only while it has none, so no entry, and no producer, is paid twice.
 */
import crypto from "node:crypto";
import { stringify } from "csv-stringify/sync";
import { db, type Tx } from "~/lib/db.server";
import { audit } from "../audit.server";

const PAYOUT_LOCK = 42_0001;

/** Each producer's sum of entries not yet in a payout batch. */
function unpaidSums(tx: Tx) {
  return tx.ledgerEntry.groupBy({ by: ["producerId"], where: { payoutBatchId: null, kind: { not: "PAYOUT" } }, _sum: { amount: true } });
}

export type PayoutCandidate = { producerId: string; name: string; amount: number; bankReady: boolean };

/** Who would be paid now: producers with a positive unpaid sum (and whether their bank details are complete). */
export async function payoutCandidates(): Promise<PayoutCandidate[]> {
  const sums = await unpaidSums(db);
  const positive = sums.filter((s) => (s._sum.amount ?? 0) > 0);
  const producers = await db.producer.findMany({ where: { id: { in: positive.map((s) => s.producerId) } }, select: { id: true, legalName: true, bankName: true, bankAccountNo: true, bankAccountName: true } });
  return positive
    .map((s) => {
      const p = producers.find((x) => x.id === s.producerId)!;
      return { producerId: s.producerId, name: p.legalName, amount: s._sum.amount ?? 0, bankReady: !!(p.bankName && p.bankAccountNo && p.bankAccountName) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export class NothingToPay extends Error {}

export async function createPayoutBatch(staffId: string) {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PAYOUT_LOCK})`;
    const sums = await unpaidSums(tx);
    const ready = await tx.producer.findMany({
      where: { id: { in: sums.filter((s) => (s._sum.amount ?? 0) > 0).map((s) => s.producerId) }, bankName: { not: null }, bankAccountNo: { not: null }, bankAccountName: { not: null } },
      select: { id: true },
    });
    const payees = sums.filter((s) => ready.some((p) => p.id === s.producerId));
    if (payees.length === 0) throw new NothingToPay();
    const total = payees.reduce((s, p) => s + (p._sum.amount ?? 0), 0);
    const reference = `PO${new Date().toISOString().slice(0, 10).replaceAll("-", "")}-${crypto.randomBytes(3).toString("hex").toUpperCase()}`;
    const batch = await tx.payoutBatch.create({ data: { reference, totalAmount: total, producerCount: payees.length, createdById: staffId } });
    for (const p of payees) {
      await tx.ledgerEntry.updateMany({ where: { producerId: p.producerId, payoutBatchId: null, kind: { not: "PAYOUT" } }, data: { payoutBatchId: batch.id } });
      await tx.ledgerEntry.create({
        data: { producerId: p.producerId, kind: "PAYOUT", amount: -(p._sum.amount ?? 0), sourceKey: `payout:${batch.id}:${p.producerId}`, memo: `payout ${reference}`, payoutBatchId: batch.id },
      });
    }
    await audit(tx, { actorId: staffId, action: "payout.created", entityType: "PayoutBatch", entityId: batch.id, after: { reference, total, producers: payees.length } });
    return batch;
  });
}

export async function payoutBatches() {
  return db.payoutBatch.findMany({ orderBy: { createdAt: "desc" }, take: 50 });
}

/** The bank file: one transfer per producer (amounts in whole rupiah, as banks take them). */
export async function payoutCsv(batchId: string) {
  const batch = await db.payoutBatch.findUnique({ where: { id: batchId } });
  if (!batch) return null;
  const payouts = await db.ledgerEntry.findMany({ where: { payoutBatchId: batchId, kind: "PAYOUT" }, include: { producer: true }, orderBy: { producer: { legalName: "asc" } } });
  // a cell starting with = + - @ would run as a formula in a spreadsheet
  const cell = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  const rows = payouts.map((e) => [
    batch.reference,
    cell(e.producer.legalName),
    e.producer.nib,
    cell(e.producer.bankName ?? ""),
    cell(e.producer.bankAccountNo ?? ""),
    cell(e.producer.bankAccountName ?? ""),
    (-e.amount / 100).toFixed(0),
    e.currency,
    `Anjung ${batch.reference}`,
  ]);
  const csv = stringify([["batch", "producer", "nib", "bank", "account_no", "account_name", "amount", "currency", "description"], ...rows]);
  return { reference: batch.reference, csv };
}
