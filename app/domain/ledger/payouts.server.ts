/**
 * Payout batches: staff pay every producer what its unpaid, payable entries add up to (a
 * parcel's sale is payable once the parcel completes: `ledger.server.ts`), in one bank file. Batches are made one at a time (a transaction-scoped advisory lock); a batch
 * pays exactly the entries it locked and marked, so no entry is paid twice or marked unpaid.
 */
import crypto from "node:crypto";
import { stringify } from "csv-stringify/sync";
import { db, type Tx } from "~/lib/db.server";
import { audit } from "../audit.server";
import { money, sumMinor, toWholeMajorString } from "../money";
import { PAYABLE_ENTRY } from "./ledger.server";

const PAYOUT_LOCK = 42_0001;

/** Each producer's sum of payable entries not yet in a payout batch (for the staff page). */
async function unpaidSums(tx: Tx): Promise<Map<string, bigint>> {
  const rows = await tx.$queryRaw<Array<{ producerId: string; amount: bigint }>>`
    SELECT "producerId", SUM(amount)::bigint AS amount FROM "LedgerEntry"
     WHERE "payoutBatchId" IS NULL AND kind <> 'PAYOUT' AND ${PAYABLE_ENTRY}
     GROUP BY "producerId"`;
  return new Map(rows.map((r) => [r.producerId, r.amount]));
}

export type PayoutCandidate = { producerId: string; name: string; amount: bigint; bankReady: boolean };

const hasBank = (p: { bankName: string | null; bankAccountNo: string | null; bankAccountName: string | null }) =>
  !!(p.bankName && p.bankAccountNo && p.bankAccountName);

/** Who would be paid now: producers with a positive unpaid sum (and whether their bank details are complete). */
export async function payoutCandidates(): Promise<PayoutCandidate[]> {
  const sums = await unpaidSums(db);
  const positive = [...sums].filter(([, amount]) => amount > 0n);
  const producers = await db.producer.findMany({
    where: { id: { in: positive.map(([id]) => id) } },
    select: { id: true, legalName: true, bankName: true, bankAccountNo: true, bankAccountName: true },
  });
  return positive
    .map(([producerId, amount]) => {
      const p = producers.find((x) => x.id === producerId)!;
      return { producerId, name: p.legalName, amount, bankReady: hasBank(p) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export class NothingToPay extends Error {}

type UnpaidEntry = { id: string; producerId: string; amount: bigint };

/**
 * Pays every producer whose unpaid entries add up to more than zero and whose bank details
 * are complete. The entries are read once and locked (`FOR UPDATE`); the batch marks
 * exactly those rows by id and pays exactly their sum, so a credit committed while the
 * batch is being made stays unpaid for the next batch.
 */
export async function createPayoutBatch(staffId: string) {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${PAYOUT_LOCK})`;
    const entries = await tx.$queryRaw<UnpaidEntry[]>`
      SELECT "id", "producerId", "amount" FROM "LedgerEntry"
      WHERE "payoutBatchId" IS NULL AND "kind" <> 'PAYOUT' AND ${PAYABLE_ENTRY}
      ORDER BY "id" FOR UPDATE`;
    const byProducer = new Map<string, UnpaidEntry[]>();
    for (const e of entries) byProducer.set(e.producerId, [...(byProducer.get(e.producerId) ?? []), e]);
    const owed = [...byProducer]
      .map(([producerId, list]) => ({
        producerId,
        ids: list.map((e) => e.id),
        amount: sumMinor(list.map((e) => e.amount)),
      }))
      .filter((p) => p.amount > 0n);
    const ready = await tx.producer.findMany({
      where: { id: { in: owed.map((p) => p.producerId) } },
      select: { id: true, bankName: true, bankAccountNo: true, bankAccountName: true },
    });
    const payees = owed.filter((p) => ready.some((r) => r.id === p.producerId && hasBank(r)));
    if (payees.length === 0) throw new NothingToPay();
    const total = sumMinor(payees.map((p) => p.amount));
    const reference = `PO${new Date().toISOString().slice(0, 10).replaceAll("-", "")}-${crypto.randomBytes(3).toString("hex").toUpperCase()}`;
    const batch = await tx.payoutBatch.create({
      data: { reference, totalAmount: total, producerCount: payees.length, createdById: staffId },
    });
    for (const p of payees) {
      const marked = await tx.ledgerEntry.updateMany({
        where: { id: { in: p.ids }, payoutBatchId: null },
        data: { payoutBatchId: batch.id },
      });
      if (marked.count !== p.ids.length)
        throw new Error(
          `payout: ${p.ids.length - marked.count} locked entries of ${p.producerId} changed under the batch`,
        );
      await tx.ledgerEntry.create({
        data: {
          producerId: p.producerId,
          kind: "PAYOUT",
          amount: -p.amount,
          sourceKey: `payout:${batch.id}:${p.producerId}`,
          memo: `payout ${reference}`,
          payoutBatchId: batch.id,
        },
      });
    }
    await audit(tx, {
      actorId: staffId,
      action: "payout.created",
      entityType: "PayoutBatch",
      entityId: batch.id,
      after: { reference, total, producers: payees.length, entries: sumMinor(payees.map((p) => BigInt(p.ids.length))) },
    });
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
  const payouts = await db.ledgerEntry.findMany({
    where: { payoutBatchId: batchId, kind: "PAYOUT" },
    include: { producer: true },
    orderBy: { producer: { legalName: "asc" } },
  });
  // a cell starting with = + - @ would run as a formula in a spreadsheet
  const cell = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
  const rows = payouts.map((e) => [
    batch.reference,
    cell(e.producer.legalName),
    e.producer.nib,
    cell(e.producer.bankName ?? ""),
    cell(e.producer.bankAccountNo ?? ""),
    cell(e.producer.bankAccountName ?? ""),
    toWholeMajorString(money(-e.amount, e.currency)),
    e.currency,
    `Anjung ${batch.reference}`,
  ]);
  const csv = stringify([
    ["batch", "producer", "nib", "bank", "account_no", "account_name", "amount", "currency", "description"],
    ...rows,
  ]);
  return { reference: batch.reference, csv };
}
