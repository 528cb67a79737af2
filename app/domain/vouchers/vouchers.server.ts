/**
 * Vouchers: staff create codes; buyers apply one at checkout.
 *
 * - `priceVoucher` answers, without writing, what a code takes off a cart (per line and
 *   in total) or why it does not apply: the review step, and the order's price when it
 *   is placed.
 * - `redeemVoucher` is the order's claim, inside the checkout transaction: one conditional
 *   UPDATE raises the count only while it is under the total limit and the voucher is live
 *   (so 50 buyers racing for the last uses of a 10-use code get exactly 10), and, holding
 *   that row, counts the buyer's own live uses against the per-buyer limit.
 * - `releaseVoucher` gives a use back when an unpaid order is cancelled (the hold expired,
 *   the buyer or staff cancelled it); a paid order keeps its use even if refunded later.
 */
import { db, type Tx } from "~/lib/db.server";
import { audit, snapshot } from "../audit.server";
import { voucherDiscount, type DiscountLine, type VoucherTerms } from "./discount";
import type { VoucherInput } from "./schemas";

export type VoucherRefusal =
  "unknown" | "inactive" | "not-started" | "expired" | "exhausted" | "buyer-limit" | "not-applicable" | "min-spend";

export class VoucherRefused extends Error {
  constructor(
    readonly reason: VoucherRefusal,
    readonly minSpend: bigint = 0n,
  ) {
    super(`voucher: ${reason}`);
  }
}

/** Who is using a code: the per-buyer limit counts uses by the account and by the e-mail address. */
export type VoucherUser = { userId: string | null; email: string };

export type AppliedVoucher = {
  voucherId: string;
  code: string;
  fundedBy: "PLATFORM" | "PRODUCER";
  total: bigint;
  perLine: Map<string, bigint>;
};

type VoucherRow = NonNullable<Awaited<ReturnType<typeof findVoucher>>>;

async function findVoucher(code: string, tx: Tx = db) {
  return tx.voucher.findUnique({
    where: { code },
    include: { category: { select: { id: true, children: { select: { id: true } } } } },
  });
}

function termsOf(v: VoucherRow): VoucherTerms {
  return {
    kind: v.kind,
    percentBps: v.percentBps,
    maxDiscount: v.maxDiscount,
    amount: v.amount,
    minSpend: v.minSpend,
    currency: v.currency,
    producerId: v.producerId,
    categoryIds: v.category ? [v.category.id, ...v.category.children.map((c) => c.id)] : null,
  };
}

/** Why a voucher cannot be used right now, whoever uses it (null: it can). */
function unusable(v: VoucherRow, now: Date): VoucherRefusal | null {
  if (!v.active) return "inactive";
  if (now < v.startsAt) return "not-started";
  if (now >= v.endsAt) return "expired";
  if (v.totalLimit !== null && v.usedCount >= v.totalLimit) return "exhausted";
  return null;
}

/** The buyer's live uses of a voucher (a cancelled unpaid order gave its use back). */
async function usesBy(tx: Tx, voucherId: string, who: VoucherUser) {
  return tx.voucherRedemption.count({
    where: {
      voucherId,
      releasedAt: null,
      OR: [{ email: who.email.toLowerCase() }, ...(who.userId ? [{ buyerId: who.userId }] : [])],
    },
  });
}

/** What `code` takes off these lines for this buyer, or why it does not (throws VoucherRefused). */
export async function priceVoucher(
  code: string,
  lines: DiscountLine[],
  who: VoucherUser,
  now = new Date(),
): Promise<AppliedVoucher> {
  const v = await findVoucher(code);
  if (!v) throw new VoucherRefused("unknown");
  const cannot = unusable(v, now);
  if (cannot) throw new VoucherRefused(cannot);
  const d = voucherDiscount(termsOf(v), lines);
  if ("refusal" in d) throw new VoucherRefused(d.refusal, v.minSpend);
  if ((await usesBy(db, v.id, who)) >= v.perBuyerLimit) throw new VoucherRefused("buyer-limit");
  return { voucherId: v.id, code: v.code, fundedBy: v.fundedBy, total: d.total, perLine: d.perLine };
}

/**
 * Claims one use of the voucher for an order, in the checkout's transaction. Refused (and the
 * transaction rolled back by the caller) when the last use went to someone else, the window
 * closed, or this buyer has used it up.
 */
export async function redeemVoucher(
  tx: Tx,
  applied: AppliedVoucher,
  order: { id: string; buyerId: string | null; email: string },
) {
  const [row] = await tx.$queryRaw<Array<{ perBuyerLimit: number }>>`
    UPDATE "Voucher" SET "usedCount" = "usedCount" + 1, "updatedAt" = now()
     WHERE id = ${applied.voucherId} AND active AND now() >= "startsAt" AND now() < "endsAt"
       AND ("totalLimit" IS NULL OR "usedCount" < "totalLimit")
     RETURNING "perBuyerLimit"`;
  if (!row) {
    const v = await findVoucher(applied.code, tx);
    throw new VoucherRefused((v && unusable(v, new Date())) || "exhausted");
  }
  // the voucher row is ours until commit: the buyer's other checkouts with this code wait here
  if ((await usesBy(tx, applied.voucherId, { userId: order.buyerId, email: order.email })) >= row.perBuyerLimit)
    throw new VoucherRefused("buyer-limit");
  await tx.voucherRedemption.create({
    data: {
      voucherId: applied.voucherId,
      orderId: order.id,
      buyerId: order.buyerId,
      email: order.email.toLowerCase(),
      amount: applied.total,
    },
  });
}

