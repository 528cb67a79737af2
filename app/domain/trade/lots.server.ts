/**
 * Export lots, from the accepted quote to delivery:
 *
 *   propose  — the allocator's plan becomes PROPOSED allocations; staff may adjust them;
 *   send     — PROPOSED → OFFERED with an answer-by date; the lot goes SOURCING;
 *   answer   — a producer accepts (its stock is taken then, so retail cannot sell the same
 *              units) or declines with a reason, and the shortfall is proposed again;
 *   receive  — staff record what arrived at the warehouse;
 *   QC       — pass/fail per allocation with notes and photos; passed units credit the
 *              producer's ledger at the lot's producer price (a koperasi's: its members'
 *              ledgers, groups.server.ts), failed units are proposed again;
 *   status   — every move checked by lot-status.ts and audited.
 */
import crypto from "node:crypto";
import { db, type Tx } from "~/lib/db.server";
import { producerAddress, producerLocale, sendMail } from "~/lib/mail.server";
import { localePath } from "~/lib/i18n";
import { formatDate } from "~/lib/format";
import { serverT } from "~/lib/i18n.server";
import { appUrl } from "~/lib/env.server";
import { formatMoney } from "~/domain/money";
import { audit } from "../audit.server";
import { returnStock, takeStock } from "../orders/index.server";
import { allocate, type AllocationPlan } from "./allocator.server";
import { shelfLifeRefusal } from "./batches";
import { minShelfLifeDays } from "./batches.server";
import { openChecklistCount } from "./checklist.server";
import { eligibleOffers, lotIsFood } from "./eligibility.server";
import { creditMembers, splitAmongMembers } from "./groups.server";
import { transitionRefusal, type LotFacts, type LotStatus } from "./lot-status";
import { exposureRefusal, shipmentRefusal } from "./receivables.server";
import { LotRefused } from "./refused";
import type { QuoteIncoterm } from "./landed-cost";

export { LotRefused };

export function lotCode(now = new Date()) {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  return `LOT-${now.toISOString().slice(2, 7).replace("-", "")}-${Array.from(crypto.randomBytes(5), (b) => alphabet[b % alphabet.length]).join("")}`;
}

const OPEN_ALLOCATION = ["PROPOSED", "OFFERED", "ACCEPTED", "RECEIVED", "QC_PASSED"];

type LotWithAllocations = {
  targetQuantity: number;
  allocations: Array<{
    status: string;
    quantity: number;
    receivedQuantity: number | null;
    passedQuantity: number | null;
  }>;
};

function factsOf(lot: LotWithAllocations): LotFacts {
  const al = lot.allocations;
  const sum = (f: (a: (typeof al)[number]) => number) => al.reduce((s, a) => s + f(a), 0);
  return {
    target: lot.targetQuantity,
    committed: sum((a) => (OPEN_ALLOCATION.includes(a.status) ? a.quantity : 0)),
    accepted: sum((a) =>
      ["ACCEPTED", "RECEIVED", "QC_PASSED"].includes(a.status)
        ? (a.passedQuantity ?? a.receivedQuantity ?? a.quantity)
        : 0,
    ),
    offered: sum((a) => (a.status === "OFFERED" ? a.quantity : 0)),
    awaitingReceipt: al.filter((a) => a.status === "ACCEPTED").length,
    received: sum((a) => (["RECEIVED", "QC_PASSED", "QC_FAILED"].includes(a.status) ? (a.receivedQuantity ?? 0) : 0)),
    awaitingQc: al.filter((a) => a.status === "RECEIVED").length,
    passed: sum((a) => (a.status === "QC_PASSED" ? (a.passedQuantity ?? 0) : 0)),
  };
}

/** Units still to find: the target less what is proposed, offered, accepted, received or passed. */
function shortfallOf(lot: LotWithAllocations) {
  const held = lot.allocations.reduce((s, a) => {
    if (a.status === "QC_PASSED") return s + (a.passedQuantity ?? 0);
    if (a.status === "RECEIVED") return s + (a.receivedQuantity ?? 0);
    return OPEN_ALLOCATION.includes(a.status) ? s + a.quantity : s;
  }, 0);
  return Math.max(0, lot.targetQuantity - held);
}

const withAllocations = (tx: Tx, lotId: string) =>
  tx.exportLot.findUniqueOrThrow({ where: { id: lotId }, include: { allocations: true } });

