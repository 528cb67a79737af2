/**
 * What business buyers owe the house for export lots, and what the house has advanced.
 *
 *   terms      — per buyer company, set by staff (audited): cash in advance, a deposit and the
 *                balance before shipment, or tempo 30/60/90 days after shipment within a credit
 *                limit staff approve;
 *   invoice    — accepting a quote issues a numbered proforma invoice in the buyer's currency
 *                with the rupiah equivalent at the quote's dated rate (`invoiceTerms` then
 *                `issueInvoice`, in the acceptance's transaction, under the company's row lock
 *                so concurrent acceptances cannot pass the credit limit together);
 *   payments   — staff record what the bank statement shows; partial payments add up, more
 *                than is owed is refused (under the invoice's row lock), a bank reference
 *                counts once (its source key is unique);
 *   shipping   — a lot does not ship while what its terms require before shipment is unpaid,
 *                unless staff override with a reason (lots.server asks `shipmentRefusal`);
 *   ageing     — the receivables page: what each company owes, by age, overdue highlighted;
 *   exposure   — producers are paid for passed units whatever the buyer's terms; what the
 *                house has credited to producers and not yet received is its exposure, and a
 *                staff-set limit stops new lots beyond it (`exposureRefusal`, under an
 *                advisory lock so concurrent lots are counted one after the other);
 *   P&L        — per lot, in rupiah: buyer revenue, producer cost, freight and charges, margin.
 */
import { Prisma } from "~/generated/prisma/client";
import { db, type Tx } from "~/lib/db.server";
import { convertFromIdr, convertToIdr } from "../money";
import { audit } from "../audit.server";
import { chargesOf, type BuildUpJson } from "./landed-cost";
import { LotRefused } from "./refused";
import { AGE_BUCKETS, type AgeBucket, type BuyerTermsKey } from "./terms";

type BuyerTerms = BuyerTermsKey;

const TEMPO_DAYS: Record<BuyerTerms, number> = {
  CASH_IN_ADVANCE: 0,
  DEPOSIT_BALANCE: 0,
  TEMPO_30: 30,
  TEMPO_60: 60,
  TEMPO_90: 90,
};
export const isTempo = (t: BuyerTerms) => TEMPO_DAYS[t] > 0;
/** The first payment (cash in advance, or the deposit) is due this many days after the invoice. */
export const FIRST_PAYMENT_DAYS = 7;

const DAY = 86_400_000;
const ceilShare = (amount: bigint, bps: number) => (amount * BigInt(bps) + 9_999n) / 10_000n;

/** What an invoice of `amount` asks for, by the company's terms. */
export function invoiceSchedule(terms: BuyerTerms, depositBps: number, amount: bigint) {
  if (terms === "CASH_IN_ADVANCE") return { depositAmount: amount, dueBeforeShipment: amount, tempoDays: 0 };
  const deposit = ceilShare(amount, depositBps);
  if (terms === "DEPOSIT_BALANCE") return { depositAmount: deposit, dueBeforeShipment: amount, tempoDays: 0 };
  return { depositAmount: deposit, dueBeforeShipment: deposit, tempoDays: TEMPO_DAYS[terms] };
}

type InvoiceFacts = {
  amount: bigint;
  depositAmount: bigint;
  issuedAt: Date;
  terms: BuyerTerms;
  tempoDays: number;
  paid: bigint;
  shippedAt: Date | null;
};

/** The dated steps of an invoice: by each date, this much in total should have been paid. */
export function milestones(i: Omit<InvoiceFacts, "paid">): Array<{ due: Date; cumulative: bigint }> {
  const steps: Array<{ due: Date; cumulative: bigint }> = [];
  if (i.depositAmount > 0n)
    steps.push({ due: new Date(i.issuedAt.getTime() + FIRST_PAYMENT_DAYS * DAY), cumulative: i.depositAmount });
  if (i.shippedAt) steps.push({ due: new Date(i.shippedAt.getTime() + i.tempoDays * DAY), cumulative: i.amount });
  return steps;
}

/** What is past due on `today` and the next date something falls due. */
export function dueState(i: InvoiceFacts, today = new Date()) {
  const steps = milestones(i);
  const passed = steps.filter((s) => s.due < today);
  const owedByNow = passed.length ? passed[passed.length - 1].cumulative : 0n;
  const overdue = owedByNow > i.paid ? owedByNow - i.paid : 0n;
  const next = steps.find((s) => s.cumulative > i.paid && s.due >= today) ?? null;
  const overdueSince = overdue > 0n ? (passed.find((s) => s.cumulative > i.paid)?.due ?? null) : null;
  return { overdue, overdueSince, nextDue: next?.due ?? null, outstanding: i.amount - i.paid };
}