/** Gives an unpaid order's use back (once: the redemption is marked released). */
export async function releaseVoucher(tx: Tx, orderId: string) {
  const released = await tx.$queryRaw<Array<{ voucherId: string }>>`
    UPDATE "VoucherRedemption" SET "releasedAt" = now()
     WHERE "orderId" = ${orderId} AND "releasedAt" IS NULL
     RETURNING "voucherId"`;
  for (const r of released)
    await tx.$executeRaw`UPDATE "Voucher" SET "usedCount" = "usedCount" - 1 WHERE id = ${r.voucherId}`;
  return released.length > 0;
}

/**
 * A payment arrived for an order cancelled unpaid: it takes its use back, if one is left.
 * False when the voucher was used up meanwhile (the payment is then refunded, as when the
 * stock is gone); true when the order had no voucher or got its use back.
 */
export async function reclaimVoucher(tx: Tx, orderId: string) {
  const r = await tx.voucherRedemption.findUnique({
    where: { orderId },
    select: { voucherId: true, releasedAt: true },
  });
  if (!r || !r.releasedAt) return true;
  const taken = await tx.$executeRaw`
    UPDATE "Voucher" SET "usedCount" = "usedCount" + 1, "updatedAt" = now()
     WHERE id = ${r.voucherId} AND ("totalLimit" IS NULL OR "usedCount" < "totalLimit")`;
  if (taken === 0) return false;
  await tx.voucherRedemption.update({ where: { orderId }, data: { releasedAt: null } });
  return true;
}

/* ---------- staff ---------- */

export type VoucherSaveRefusal = "code-taken" | "unknown-producer" | "unknown-category";
export class VoucherSaveRefused extends Error {
  constructor(readonly reason: VoucherSaveRefusal) {
    super(`voucher: ${reason}`);
  }
}

/** Every voucher, newest first, with its live uses and the discount given on paid orders. */
export async function voucherList() {
  const [vouchers, given] = await Promise.all([
    db.voucher.findMany({
      orderBy: { createdAt: "desc" },
      take: 200,
      include: {
        producer: { select: { legalName: true } },
        category: { select: { nameId: true, nameEn: true } },
      },
    }),
    db.$queryRaw<Array<{ voucherId: string; orders: number; amount: bigint }>>`
      SELECT r."voucherId", count(*)::int AS orders, COALESCE(sum(r.amount), 0)::bigint AS amount
        FROM "VoucherRedemption" r JOIN "Order" o ON o.id = r."orderId"
       WHERE o."paidAt" IS NOT NULL
       GROUP BY r."voucherId"`,
  ]);
  const byVoucher = new Map(given.map((g) => [g.voucherId, g]));
  return vouchers.map((v) => ({
    ...v,
    paidOrders: byVoucher.get(v.id)?.orders ?? 0,
    discountGiven: byVoucher.get(v.id)?.amount ?? 0n,
  }));
}

export async function voucherById(id: string) {
  return db.voucher.findUnique({ where: { id } });
}

/** What a voucher may be limited to: verified producers and the categories (children under their parent). */
export async function voucherScopes(locale: "id" | "en") {
  const [producers, categories] = await Promise.all([
    db.producer.findMany({
      where: { status: "VERIFIED" },
      orderBy: { legalName: "asc" },
      select: { id: true, legalName: true },
    }),
    db.category.findMany({
      orderBy: [{ position: "asc" }],
      select: { id: true, nameId: true, nameEn: true, parent: { select: { nameId: true, nameEn: true } } },
    }),
  ]);
  const name = (c: { nameId: string; nameEn: string }) => (locale === "en" ? c.nameEn : c.nameId);
  return {
    producers: producers.map((p) => ({ value: p.id, label: p.legalName })),
    categories: categories.map((c) => ({ value: c.id, label: c.parent ? `${name(c.parent)} › ${name(c)}` : name(c) })),
  };
}

/** Creates or updates a voucher (audited). A voucher already used keeps its code and terms' history in the log. */
export async function saveVoucher(staffId: string, input: VoucherInput, id: string | null) {
  if (input.producerId && !(await db.producer.findUnique({ where: { id: input.producerId }, select: { id: true } })))
    throw new VoucherSaveRefused("unknown-producer");
  if (input.categoryId && !(await db.category.findUnique({ where: { id: input.categoryId }, select: { id: true } })))
    throw new VoucherSaveRefused("unknown-category");
  return db.$transaction(async (tx) => {
    const clash = await tx.voucher.findUnique({ where: { code: input.code }, select: { id: true } });
    if (clash && clash.id !== id) throw new VoucherSaveRefused("code-taken");
    const before = id ? await tx.voucher.findUnique({ where: { id } }) : null;
    const saved = before
      ? await tx.voucher.update({ where: { id: before.id }, data: input })
      : await tx.voucher.create({ data: { ...input, createdById: staffId } });
    await audit(tx, {
      actorId: staffId,
      action: before ? "voucher.updated" : "voucher.created",
      entityType: "Voucher",
      entityId: saved.id,
      before: before ? snapshot(before) : undefined,
      after: snapshot(saved),
    });
    return saved;
  });
}

/** The lines of a cart a voucher looks at (for callers that hold cart lines). */
export function discountLines(
  lines: Array<{ variantId: string; producerId: string; categoryId: string; lineTotal: bigint }>,
): DiscountLine[] {
  return lines.map((l) => ({
    key: l.variantId,
    producerId: l.producerId,
    categoryId: l.categoryId,
    lineTotal: l.lineTotal,
  }));
}