export async function lotFacts(lotId: string, tx: Tx = db): Promise<LotFacts> {
  return factsOf(await withAllocations(tx, lotId));
}

export async function shortfall(lotId: string, tx: Tx = db) {
  return shortfallOf(await withAllocations(tx, lotId));
}

/** Both, from one read (the staff lot page). */
export async function lotProgress(lotId: string) {
  const lot = await withAllocations(db, lotId);
  return { facts: factsOf(lot), missing: shortfallOf(lot) };
}

const explanation = (r: { key: string; params: Record<string, string | number> }) => JSON.stringify(r);

/** Locks the lot's row for the rest of the transaction: its allocations and status change one writer at a time. */
async function lockLot(tx: Tx, lotId: string) {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`SELECT "id" FROM "ExportLot" WHERE "id" = ${lotId} FOR UPDATE`;
  if (rows.length === 0) throw new LotRefused("lots.refused.notFound");
}

/**
 * Runs the allocator for what the lot still needs and stores the plan as PROPOSED
 * allocations, all in one transaction under the lot's lock: two proposals at once (a
 * decline and the deadline sweep, say) never add up to more than the shortfall.
 */
export async function proposeAllocation(lotId: string, actorId: string | null): Promise<AllocationPlan> {
  return db.$transaction(async (tx) => {
    await lockLot(tx, lotId);
    const lot = await tx.exportLot.findUniqueOrThrow({ where: { id: lotId } });
    if (["SHIPPED", "DELIVERED", "CANCELLED", "READY"].includes(lot.status))
      throw new LotRefused("lots.refused.closed");
    // a new proposal replaces the unsent one
    await tx.lotAllocation.deleteMany({ where: { lotId, status: "PROPOSED" } });
    const need = await shortfall(lotId, tx);
    const plan = allocate(need, await eligibleOffers(lotId, tx), new Date());
    for (const a of plan.allocations) {
      if (a.quantity <= 0) continue;
      await tx.lotAllocation.create({
        data: {
          lotId,
          producerId: a.producerId,
          variantId: a.variantId,
          quantity: a.quantity,
          producerPriceAmount: lot.producerPriceAmount,
          status: "PROPOSED",
          explanation: explanation(a.reason),
        },
      });
    }
    await audit(tx, {
      actorId,
      action: "lot.allocation-proposed",
      entityType: "ExportLot",
      entityId: lotId,
      after: {
        need,
        total: plan.total,
        shortfall: plan.shortfall,
        producers: plan.allocations.length,
        pickupPoints: plan.pickupPoints,
      },
    });
    return plan;
  }, LOT_TX);
}

/** Proposals read many offers; give them room. */
const LOT_TX = { maxWait: 10_000, timeout: 30_000 };

/** Staff change a proposed quantity (0 removes it) before the offers go out. */
export async function adjustAllocation(staffId: string, allocationId: string, quantity: number) {
  await db.$transaction(async (tx) => {
    const found = await tx.lotAllocation.findUnique({ where: { id: allocationId }, select: { lotId: true } });
    if (!found) throw new LotRefused("lots.refused.notProposed");
    await lockLot(tx, found.lotId);
    const a = await tx.lotAllocation.findUnique({ where: { id: allocationId }, include: { variant: true } });
    if (!a || a.status !== "PROPOSED") throw new LotRefused("lots.refused.notProposed");
    if (quantity === 0) await tx.lotAllocation.delete({ where: { id: allocationId } });
    else {
      if (a.variant && quantity > a.variant.stock) throw new LotRefused("lots.refused.overCapacity");
      await tx.lotAllocation.update({
        where: { id: allocationId },
        data: {
          quantity,
          explanation: JSON.stringify({ key: "allocator.reason.staff", params: { quantity, was: a.quantity } }),
        },
      });
    }
    await audit(tx, {
      actorId: staffId,
      action: "lot.allocation-adjusted",
      entityType: "LotAllocation",
      entityId: allocationId,
      before: { quantity: a.quantity },
      after: { quantity },
    });
  });
}

/** Proposed allocations become offers the producers answer by the deadline. */
/**
 * Proposed allocations become offers the producers answer by the deadline. Offers are only
 * sent while the lot is sourcing, or by moving it to SOURCING through the state machine
 * (`lot-status.ts`) like every other move, under the lot's lock.
 */
