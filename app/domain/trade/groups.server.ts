/**
 * Export supply through a koperasi or kelompok usaha (producers/groups.server.ts onboards
 * its members):
 *
 *   supply  — the group records, per product, how many units each member has ready;
 *   offer   — the allocator offers the group what its members hold together (eligibility);
 *   accept  — when the group accepts, its quantity is split among the members by the same
 *             fairness rules as the allocator (allocator.server.ts: pickup points, weighted
 *             water-filling preferring mikro and quiet members, exact fill), under a lock on
 *             the members' supply rows, which are reduced by each share;
 *   credit  — units that pass QC are shared in proportion (groups.ts) and each member's part
 *             is booked to its own ledger, not the group's.
 */
import { db, type Tx } from "~/lib/db.server";
import { audit } from "../audit.server";
import { allocate, type Offer } from "./allocator.server";
import { scaleShares } from "./groups";
import { LotRefused } from "./refused";

/** A group sets what a member holds of one of the group's products (its own members and products only). */
export async function setMemberSupply(
  groupId: string,
  actorId: string,
  productId: string,
  memberId: string,
  units: number,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const [product, member] = await Promise.all([
      tx.product.findFirst({ where: { id: productId, producerId: groupId }, select: { id: true } }),
      tx.producer.findFirst({ where: { id: memberId, groupId }, select: { id: true } }),
    ]);
    if (!product || !member) return false;
    await tx.memberSupply.upsert({
      where: { productId_memberId: { productId, memberId } },
      create: { productId, memberId, units },
      update: { units },
    });
    await audit(tx, {
      actorId,
      action: "group.supply",
      entityType: "Product",
      entityId: productId,
      after: { memberId, units },
    });
    return true;
  });
}

/** The group's products and, per member, what each holds of them. */
export async function groupSupply(groupId: string) {
  const [products, members] = await Promise.all([
    db.product.findMany({
      where: { producerId: groupId, status: { not: "ARCHIVED" } },
      orderBy: { nameId: "asc" },
      select: { id: true, nameId: true, nameEn: true },
    }),
    db.producer.findMany({
      where: { groupId },
      orderBy: { legalName: "asc" },
      select: {
        id: true,
        legalName: true,
        status: true,
        regencyCode: true,
        scale: true,
        supplies: { select: { productId: true, units: true } },
      },
    }),
  ]);
  return { products, members };
}

type Supply = {
  productId: string;
  memberId: string;
  units: number;
  legalName: string;
  regencyCode: string;
  scale: Offer["scale"];
  lastTradeAt: Date | null;
};

/**
 * The group accepted `a`: its quantity is split among the members who hold the product, by
 * the allocator's rules. Runs in the acceptance's transaction; the supply rows stay locked
 * until it commits, so two acceptances at once cannot promise the same units twice.
 */
export async function splitAmongMembers(
  tx: Tx,
  a: { id: string; producerId: string; variantId: string; quantity: number },
  now: Date,
) {
  const supply = await tx.$queryRaw<Supply[]>`
    SELECT s."productId", s."memberId", s."units", m."legalName", m."regencyCode", m."scale"::text AS "scale",
           (SELECT max(l."createdAt") FROM "LedgerEntry" l WHERE l."producerId" = m."id" AND l."kind" = 'LOT_CREDIT') AS "lastTradeAt"
      FROM "MemberSupply" s
      JOIN "Producer" m ON m."id" = s."memberId"
      JOIN "Variant" v ON v."productId" = s."productId"
     WHERE v."id" = ${a.variantId} AND m."groupId" = ${a.producerId} AND m."status" <> 'SUSPENDED' AND s."units" > 0
     ORDER BY s."memberId"
       FOR UPDATE OF s`;
  const offers: Offer[] = supply.map((s) => ({
    producerId: s.memberId,
    variantId: a.variantId,
    producerName: s.legalName,
    regencyCode: s.regencyCode,
    scale: s.scale,
    capacity: s.units,
    minBatch: 1,
    lastTradeAt: s.lastTradeAt,
  }));
  const plan = allocate(a.quantity, offers, now);
  if (plan.shortfall > 0)
    throw new LotRefused("groups.refused.memberSupply", {
      quantity: a.quantity,
      supply: supply.reduce((s, x) => s + x.units, 0),
    });
  const shares = plan.allocations.filter((x) => x.quantity > 0);
  for (const s of shares) {
    // the rows are locked; the condition still refuses to take more than a member holds
    const taken = await tx.$executeRaw`
      UPDATE "MemberSupply" SET "units" = "units" - ${s.quantity}, "updatedAt" = now()
       WHERE "memberId" = ${s.producerId} AND "units" >= ${s.quantity} AND "productId" = ${supply[0].productId}`;
    if (taken !== 1) throw new LotRefused("groups.refused.memberSupply", { quantity: a.quantity, supply: 0 });
  }
  await tx.allocationShare.createMany({
    data: shares.map((s) => ({
      allocationId: a.id,
      memberId: s.producerId,
      quantity: s.quantity,
      reasonKey: s.reason.key,
      reasonParams: s.reason.params,
    })),
  });
  return shares;
}

/**
 * Passed units of a group's allocation credit its members' own ledgers, in proportion to
 * their shares (one entry per member: "lot:<allocation>:<member>"). Returns false when the
 * allocation was not split (an individual producer's, credited as before).
 */
export async function creditMembers(
  tx: Tx,
  a: { id: string; lotId: string; producerPriceAmount: bigint; currency: string },
  lotCode: string,
  passed: number,
): Promise<boolean> {
  const shares = await tx.allocationShare.findMany({
    where: { allocationId: a.id },
    orderBy: { memberId: "asc" },
    select: { memberId: true, quantity: true },
  });
  if (shares.length === 0) return false;
  for (const part of scaleShares(shares, passed)) {
    if (part.quantity === 0) continue;
    await tx.ledgerEntry.create({
      data: {
        producerId: part.memberId,
        kind: "LOT_CREDIT",
        amount: BigInt(part.quantity) * a.producerPriceAmount,
        currency: a.currency,
        sourceKey: `lot:${a.id}:${part.memberId}`,
        lotId: a.lotId,
        memo: `${lotCode}: ${part.quantity} × ${a.producerPriceAmount}`,
      },
    });
  }
  return true;
}

/** The members' shares of allocations (for the lot page, the group's offers and provenance). */
export async function sharesOf(allocationIds: string[]) {
  if (allocationIds.length === 0) return [];
  return db.allocationShare.findMany({
    where: { allocationId: { in: allocationIds } },
    orderBy: [{ allocationId: "asc" }, { quantity: "desc" }],
    select: {
      allocationId: true,
      quantity: true,
      reasonKey: true,
      reasonParams: true,
      member: { select: { id: true, legalName: true, regencyCode: true, provenanceConsent: true } },
    },
  });
}
