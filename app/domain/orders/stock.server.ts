/**
 * Stock and reservations. Stock is taken with one conditional UPDATE (`stock >= qty`), so
 * however many checkouts race for the last units, the database lets exactly as many
 * through as there are units, and the CHECK (stock >= 0) stands behind it. A reservation
 * records what an unpaid order holds; releasing or consuming it is a conditional update
 * too, so a hold is returned at most once.
 */
import { db, type Tx } from "~/lib/db.server";
import { productChanged } from "~/jobs/search-index.server";

/** Takes units if they are all there; false means sold out. Search learns of the change. */
export async function takeStock(tx: Tx, variantId: string, quantity: number): Promise<boolean> {
  const rows = await tx.$queryRaw<Array<{ productId: string }>>`
    UPDATE "Variant" SET "stock" = "stock" - ${quantity}, "updatedAt" = now()
    WHERE "id" = ${variantId} AND "stock" >= ${quantity}
    RETURNING "productId"`;
  if (rows.length === 0) return false;
  await productChanged(tx, rows[0].productId);
  return true;
}

export async function returnStock(tx: Tx, variantId: string, quantity: number) {
  const rows = await tx.$queryRaw<Array<{ productId: string }>>`
    UPDATE "Variant" SET "stock" = "stock" + ${quantity}, "updatedAt" = now() WHERE "id" = ${variantId} RETURNING "productId"`;
  if (rows[0]) await productChanged(tx, rows[0].productId);
}

/**
 * The SKUs of a cart that the stock cannot cover now, in one statement and no lock: in a rush
 * for the last units most buyers learn "sold out" here, before their total is computed again.
 * Only a hint: the conditional UPDATE in the order's transaction is what decides. (Goods no
 * longer for sale are left to the full check, which names them.)
 */
export async function cartShortfall(cartId: string): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ sku: string }>>`
    SELECT v."sku" FROM "CartItem" ci
      JOIN "Variant" v ON v."id" = ci."variantId"
      JOIN "Product" p ON p."id" = v."productId" AND p."listed"
     WHERE ci."cartId" = ${cartId} AND v."stock" < ci."quantity"
     ORDER BY v."sku"`;
  return rows.map((r) => r.sku);
}

/**
 * Takes the stock for every line or for none: lines are taken in variant order (so two
 * checkouts never wait on each other crosswise) and the SKUs that ran out are returned.
 * The caller rolls the transaction back when any ran out.
 */
export async function takeStockForLines(tx: Tx, lines: Array<{ variantId: string; sku: string; quantity: number }>) {
  const soldOut: string[] = [];
  for (const l of [...lines].sort((a, b) => a.variantId.localeCompare(b.variantId))) {
    if (!(await takeStock(tx, l.variantId, l.quantity))) soldOut.push(l.sku);
  }
  return soldOut;
}

/** Gives an unpaid order's held stock back (expiry, cancellation); a hold is released once. */
export async function releaseHold(tx: Tx, orderId: string) {
  const released = await tx.$queryRaw<Array<{ variantId: string; quantity: number }>>`
    UPDATE "StockReservation" SET "status" = 'RELEASED' WHERE "orderId" = ${orderId} AND "status" = 'HELD'
    RETURNING "variantId", "quantity"`;
  for (const r of released) await returnStock(tx, r.variantId, r.quantity);
  return released;
}

/** Payment arrived: the held units now belong to the order. Returns how many holds were consumed. */
export async function consumeHold(tx: Tx, orderId: string) {
  const r = await tx.stockReservation.updateMany({ where: { orderId, status: "HELD" }, data: { status: "CONSUMED" } });
  return r.count;
}