export async function sendOffers(staffId: string, lotId: string, respondBy: Date) {
  await db.$transaction(async (tx) => {
    await lockLot(tx, lotId);
    const lot = await tx.exportLot.findUniqueOrThrow({
      where: { id: lotId },
      include: { product: true, category: true },
    });
    const proposed = await tx.lotAllocation.findMany({
      where: { lotId, status: "PROPOSED" },
      include: { producer: true, variant: { include: { product: true } } },
    });
    if (proposed.length === 0) throw new LotRefused("lots.refused.nothingToSend");
    if (lot.status !== "SOURCING") {
      const refusal = transitionRefusal(lot.status as LotStatus, "SOURCING", await lotFacts(lotId, tx));
      if (refusal) throw new LotRefused(refusal);
    }
    const sent = await tx.lotAllocation.updateMany({
      where: { lotId, status: "PROPOSED" },
      data: { status: "OFFERED", respondBy },
    });
    if (sent.count !== proposed.length) throw new LotRefused("lots.refused.nothingToSend");
    await tx.exportLot.update({ where: { id: lotId }, data: { offerDeadline: respondBy } });
    if (lot.status !== "SOURCING") {
      await tx.exportLot.update({ where: { id: lotId }, data: { status: "SOURCING" } });
      await audit(tx, {
        actorId: staffId,
        action: "lot.status",
        entityType: "ExportLot",
        entityId: lotId,
        before: { status: lot.status },
        after: { status: "SOURCING" },
      });
    }
    for (const a of proposed) {
      // in the producer's language, with the deadline it must answer by
      const to = await producerAddress(tx, a.producerId);
      if (!to) continue;
      const locale = await producerLocale(tx, a.producerId);
      const t = serverT(locale);
      const name =
        locale === "en"
          ? (a.variant?.product.nameEn ?? lot.product?.nameEn ?? lot.category?.nameEn)
          : (a.variant?.product.nameId ?? lot.product?.nameId ?? lot.category?.nameId);
      const vars = {
        code: lot.code,
        quantity: String(a.quantity),
        product: name ?? "",
        price: formatMoney(a.producerPriceAmount, "IDR", locale),
        link: `${appUrl()}${localePath("/sell/lots", locale)}`,
        deadline: formatDate(respondBy, locale),
      };
      await sendMail(
        {
          to,
          kind: "lot.offer",
          locale,
          subject: t("mail.lotOffer.subject", vars),
          text: t("mail.lotOffer.body", vars),
        },
        tx,
      );
    }
    await audit(tx, {
      actorId: staffId,
      action: "lot.offers-sent",
      entityType: "ExportLot",
      entityId: lotId,
      after: { offers: proposed.length, respondBy: respondBy.toISOString() },
    });
  });
}

/** A producer answers an offer. Accepting takes the units from its stock; declining proposes the shortfall again. */
export async function answerOffer(
  producerId: string,
  userId: string,
  allocationId: string,
  answer: "accept" | "decline",
  reason?: string,
) {
  const lotId = await db.$transaction(async (tx) => {
    const a = await tx.lotAllocation.findFirst({
      where: { id: allocationId, producerId },
      include: { producer: { select: { kind: true } } },
    });
    if (!a || a.status !== "OFFERED") throw new LotRefused("lotOffers.refused.notOpen");
    const now = new Date();
    if (a.respondBy && a.respondBy < now) throw new LotRefused("lotOffers.refused.late");
    // the answer is a conditional move out of OFFERED: of several answers at once, one wins
    const moved = await tx.lotAllocation.updateMany({
      where: { id: a.id, producerId, status: "OFFERED", OR: [{ respondBy: null }, { respondBy: { gte: now } }] },
      data:
        answer === "accept"
          ? { status: "ACCEPTED", respondedAt: now }
          : { status: "DECLINED", respondedAt: now, declineReason: reason ?? null },
    });
    if (moved.count === 0) throw new LotRefused("lotOffers.refused.notOpen");
    if (answer === "accept" && a.variantId && a.producer.kind !== "INDIVIDUAL") {
      // a koperasi or kelompok supplies from its members: their shares are split fairly now
      await splitAmongMembers(tx, { ...a, variantId: a.variantId }, now);
      await tx.lotAllocation.update({ where: { id: a.id }, data: { fromStock: 0 } });
    } else if (answer === "accept" && a.variantId) {
      // what the stock holds is taken now (retail cannot sell it twice); the rest the producer
      // makes, which only a declared capacity allows
      const [v] = await tx.$queryRaw<Array<{ stock: number; capacity: boolean }>>`
        SELECT v."stock", EXISTS (SELECT 1 FROM "ProductCapacity" c WHERE c."productId" = v."productId") AS "capacity"
        FROM "Variant" v WHERE v."id" = ${a.variantId} FOR UPDATE`;
      const fromStock = Math.min(Math.max(0, v?.stock ?? 0), a.quantity);
      if (!v || (fromStock < a.quantity && !v.capacity)) throw new LotRefused("lotOffers.refused.noStock");
      if (fromStock > 0 && !(await takeStock(tx, a.variantId, fromStock)))
        throw new LotRefused("lotOffers.refused.noStock");
      await tx.lotAllocation.update({ where: { id: a.id }, data: { fromStock } });
    }
    await audit(tx, {
      actorId: userId,
      action: `lot.offer-${answer}ed`,
      entityType: "LotAllocation",
      entityId: a.id,
      after: { quantity: a.quantity, reason: reason ?? null },
    });
    return a.lotId;
  });
  if (answer === "decline") await proposeAllocation(lotId, null);
}

