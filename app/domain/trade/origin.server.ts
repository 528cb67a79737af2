/**
 * Where a product's Form D origin comes from: the cost structure its producer declares per
 * unit (audited), and the criterion computed from it (`./origin.ts`) for the lot's
 * certificate-of-origin data sheet and its CSV for the issuing office.
 */
import { db } from "~/lib/db.server";
import { audit, snapshot } from "../audit.server";
import { originCriterion, type CostStructure, type OriginResult } from "./origin";

export async function costStructureOf(productId: string): Promise<CostStructure | null> {
  return db.productCostStructure.findUnique({ where: { productId } });
}

/**
 * Saves the cost structure of one of the producer's own products; null when the product is
 * not the producer's. Returns the origin it gives (which may be a refusal: below 40 % RVC).
 */
export async function saveCostStructure(
  producerId: string,
  productId: string,
  actorId: string,
  input: CostStructure,
): Promise<OriginResult | null> {
  return db.$transaction(async (tx) => {
    const product = await tx.product.findFirst({ where: { id: productId, producerId }, select: { id: true } });
    if (!product) return null;
    const before = await tx.productCostStructure.findUnique({ where: { productId } });
    const data = { ...input, updatedById: actorId };
    await tx.productCostStructure.upsert({ where: { productId }, update: data, create: { productId, ...data } });
    const origin = originCriterion(input);
    await audit(tx, {
      actorId,
      action: "product.costStructure",
      entityType: "Product",
      entityId: productId,
      before: before ? snapshot(before) : undefined,
      after: snapshot({ ...input, criterion: origin.ok ? origin.criterion : origin.reason }),
    });
    return origin;
  });
}

/** The origin of each product named (null: no cost structure declared yet). */
export async function originByProduct(productIds: string[]): Promise<Map<string, OriginResult | null>> {
  const rows = await db.productCostStructure.findMany({ where: { productId: { in: productIds } } });
  const byId = new Map(rows.map((r) => [r.productId, originCriterion(r)]));
  return new Map(productIds.map((id) => [id, byId.get(id) ?? null]));
}