/* ───────────── terms ───────────── */

export async function setCompanyTerms(
  staffId: string,
  companyId: string,
  input: { terms: BuyerTerms; depositBps: number; creditLimitIdr: bigint },
) {
  return db.$transaction(async (tx) => {
    const before = await tx.buyerCompany.findUnique({ where: { id: companyId } });
    if (!before) throw new LotRefused("rfq.refused.notFound");
    const after = await tx.buyerCompany.update({
      where: { id: companyId },
      data: { ...input, termsApprovedById: staffId, termsApprovedAt: new Date() },
    });
    await audit(tx, {
      actorId: staffId,
      action: "company.terms",
      entityType: "BuyerCompany",
      entityId: companyId,
      before: { terms: before.terms, depositBps: before.depositBps, creditLimitIdr: before.creditLimitIdr },
      after: input,
    });
    return after;
  });
}

/* ───────────── invoices ───────────── */

async function paidIdrByInvoice(tx: Tx, invoiceIds: string[]) {
  const rows = await tx.buyerPayment.groupBy({
    by: ["invoiceId"],
    where: { invoiceId: { in: invoiceIds } },
    _sum: { amount: true, amountIdr: true },
  });
  return new Map(rows.map((r) => [r.invoiceId, { paid: r._sum.amount ?? 0n, paidIdr: r._sum.amountIdr ?? 0n }]));
}

/** What a company owes on all its invoices, in rupiah (the credit its tempo uses). */
async function companyOutstandingIdr(tx: Tx, companyId: string) {
  const invoices = await tx.buyerInvoice.findMany({ where: { companyId }, select: { id: true, amountIdr: true } });
  const paid = await paidIdrByInvoice(
    tx,
    invoices.map((i) => i.id),
  );
  return invoices.reduce((s, i) => {
    const left = i.amountIdr - (paid.get(i.id)?.paidIdr ?? 0n);
    return s + (left > 0n ? left : 0n);
  }, 0n);
}

/**
 * Before a quote's lot opens: what its proforma invoice will ask for under the company's
 * terms, refused when the company is on tempo and the invoice would take it past its credit
 * limit. The company's row is locked for the rest of the acceptance, so of concurrent
 * acceptances each sees the invoices of those before it.
 */
export async function invoiceTerms(
  tx: Tx,
  companyId: string,
  deal: { quantity: number; unitPriceAmount: bigint; currency: string },
  rate: { idrPerUnit: string; rateDate: Date },
) {
  await tx.$queryRaw`SELECT id FROM "BuyerCompany" WHERE id = ${companyId} FOR UPDATE`;
  const company = await tx.buyerCompany.findUniqueOrThrow({ where: { id: companyId } });
  const fx = { currency: deal.currency, idrPerUnit: rate.idrPerUnit };
  const amount = deal.unitPriceAmount * BigInt(deal.quantity);
  const amountIdr = convertToIdr(amount, fx);
  const schedule = invoiceSchedule(company.terms, company.depositBps, amount);
  if (isTempo(company.terms)) {
    const upfrontIdr = convertToIdr(schedule.dueBeforeShipment, fx);
    const used = await companyOutstandingIdr(tx, company.id);
    if (used + amountIdr - upfrontIdr > company.creditLimitIdr) throw new LotRefused("rfq.refused.creditLimit");
  }
  return { companyId, ...deal, amount, amountIdr, terms: company.terms, ...schedule, rate };
}