export type Batch = { code: string; expiresOn: Date };

/**
 * Goods arrived at the warehouse. Food must come with its batch code and expiry, and keep
 * at least the destination's minimum shelf life (batches.server.ts); other goods may carry
 * a batch code too.
 */
export async function recordReceipt(
  staffId: string,
  allocationId: string,
  received: number,
  batch: Batch | null = null,
) {
  await db.$transaction(async (tx) => {
    const a = await tx.lotAllocation.findUnique({
      where: { id: allocationId },
      include: { lot: { select: { destinationCountry: true } } },
    });
    if (!a || a.status !== "ACCEPTED") throw new LotRefused("lots.refused.notAccepted");
    if (received < 0 || received > a.quantity) throw new LotRefused("lots.refused.receivedRange");
    if (received > 0 && (await lotIsFood(a.lotId, tx))) {
      if (!batch) throw new LotRefused("batches.refused.missing");
      const refusal = shelfLifeRefusal(batch.expiresOn, await minShelfLifeDays(a.lot.destinationCountry, tx));
      if (refusal) throw new LotRefused(refusal.key, refusal.params);
    }
    const moved = await tx.lotAllocation.updateMany({
      where: { id: a.id, status: "ACCEPTED" },
      data: {
        status: "RECEIVED",
        receivedQuantity: received,
        receivedAt: new Date(),
        batchCode: batch?.code ?? null,
        expiresOn: batch?.expiresOn ?? null,
      },
    });
    if (moved.count === 0) throw new LotRefused("lots.refused.notAccepted");
    // units promised but not delivered go back to the producer's stock count, as far as they came from it
    const unused = Math.min(a.fromStock ?? a.quantity, a.quantity - received);
    if (a.variantId && unused > 0) await returnStock(tx, a.variantId, unused);
    await audit(tx, {
      actorId: staffId,
      action: "lot.received",
      entityType: "LotAllocation",
      entityId: a.id,
      after: {
        received,
        promised: a.quantity,
        ...(batch ? { batchCode: batch.code, expiresOn: batch.expiresOn.toISOString().slice(0, 10) } : {}),
      },
    });
  });
}

