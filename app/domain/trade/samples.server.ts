/**
 * Paid samples. Before it commits to a container, a business buyer orders a few units of the
 * product its quote request is about: through the normal cart and checkout (shipped abroad,
 * paid like any order, the producer credited like any sale), below the product's minimum
 * order and at most `MarketSettings.sampleMaxUnits` units.
 *
 * When its company then accepts a quote for that product within `sampleCreditDays` of paying
 * for the sample, what the sample's goods cost (its lines after any voucher and refunds; the
 * courier is not credited) is credited against the lot's proforma invoice. The credit is a
 * payment on the invoice whose source is the sample line (unique), written in the acceptance's
 * transaction under the company's row lock, so a sample is credited once, to one lot.
 */
import { db, type Tx } from "~/lib/db.server";
import { convertFromIdr } from "../money";
import { audit } from "../audit.server";
import { checkSampleQuantity, findCartId, marketSettings, type CartOwner } from "../orders/index.server";
import { LotRefused } from "./refused";

const DAY = 86_400_000;
/** Orders whose buyer paid (and was not refunded everything). */
const PAID = ["PAID", "PARTIALLY_SHIPPED", "SHIPPED", "COMPLETED", "PARTIALLY_REFUNDED"] as const;

export async function sampleTerms(tx: Tx = db) {
  const s = await marketSettings(tx);
  return { maxUnits: s.sampleMaxUnits, creditDays: s.sampleCreditDays };
}

/** The staff-set sample rules (audited). */
export async function setSampleTerms(staffId: string, t: { maxUnits: number; creditDays: number }) {
  return db.$transaction(async (tx) => {
    const before = await sampleTerms(tx);
    await tx.marketSettings.update({
      where: { id: 1 },
      data: { sampleMaxUnits: t.maxUnits, sampleCreditDays: t.creditDays, updatedById: staffId },
    });
    await audit(tx, {
      actorId: staffId,
      action: "settings.samples",
      entityType: "MarketSettings",
      entityId: "1",
      before,
      after: t,
    });
  });
}

/**
 * Puts a sample of one of the request's product variants in the buyer's cart (replacing what
 * the cart held of that variant). Refused when the buyer is not a member of the request's
 * company, the request names no product or is closed, or the quantity is beyond the sample
 * limit or the stock. Returns the cart id.
 */
export async function orderSample(
  owner: CartOwner & { userId: string },
  rfqId: string,
  variantId: string,
  qty: number,
) {
  const rfq = await db.quoteRequest.findFirst({
    where: { id: rfqId, company: { members: { some: { userId: owner.userId } } } },
    select: { productId: true, status: true },
  });
  if (!rfq) throw new LotRefused("rfq.refused.notFound");
  if (!rfq.productId) throw new LotRefused("samples.refused.noProduct");
  // a sample comes before the deal: not once the request was accepted, declined or closed
  if (rfq.status !== "OPEN" && rfq.status !== "QUOTED") throw new LotRefused("rfq.refused.closed");
  const variant = await db.variant.findFirst({
    where: { id: variantId, productId: rfq.productId, product: { listed: true } },
    select: { id: true, stock: true },
  });
  if (!variant) throw new LotRefused("rfq.refused.productNotFound");
  const { maxUnits } = await sampleTerms();
  checkSampleQuantity(variant, qty, maxUnits);
  const cartId = (await findCartId(owner)) ?? (await db.cart.create({ data: { userId: owner.userId } })).id;
  await db.cartItem.upsert({
    where: { cartId_variantId: { cartId, variantId } },
    update: { quantity: qty, sampleRfqId: rfqId },
    create: { cartId, variantId, quantity: qty, sampleRfqId: rfqId },
  });
  return cartId;
}

/** What a sample line is worth as a credit: the goods the buyer paid for and kept, in rupiah. */
function creditOf(l: { unitAmount: bigint; quantity: number; discountAmount: bigint; refundedQty: number }) {
  if (l.quantity === 0 || l.refundedQty >= l.quantity) return 0n;
  const paid = l.unitAmount * BigInt(l.quantity) - l.discountAmount;
  // a partly refunded line keeps the share of the units not refunded
  return (paid * BigInt(l.quantity - l.refundedQty)) / BigInt(l.quantity);
}

/**
 * In the acceptance's transaction, after `issueInvoice` (the company's row is locked by
 * `invoiceTerms`): credits the company's paid, not yet credited samples of the lot's product
 * paid within the credit period, up to what the invoice is for.
 */
export async function creditSamples(
  tx: Tx,
  actorId: string,
  invoice: { id: string; companyId: string; amount: bigint; currency: string; idrPerUnit: { toString(): string } },
  productId: string | null,
) {
  if (!productId) return [];
  const { creditDays } = await sampleTerms(tx);
  const since = new Date(Date.now() - creditDays * DAY);
  const lines = await tx.orderLine.findMany({
    where: {
      sampleRfq: { companyId: invoice.companyId },
      variant: { productId },
      sampleCredit: null,
      order: { status: { in: [...PAID] }, paidAt: { gte: since } },
    },
    include: { order: { select: { number: true, paidAt: true } } },
    orderBy: { order: { paidAt: "asc" } },
  });
  const rate = { currency: invoice.currency, idrPerUnit: invoice.idrPerUnit.toString() };
  let room = invoice.amount;
  const credited = [];
  for (const l of lines) {
    const idr = creditOf(l);
    // credited in the invoice's currency at the invoice's rate, never beyond what the invoice is for
    const amount = invoice.currency === "IDR" ? idr : convertFromIdr(idr, rate);
    const take = amount < room ? amount : room;
    if (take <= 0n) continue;
    const takeIdr = take === amount ? idr : (idr * take) / amount;
    const payment = await tx.buyerPayment.create({
      data: {
        invoiceId: invoice.id,
        paidAmount: takeIdr,
        paidCurrency: "IDR",
        amount: take,
        amountIdr: takeIdr,
        paidOn: l.order.paidAt!,
        bankReference: `SAMPLE ${l.order.number}`,
        sourceKey: `sample-credit:${l.id}`,
        sampleLineId: l.id,
        recordedById: actorId,
      },
    });
    await audit(tx, {
      actorId,
      action: "invoice.sampleCredit",
      entityType: "BuyerInvoice",
      entityId: invoice.id,
      after: { order: l.order.number, orderLineId: l.id, amount: take, amountIdr: takeIdr },
    });
    credited.push(payment);
    room -= take;
  }
  return credited;
}