/** The numbered proforma invoice of a lot, in the acceptance's transaction (after `invoiceTerms`). */
export async function issueInvoice(
  tx: Tx,
  actorId: string,
  lotId: string,
  t: Awaited<ReturnType<typeof invoiceTerms>>,
) {
  const [{ n }] = await tx.$queryRaw<Array<{ n: bigint }>>`SELECT nextval('"BuyerInvoice_number_seq"') AS n`;
  const number = `PI-${new Date().getUTCFullYear()}-${String(n).padStart(6, "0")}`;
  const invoice = await tx.buyerInvoice.create({
    data: {
      number,
      lotId,
      companyId: t.companyId,
      quantity: t.quantity,
      unitPriceAmount: t.unitPriceAmount,
      currency: t.currency,
      amount: t.amount,
      idrPerUnit: new Prisma.Decimal(t.rate.idrPerUnit),
      rateDate: t.rate.rateDate,
      amountIdr: t.amountIdr,
      terms: t.terms,
      depositAmount: t.depositAmount,
      dueBeforeShipment: t.dueBeforeShipment,
      tempoDays: t.tempoDays,
      issuedById: actorId,
    },
  });
  await audit(tx, {
    actorId,
    action: "invoice.issued",
    entityType: "BuyerInvoice",
    entityId: invoice.id,
    after: { number, amount: t.amount, currency: t.currency, amountIdr: t.amountIdr, terms: t.terms },
  });
  return invoice;
}

export type PaymentInput = { paidAmount: bigint; paidCurrency: string; paidOn: Date; bankReference: string };

/**
 * A payment from the bank statement. In the invoice's currency, or in rupiah (converted at
 * the invoice's rate). Refused when it is more than what is still owed, or when the same bank
 * reference was already recorded for this invoice.
 */