/** QC result: passed units credit the producer (once: the ledger key is the allocation); the rest is sourced again. */
export async function recordQc(
  staffId: string,
  allocationId: string,
  passed: number,
  notes: string,
  photoKeys: string[],
) {
  const lotId = await db.$transaction(async (tx) => {
    const a = await tx.lotAllocation.findUnique({ where: { id: allocationId }, include: { lot: true } });
    if (!a || a.status !== "RECEIVED") throw new LotRefused("lots.refused.notReceived");
    const received = a.receivedQuantity ?? 0;
    if (passed < 0 || passed > received) throw new LotRefused("lots.refused.passedRange");
    const status = passed > 0 ? "QC_PASSED" : "QC_FAILED";
    const moved = await tx.lotAllocation.updateMany({
      where: { id: a.id, status: "RECEIVED" },
      data: { status, passedQuantity: passed, qcNotes: notes, qcPhotoKeys: photoKeys, qcAt: new Date() },
    });
    if (moved.count === 0) throw new LotRefused("lots.refused.notReceived");
    if (passed > 0 && !(await creditMembers(tx, a, a.lot.code, passed))) {
      await tx.ledgerEntry.create({
        data: {
          producerId: a.producerId,
          kind: "LOT_CREDIT",
          amount: BigInt(passed) * a.producerPriceAmount,
          currency: a.currency,
          sourceKey: `lot:${a.id}`,
          lotId: a.lotId,
          memo: `${a.lot.code}: ${passed} × ${a.producerPriceAmount}`,
        },
      });
    }
    await audit(tx, {
      actorId: staffId,
      action: "lot.qc",
      entityType: "LotAllocation",
      entityId: a.id,
      after: { received, passed, notes, photos: photoKeys.length },
    });
    return passed < a.quantity ? a.lotId : null;
  });
  if (lotId && (await shortfall(lotId)) > 0) await proposeAllocation(lotId, null);
}

/**
 * Moves a lot (lot-status.ts says which moves are allowed). A lot does not ship while the
 * buyer has not paid what its terms require before shipment, unless staff give a reason
 * for shipping anyway (kept on the lot and in the audit log).
 */