export async function recordBuyerPayment(staffId: string, invoiceId: string, p: PaymentInput) {
  const reference = p.bankReference.trim().toUpperCase();
  try {
    return await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "BuyerInvoice" WHERE id = ${invoiceId} FOR UPDATE`;
      const invoice = await tx.buyerInvoice.findUnique({ where: { id: invoiceId } });
      if (!invoice) throw new LotRefused("receivables.refused.notFound");
      if (p.paidCurrency !== invoice.currency && p.paidCurrency !== "IDR")
        throw new LotRefused("receivables.refused.currency");
      const rate = { currency: invoice.currency, idrPerUnit: invoice.idrPerUnit.toString() };
      const amount = p.paidCurrency === invoice.currency ? p.paidAmount : convertFromIdr(p.paidAmount, rate);
      const amountIdr = p.paidCurrency === "IDR" ? p.paidAmount : convertToIdr(p.paidAmount, rate);
      const paid = (await paidIdrByInvoice(tx, [invoice.id])).get(invoice.id)?.paid ?? 0n;
      if (amount <= 0n) throw new LotRefused("receivables.refused.tooSmall");
      if (paid + amount > invoice.amount) throw new LotRefused("receivables.refused.overpaid");
      const payment = await tx.buyerPayment.create({
        data: {
          invoiceId,
          paidAmount: p.paidAmount,
          paidCurrency: p.paidCurrency,
          amount,
          amountIdr,
          paidOn: p.paidOn,
          bankReference: reference,
          sourceKey: `buyer-payment:${invoiceId}:${reference}`,
          recordedById: staffId,
        },
      });
      await audit(tx, {
        actorId: staffId,
        action: "invoice.payment",
        entityType: "BuyerInvoice",
        entityId: invoiceId,
        after: { paidAmount: p.paidAmount, paidCurrency: p.paidCurrency, amount, amountIdr, reference },
      });
      return payment;
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")
      throw new LotRefused("receivables.refused.duplicate");
    throw err;
  }
}

/** Why the lot may not ship yet (a locale key), or null: what its invoice requires before shipment is unpaid. */
export async function shipmentRefusal(tx: Tx, lotId: string): Promise<string | null> {
  const invoice = await tx.buyerInvoice.findUnique({ where: { lotId } });
  if (!invoice) return null;
  const paid = (await paidIdrByInvoice(tx, [invoice.id])).get(invoice.id)?.paid ?? 0n;
  return paid < invoice.dueBeforeShipment ? "lots.refused.unpaid" : null;
}

export async function invoiceForLot(lotId: string) {
  const invoice = await db.buyerInvoice.findUnique({
    where: { lotId },
    include: { payments: { orderBy: { paidOn: "asc" } }, company: true, lot: { select: { shippedAt: true } } },
  });
  if (!invoice) return null;
  const paid = invoice.payments.reduce((s, p) => s + p.amount, 0n);
  const paidIdr = invoice.payments.reduce((s, p) => s + p.amountIdr, 0n);
  return {
    ...invoice,
    paid,
    paidIdr,
    ...dueState({ ...invoice, paid, shippedAt: invoice.lot.shippedAt }),
  };
}

/** A buyer's invoice by number, only for members of its company (or null). */
export async function invoiceOfBuyer(userId: string, number: string) {
  return db.buyerInvoice.findFirst({
    where: { number, company: { members: { some: { userId } } } },
    select: { id: true, lotId: true },
  });
}

/* ───────────── receivables ───────────── */

export function ageBucket(issuedAt: Date, today: Date): AgeBucket {
  const days = Math.floor((today.getTime() - issuedAt.getTime()) / DAY);
  if (days <= 30) return "d0_30";
  if (days <= 60) return "d31_60";
  if (days <= 90) return "d61_90";
  return "d90plus";
}

/**
 * Per company: what it owes in rupiah by the age of its invoices, what is overdue, its terms
 * and how much of its credit limit it uses. Companies owing nothing are left out.
 */
export async function receivables(today = new Date()) {
  const invoices = await db.buyerInvoice.findMany({
    orderBy: { issuedAt: "asc" },
    include: { company: true, lot: { select: { id: true, code: true, shippedAt: true } } },
  });
  const paid = await paidIdrByInvoice(
    db,
    invoices.map((i) => i.id),
  );
  const byCompany = new Map<
    string,
    {
      company: (typeof invoices)[number]["company"];
      buckets: Record<AgeBucket, bigint>;
      outstandingIdr: bigint;
      overdueIdr: bigint;
      invoices: Array<{
        id: string;
        number: string;
        lot: { id: string; code: string };
        currency: string;
        amount: bigint;
        outstanding: bigint;
        outstandingIdr: bigint;
        overdue: bigint;
        overdueSince: Date | null;
        nextDue: Date | null;
        bucket: AgeBucket;
      }>;
    }
  >();
  for (const i of invoices) {
    const p = paid.get(i.id) ?? { paid: 0n, paidIdr: 0n };
    if (p.paid >= i.amount) continue;
    const state = dueState({ ...i, paid: p.paid, shippedAt: i.lot.shippedAt }, today);
    const outstandingIdr = i.amountIdr - p.paidIdr > 0n ? i.amountIdr - p.paidIdr : 0n;
    const overdueIdr = convertToIdr(state.overdue, { currency: i.currency, idrPerUnit: i.idrPerUnit.toString() });
    const bucket = ageBucket(i.issuedAt, today);
    const row = byCompany.get(i.companyId) ?? {
      company: i.company,
      buckets: { d0_30: 0n, d31_60: 0n, d61_90: 0n, d90plus: 0n },
      outstandingIdr: 0n,
      overdueIdr: 0n,
      invoices: [],
    };
    row.buckets[bucket] += outstandingIdr;
    row.outstandingIdr += outstandingIdr;
    row.overdueIdr += overdueIdr;
    row.invoices.push({
      id: i.id,
      number: i.number,
      lot: { id: i.lot.id, code: i.lot.code },
      currency: i.currency,
      amount: i.amount,
      outstanding: state.outstanding,
      outstandingIdr,
      overdue: state.overdue,
      overdueSince: state.overdueSince,
      nextDue: state.nextDue,
      bucket,
    });
    byCompany.set(i.companyId, row);
  }
  const companies = [...byCompany.values()].sort((a, b) => (b.overdueIdr > a.overdueIdr ? 1 : -1));
  const totals = { d0_30: 0n, d31_60: 0n, d61_90: 0n, d90plus: 0n, outstandingIdr: 0n, overdueIdr: 0n };
  for (const c of companies) {
    for (const b of AGE_BUCKETS) totals[b] += c.buckets[b];
    totals.outstandingIdr += c.outstandingIdr;
    totals.overdueIdr += c.overdueIdr;
  }
  const allCompanies = await db.buyerCompany.findMany({ orderBy: { name: "asc" } });
  return { companies, totals, allCompanies };
}

/* ───────────── exposure and P&L ───────────── */

const OPEN_LOT = ["DRAFT", "SOURCING", "CONSOLIDATING", "QC", "READY"] as const;

/**
 * Per lot: credited to producers (LOT_CREDIT, paid out or due in the next batch), received
 * from the buyer, the exposure now (credited − received) and the committed exposure (for a
 * lot not yet shipped, what its producers will be paid in full, less what the buyer paid).
 */
export async function exposure(tx: Tx = db) {
  const rows = await tx.$queryRaw<
    Array<{
      id: string;
      code: string;
      status: string;
      planned: bigint;
      credited: bigint;
      paidOut: bigint;
      received: bigint;
    }>
  >`
    SELECT l.id, l.code, l.status::text AS status,
           l."targetQuantity"::bigint * l."producerPriceAmount" AS planned,
           COALESCE((SELECT SUM(e.amount) FROM "LedgerEntry" e WHERE e."lotId" = l.id AND e.kind = 'LOT_CREDIT'), 0)::bigint AS credited,
           COALESCE((SELECT SUM(e.amount) FROM "LedgerEntry" e
                      WHERE e."lotId" = l.id AND e.kind = 'LOT_CREDIT' AND e."payoutBatchId" IS NOT NULL), 0)::bigint AS "paidOut",
           COALESCE((SELECT SUM(p."amountIdr") FROM "BuyerPayment" p JOIN "BuyerInvoice" i ON i.id = p."invoiceId"
                      WHERE i."lotId" = l.id AND p."sampleLineId" IS NULL), 0)::bigint AS received
      FROM "ExportLot" l
     WHERE l.status <> 'CANCELLED'
     ORDER BY l."createdAt" DESC`;
  const lots = rows.map((r) => {
    const open = (OPEN_LOT as readonly string[]).includes(r.status);
    const now = r.credited - r.received;
    const committedBase = open && r.planned > r.credited ? r.planned : r.credited;
    const committed = committedBase - r.received;
    return { ...r, exposure: now > 0n ? now : 0n, committed: committed > 0n ? committed : 0n };
  });
  const settings = await tx.marketSettings.findUnique({ where: { id: 1 } });
  return {
    lots: lots.filter((l) => l.committed > 0n || l.exposure > 0n),
    total: lots.reduce((s, l) => s + l.exposure, 0n),
    committed: lots.reduce((s, l) => s + l.committed, 0n),
    limit: settings?.exposureLimitIdr ?? 50_000_000_000n,
  };
}

/**
 * Refuses a new lot whose producers' pay would take the house's committed exposure past the
 * staff-set limit. Lots are counted one at a time (a transaction-scoped advisory lock).
 */
export async function exposureRefusal(tx: Tx, plannedIdr: bigint): Promise<string | null> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('anjung:export-exposure'))`;
  const e = await exposure(tx);
  return e.committed + plannedIdr > e.limit ? "lots.refused.exposure" : null;
}

export async function setExposureLimit(staffId: string, limitIdr: bigint) {
  await db.$transaction(async (tx) => {
    const before = await tx.marketSettings.upsert({ where: { id: 1 }, create: {}, update: {} });
    await tx.marketSettings.update({ where: { id: 1 }, data: { exposureLimitIdr: limitIdr, updatedById: staffId } });
    await audit(tx, {
      actorId: staffId,
      action: "settings.exposureLimit",
      entityType: "MarketSettings",
      entityId: "1",
      before: { exposureLimitIdr: before.exposureLimitIdr },
      after: { exposureLimitIdr: limitIdr },
    });
  });
}

/** A lot's profit and loss in rupiah: the buyer's invoice, the producers' credits, the freight and charges quoted. */
export async function lotPnl(lotId: string) {
  const lot = await db.exportLot.findUnique({
    where: { id: lotId },
    include: { invoice: { include: { payments: true } }, quote: { select: { costBuildUp: true } } },
  });
  if (!lot) return null;
  const credited = await db.ledgerEntry.aggregate({ where: { lotId, kind: "LOT_CREDIT" }, _sum: { amount: true } });
  const revenue = lot.invoice?.amountIdr ?? 0n;
  const payments = lot.invoice?.payments ?? [];
  // a sample's credit settles part of the invoice but brings no money for the lot: the buyer paid it on a retail order
  const sampleCredit = payments.filter((p) => p.sampleLineId).reduce((s, p) => s + p.amountIdr, 0n);
  const received = payments.filter((p) => !p.sampleLineId).reduce((s, p) => s + p.amountIdr, 0n);
  const producerCost = credited._sum.amount ?? 0n;
  const charges = lot.quote?.costBuildUp ? chargesOf(lot.quote.costBuildUp as unknown as BuildUpJson) : 0n;
  return {
    revenue,
    sampleCredit,
    received,
    producerCost,
    charges,
    margin: revenue - sampleCredit - producerCost - charges,
  };
}

/** Whether the invoice named in a lot page's form is that lot's. */
export async function invoiceInLot(lotId: string, invoiceId: string) {
  return !!(await db.buyerInvoice.findFirst({ where: { id: invoiceId, lotId }, select: { id: true } }));
}