export async function changeLotStatus(staffId: string, lotId: string, to: LotStatus, overrideReason?: string | null) {
  await db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "ExportLot" WHERE id = ${lotId} FOR UPDATE`;
    const lot = await tx.exportLot.findUniqueOrThrow({ where: { id: lotId } });
    const refusal = transitionRefusal(lot.status as LotStatus, to, await lotFacts(lotId, tx));
    if (refusal) throw new LotRefused(refusal);
    if (to === "READY") {
      const open = await openChecklistCount(tx, lotId);
      if (open > 0) throw new LotRefused("checklist.refused.open", { count: open });
    }
    const unpaid = to === "SHIPPED" ? await shipmentRefusal(tx, lotId) : null;
    if (unpaid && !overrideReason) throw new LotRefused(unpaid);
    await tx.exportLot.update({
      where: { id: lotId },
      data: {
        status: to,
        ...(unpaid ? { shipOverrideReason: overrideReason } : {}),
        ...(to === "SHIPPED" ? { shippedAt: new Date() } : {}),
        ...(to === "DELIVERED" ? { deliveredAt: new Date() } : {}),
      },
    });
    if (to === "CANCELLED") {
      // accepted goods not yet received go back to the producers' stock; open offers end
      for (const a of await tx.lotAllocation.findMany({ where: { lotId, status: "ACCEPTED" } }))
        if (a.variantId && (a.fromStock ?? a.quantity) > 0)
          await returnStock(tx, a.variantId, a.fromStock ?? a.quantity);
      await tx.lotAllocation.updateMany({
        where: { lotId, status: { in: ["PROPOSED", "OFFERED", "ACCEPTED"] } },
        data: { status: "DECLINED", declineReason: "lot cancelled" },
      });
    }
    await audit(tx, {
      actorId: staffId,
      action: "lot.status",
      entityType: "ExportLot",
      entityId: lotId,
      before: { status: lot.status },
      after: { status: to, ...(unpaid ? { shippedUnpaid: overrideReason } : {}) },
    });
  });
}

export type LotInput = {
  productId: string | null;
  categoryId: string | null;
  grade: string | null;
  packaging: string | null;
  targetQuantity: number;
  unit: string;
  destinationCountry: string;
  destinationPort: string | null;
  incoterm: QuoteIncoterm;
  unitPriceAmount: bigint;
  currency: string;
  producerPriceAmount: bigint;
  unitsPerPackage: number;
  companyId: string | null;
  quoteId?: string | null;
  wantedBy?: Date | null;
  notes?: string | null;
};

/**
 * Opens a lot in DRAFT, within the house's exposure limit: what its producers will be paid
 * counts against the limit until the buyer pays (receivables.server.ts).
 */
export async function createLot(
  actorId: string,
  input: LotInput,
  tx?: Tx,
): Promise<Awaited<ReturnType<typeof openLot>>> {
  if (!tx) return db.$transaction((t) => openLot(actorId, input, t));
  return openLot(actorId, input, tx);
}

async function openLot(actorId: string, input: LotInput, tx: Tx) {
  const refusal = await exposureRefusal(tx, BigInt(input.targetQuantity) * input.producerPriceAmount);
  if (refusal) throw new LotRefused(refusal);
  const lot = await tx.exportLot.create({ data: { ...input, code: lotCode(), createdById: actorId, status: "DRAFT" } });
  await audit(tx, {
    actorId,
    action: "lot.created",
    entityType: "ExportLot",
    entityId: lot.id,
    after: { code: lot.code, target: lot.targetQuantity, quoteId: input.quoteId ?? null },
  });
  return lot;
}

export async function lotsList() {
  return db.exportLot.findMany({
    orderBy: { createdAt: "desc" },
    take: 100,
    include: {
      company: { select: { name: true } },
      product: { select: { nameId: true, nameEn: true } },
      category: { select: { nameId: true, nameEn: true } },
    },
  });
}

export async function lotDetail(lotId: string) {
  return db.exportLot.findUnique({
    where: { id: lotId },
    include: {
      company: true,
      product: { select: { id: true, nameId: true, nameEn: true, hsCode: true } },
      category: { select: { id: true, nameId: true, nameEn: true } },
      allocations: {
        orderBy: [{ createdAt: "asc" }],
        include: {
          producer: { select: { legalName: true, regencyCode: true, scale: true } },
          variant: { select: { sku: true, stock: true, product: { select: { nameId: true, nameEn: true } } } },
          shares: {
            orderBy: { quantity: "desc" },
            select: { quantity: true, reasonKey: true, reasonParams: true, member: { select: { legalName: true } } },
          },
        },
      },
    },
  });
}

/** A producer's offers and allocations, newest first. */
export async function producerLotOffers(producerId: string) {
  return db.lotAllocation.findMany({
    where: { producerId, status: { not: "PROPOSED" } },
    orderBy: { createdAt: "desc" },
    take: 100,
    include: {
      lot: {
        select: { code: true, destinationCountry: true, incoterm: true, grade: true, packaging: true, wantedBy: true },
      },
      variant: {
        select: { sku: true, nameId: true, nameEn: true, product: { select: { nameId: true, nameEn: true } } },
      },
      // a koperasi's offers: how each was split among its members
      shares: { orderBy: { quantity: "desc" }, select: { quantity: true, member: { select: { legalName: true } } } },
    },
  });
}

/** The worker's sweep: offers nobody answered by their deadline count as declined, and the shortfall is proposed again. */
export async function expireLotOffers(now = new Date()) {
  const late = await db.lotAllocation.findMany({
    where: { status: "OFFERED", respondBy: { lt: now } },
    select: { id: true, lotId: true },
  });
  const lots = new Set<string>();
  for (const a of late) {
    const r = await db.lotAllocation.updateMany({
      where: { id: a.id, status: "OFFERED" },
      data: { status: "DECLINED", declineReason: "no answer by the deadline", respondedAt: now },
    });
    if (r.count) {
      lots.add(a.lotId);
      await audit(db, { actorId: null, action: "lot.offer-expired", entityType: "LotAllocation", entityId: a.id });
    }
  }
  for (const lotId of lots) {
    try {
      await proposeAllocation(lotId, null);
    } catch (err) {
      if (!(err instanceof LotRefused)) throw err; // a closed lot needs nothing more
    }
  }
  return late.length;
}

/** Whether an allocation belongs to this lot (a form naming another lot's allocation is refused). */
export async function allocationInLot(lotId: string, allocationId: string) {
  return !!(await db.lotAllocation.findFirst({ where: { id: allocationId, lotId }, select: { id: true } }));
}

/** Staff set the lot's grade and packaging; audited with before and after. */
export async function updateLotSpec(
  staffId: string,
  lotId: string,
  spec: { grade: string | null; packaging: string | null; unitsPerPackage: number },
) {
  await db.$transaction(async (tx) => {
    const before = await tx.exportLot.findUniqueOrThrow({
      where: { id: lotId },
      select: { grade: true, packaging: true, unitsPerPackage: true },
    });
    await tx.exportLot.update({ where: { id: lotId }, data: spec });
    await audit(tx, {
      actorId: staffId,
      action: "lot.spec",
      entityType: "ExportLot",
      entityId: lotId,
      before,
      after: spec,
    });
  });
}
