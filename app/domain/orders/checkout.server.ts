/**
 * Checkout: from the visitor's cart to an order that holds its stock while payment is
 * under way.
 *
 * 1. `checkoutQuote` prices the cart with one parcel per producer and the service the buyer
 *    picked for each (`../shipping/parcels.server.ts`): the review step.
 * 2. `placeOrder` takes the stock for every line in one transaction (or none: "sold out"),
 *    snapshots the lines, records the reservations (30 minutes for card payment, the
 *    staff-set hold for bank transfer), empties the cart and mails the buyer.
 *    A voucher code, when given, is priced with the cart (`../vouchers`) and claimed in the
 *    same transaction, right before the stock.
 * 3. Card: `startCardPayment` opens a Stripe Checkout Session; bank transfer: the order
 *    waits as AWAITING_PAYMENT with a unique amount and reference for staff to match.
 */
import crypto from "node:crypto";
import { lineNames } from "./lines";
import { db, Prisma, type Tx } from "~/lib/db.server";
import { add, money, roundingStep, subtract, sumMinor } from "../money";
import { appUrl } from "~/lib/env.server";
import type { AppLocale } from "~/lib/i18n";
import {
  cardPaymentsEnabled,
  createCheckoutSession,
  createGatewayPayment,
  gatewayPaymentsEnabled,
  QRIS_MAX_AMOUNT,
  virtualAccountBanks,
} from "../gateways/index.server";
import { cartView } from "./cart.server";
import { orderPath } from "./orders.server";

export { orderPath };
import type { CheckoutInput } from "./checkout-schema";
import { cancelUnpaidOrder } from "./cancellation.server";
import { orderMail } from "./order-mail.server";
import { marketSettings } from "./settings.server";
import { parcelRows, quoteParcels, type Destination } from "../shipping/index.server";
import { cartShortfall, takeStockForLines } from "./stock.server";
import { regenciesOf } from "./address";
import {
  discountLines,
  priceVoucher,
  redeemVoucher,
  VoucherRefused,
  type AppliedVoucher,
} from "../vouchers/index.server";

export const CARD_HOLD_MINUTES = 30;

export type CheckoutRefusal =
  | "empty-cart"
  | "cart-problems"
  | "shipping-unavailable"
  | "payment-unavailable"
  | "qris-limit"
  | "sold-out"
  | "payment-failed"
  | "changed"
  | "transfer-busy"
  | "voucher";
export class CheckoutRefused extends Error {
  constructor(
    readonly reason: CheckoutRefusal,
    readonly skus: string[] = [],
    /** for "voucher": why the code no longer applies */
    readonly voucher: VoucherRefused | null = null,
  ) {
    super(`checkout: ${reason}`);
  }
}

export type PaymentChoice = "QRIS" | "VIRTUAL_ACCOUNT" | "STRIPE" | "BANK_TRANSFER";

/** What checkout offers: QRIS and virtual accounts when the gateway is configured, cards with Stripe, bank transfer always. */
export function paymentMethods(): PaymentChoice[] {
  return [
    ...(gatewayPaymentsEnabled() ? (["QRIS", "VIRTUAL_ACCOUNT"] as const) : []),
    ...(cardPaymentsEnabled() ? (["STRIPE"] as const) : []),
    "BANK_TRANSFER",
  ];
}

/** The banks offered for a virtual account (none without the gateway). */
export function paymentBanks(): string[] {
  return gatewayPaymentsEnabled() ? virtualAccountBanks() : [];
}

/** Where the order goes, as the rate cards look it up: a kabupaten/kota only when it belongs to the province. */
export function destinationOf(input: { country: string; province: string; regencyCode: string }): Destination {
  const id = input.country === "ID";
  return {
    country: input.country,
    province: id ? input.province : "",
    regencyCode:
      id && input.regencyCode && regenciesOf(input.province).some((r) => r.code === input.regencyCode)
        ? input.regencyCode
        : null,
  };
}

/**
 * The cart priced for review: lines, each producer's parcel with its services, shipping, the
 * voucher's discount and the total; or why it cannot be ordered. A parcel no service reaches
 * is reported (`unserved`), not thrown: the review shows which one; placing the order refuses
 * it. So is a code that does not apply (`voucherRefusal`): the review shows why, without it.
 */
export async function checkoutQuote(
  cartId: string | null,
  locale: AppLocale,
  input: {
    country: string;
    province: string;
    regencyCode: string;
    ship: Record<string, string>;
    voucher?: string;
    email?: string;
  },
  userId: string | null = null,
) {
  const cart = await cartView(cartId, locale);
  if (cart.lines.length === 0) throw new CheckoutRefused("empty-cart");
  const short = cart.lines.filter((l) => l.problem === "over-stock");
  if (short.length > 0)
    throw new CheckoutRefused(
      "sold-out",
      short.map((l) => l.sku),
    );
  if (cart.problems > 0) throw new CheckoutRefused("cart-problems");
  const { parcels, shipping, unserved } = await quoteParcels(cart.lines, destinationOf(input), input.ship, locale);
  let voucher: AppliedVoucher | null = null;
  let voucherRefusal: VoucherRefused | null = null;
  if (input.voucher) {
    try {
      voucher = await priceVoucher(input.voucher, discountLines(cart.lines), { userId, email: input.email ?? "" });
    } catch (err) {
      if (!(err instanceof VoucherRefused)) throw err;
      voucherRefusal = err;
    }
  }
  const discount = voucher?.total ?? 0n;
  const lineDiscount = (variantId: string) => voucher?.perLine.get(variantId) ?? 0n;
  const total = subtract(
    add(money(cart.subtotal, cart.currency), money(shipping, cart.currency)),
    money(discount, cart.currency),
  ).amount;
  const picks = parcels.map((p) => `${p.producerId}:${p.chosen?.code ?? "-"}:${p.chosen?.amount ?? "-"}`);
  return {
    cart,
    parcels: parcels.map((p) => ({ ...p, discount: sumMinor(p.variantIds.map(lineDiscount)) })),
    unserved,
    shipping,
    voucher,
    voucherRefusal,
    discount,
    lineDiscount,
    total,
    digest: reviewDigest(cart.lines, [...picks, `voucher:${voucher?.code ?? "-"}:${discount}`], shipping, total),
  };
}

/**
 * What the buyer reviewed, in a few bytes: every line (variant, quantity, unit price), each
 * parcel's service and price, and the total. The review step puts it in the form; placing
 * the order recomputes it, and a difference (the cart, a price or a rate changed since)
 * sends the buyer back to review instead of charging something they did not see.
 */
function reviewDigest(
  lines: Array<{ variantId: string; quantity: number; unitPrice: bigint }>,
  picks: string[],
  shipping: bigint,
  total: bigint,
) {
  const parts = [...lines]
    .sort((a, b) => a.variantId.localeCompare(b.variantId))
    .map((l) => `${l.variantId}:${l.quantity}:${l.unitPrice}`);
  return crypto
    .createHash("sha256")
    .update([...parts, ...[...picks].sort(), shipping, total].join("|"))
    .digest("base64url")
    .slice(0, 32);
}

/** A fresh one-time key for the review step's form. */
export function newCheckoutKey() {
  return crypto.randomBytes(18).toString("base64url");
}

/** The key stored on the order: bound to the cart, so a key seen elsewhere opens nobody's order. */
function storedCheckoutKey(cartId: string, key: string) {
  return crypto.createHash("sha256").update(`${cartId}:${key}`).digest("base64url");
}

function orderNumber() {
  const d = new Date();
  const ymd = `${String(d.getUTCFullYear()).slice(2)}${String(d.getUTCMonth() + 1).padStart(2, "0")}${String(d.getUTCDate()).padStart(2, "0")}`;
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const rand = Array.from(crypto.randomBytes(6), (b) => alphabet[b % alphabet.length]).join("");
  return `AJ${ymd}-${rand}`;
}

/** The unique code added to a transfer: whole rupiah 1–999. */
const TRANSFER_CODES = 999;
const TRANSFER_LOCK = 42_0002;

/**
 * A bank transfer is matched by its exact amount: the total plus a unique code of
 * Rp1–Rp999 that no other order waiting for a transfer uses. Orders with the same total
 * choose one at a time (a transaction-scoped advisory lock on the total), and the partial
 * unique index "Order_open_transferAmount_key" makes a shared amount impossible whatever
 * the code does. When every code of a total is taken, transfer is refused for now.
 */
/**
 * Gives a bank-transfer order a total no other open order has (the total plus a small code),
 * so the incoming transfer names its order. One lock per total serialises the choice; the
 * free codes are read and one is set in a single statement after it (the partial unique
 * index on open orders' amounts stands behind it).
 */
async function assignTransferAmount(tx: Tx, orderId: string, total: bigint): Promise<bigint> {
  const step = roundingStep("IDR");
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${TRANSFER_LOCK}, hashtext(${total.toString()}))`;
  const [row] = await tx.$queryRaw<Array<{ transferAmount: bigint | null }>>`
    UPDATE "Order" SET "transferAmount" = (
      SELECT c.amount
        FROM (SELECT ${total}::bigint + g * ${step}::bigint AS amount
                FROM generate_series(1, ${TRANSFER_CODES}::int) g) c
       WHERE NOT EXISTS (SELECT 1 FROM "Order" o
                          WHERE o.status = 'AWAITING_PAYMENT' AND o."transferAmount" = c.amount)
       ORDER BY random() LIMIT 1)
     WHERE id = ${orderId}
     RETURNING "transferAmount"`;
  if (!row?.transferAmount) throw new CheckoutRefused("transfer-busy");
  return row.transferAmount;
}

export type PlacedOrder = {
  id: string;
  number: string;
  accessToken: string;
  paymentMethod: PaymentChoice;
};
export type PlaceOptions = { checkoutKey: string; reviewDigest: string };

/**
 * At most this many orders are being placed at once in a process; the rest wait their turn
 * here, before reading anything. In a rush for the last units every checkout waits on the
 * same stock row: with hundreds computing their totals at once, the one holding the row
 * waits behind all of them for each of its statements, and holds the row that much longer.
 */
const PLACING_AT_ONCE = 8;
let placingNow = 0;
const placingQueue: Array<() => void> = [];

async function placing<T>(work: () => Promise<T>): Promise<T> {
  if (placingNow >= PLACING_AT_ONCE) await new Promise<void>((resolve) => placingQueue.push(resolve));
  else placingNow++;
  try {
    return await work();
  } finally {
    const next = placingQueue.shift();
    if (next) next();
    else placingNow--;
  }
}

/** A checkout holds a handful of rows for a few milliseconds; these bounds only matter in a rush. */
const CHECKOUT_TX = { maxWait: 10_000, timeout: 15_000 };

/**
 * Places the order the buyer reviewed. Posting twice with the same key (a double tap on a
 * slow network) answers with the one order; a cart that changed since the review is
 * refused with "review again". Stock is taken last, right before commit, so the rows
 * every buyer of a scarce variant waits for are locked as briefly as possible.
 */
export async function placeOrder(
  cartId: string | null,
  userId: string | null,
  locale: AppLocale,
  input: CheckoutInput,
  opts: PlaceOptions,
): Promise<PlacedOrder> {
  const method = input.paymentMethod;
  if (!paymentMethods().includes(method)) throw new CheckoutRefused("payment-unavailable");
  if (method === "VIRTUAL_ACCOUNT" && !paymentBanks().includes(input.vaBank))
    throw new CheckoutRefused("payment-unavailable");
  if (!cartId) throw new CheckoutRefused("empty-cart");
  const key = storedCheckoutKey(cartId, opts.checkoutKey);
  const placed = async () => {
    const o = await db.order.findUnique({
      where: { checkoutKey: key },
      select: { id: true, number: true, accessToken: true, paymentMethod: true },
    });
    return o && { id: o.id, number: o.number, accessToken: o.accessToken, paymentMethod: o.paymentMethod };
  };
  const already = await placed();
  if (already) return already;
  try {
    return await placing(async () => {
      const short = await cartShortfall(cartId);
      if (short.length > 0) throw new CheckoutRefused("sold-out", short);
      return createOrder(cartId, userId, locale, input, opts, key);
    });
  } catch (err) {
    // the same key committed meanwhile (the other tap won): that order is the answer
    const winner =
      (err instanceof CheckoutRefused || err instanceof VoucherRefused || isUniqueViolation(err)) && (await placed());
    if (winner) return winner;
    if (err instanceof VoucherRefused) throw new CheckoutRefused("voucher", [], err);
    throw err;
  }
}

function isUniqueViolation(err: unknown) {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}

async function createOrder(
  cartId: string,
  userId: string | null,
  locale: AppLocale,
  input: CheckoutInput,
  opts: PlaceOptions,
  key: string,
): Promise<PlacedOrder> {
  const method = input.paymentMethod;
  const quote = await checkoutQuote(cartId, locale, input, userId);
  if (quote.voucherRefusal) throw new CheckoutRefused("voucher", [], quote.voucherRefusal);
  if (quote.unserved.length > 0)
    throw new CheckoutRefused(
      "shipping-unavailable",
      quote.unserved.map((p) => p.producer),
    );
  if (quote.digest !== opts.reviewDigest) throw new CheckoutRefused("changed");
  if (method === "QRIS" && quote.total > QRIS_MAX_AMOUNT) throw new CheckoutRefused("qris-limit");
  const settings = await marketSettings();
  // a card or QRIS payment is made on the spot; a transfer or virtual account may take the buyer to the bank
  const holdMinutes = method === "STRIPE" || method === "QRIS" ? CARD_HOLD_MINUTES : settings.transferHoldMinutes;
  const reservedUntil = new Date(Date.now() + holdMinutes * 60_000);
  const lines = quote.cart.lines;
  const number = orderNumber();

  const order = await db.$transaction(async (tx) => {
    // a cheap look first: in a rush most buyers learn "sold out" here, without writing anything
    const short = await tx.variant.findMany({
      where: { OR: lines.map((l) => ({ id: l.variantId, stock: { lt: l.quantity } })) },
      select: { sku: true },
    });
    if (short.length > 0)
      throw new CheckoutRefused(
        "sold-out",
        short.map((s) => s.sku),
      );
    const created = await tx.order.create({
      data: {
        number,
        checkoutKey: key,
        accessToken: crypto.randomBytes(24).toString("base64url"),
        buyerId: userId,
        email: input.email,
        locale,
        currency: quote.cart.currency,
        subtotalAmount: quote.cart.subtotal,
        shippingAmount: quote.shipping,
        discountAmount: quote.discount,
        voucherCode: quote.voucher?.code ?? null,
        discountFundedBy: quote.voucher?.fundedBy ?? null,
        totalAmount: quote.total,
        status: method === "BANK_TRANSFER" ? "AWAITING_PAYMENT" : "PENDING_PAYMENT",
        paymentMethod: method,
        gatewayChannel: method === "QRIS" ? "QRIS" : method === "VIRTUAL_ACCOUNT" ? input.vaBank : null,
        paymentReference: method === "BANK_TRANSFER" ? number : null,
        reservedUntil,
        shippingName: input.name,
        shippingPhone: input.phone,
        shippingAddress: input.address,
        shippingCity: input.city,
        shippingProvince: input.country === "ID" ? input.province : input.province || null,
        shippingRegencyCode: destinationOf(input).regencyCode,
        shippingCountry: input.country,
        shippingPostcode: input.postcode || null,
        parcels: { create: parcelRows(quote.parcels) },
        lines: {
          create: lines.map((l) => ({
            variantId: l.variantId,
            producerId: l.producerId,
            productName: l.names.productId,
            productNameEn: l.names.productEn,
            variantName: l.names.variantId,
            variantNameEn: l.names.variantEn,
            sku: l.sku,
            producerName: l.producer,
            unitAmount: l.unitPrice,
            quantity: l.quantity,
            lineAmount: l.lineTotal,
            discountAmount: quote.lineDiscount(l.variantId),
            sampleRfqId: l.sampleRfqId,
          })),
        },
        reservations: {
          create: lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity, expiresAt: reservedUntil })),
        },
      },
    });
    await tx.cartItem.deleteMany({ where: { cartId, variantId: { in: lines.map((l) => l.variantId) } } });
    // the scarce rows are locked as late as possible, each until the commit: first the transfer
    // code of this total (and the mail that names it), last the stock, so the variant rows every
    // buyer of a hot item waits for are held only for their update, its search job and the commit
    if (method === "BANK_TRANSFER") {
      const transferAmount = await assignTransferAmount(tx, created.id, quote.total);
      await orderMail(
        tx,
        created.id,
        "awaiting-transfer",
        { amount: transferAmount },
        { order: { ...created, transferAmount }, settings },
      );
    }
    // the voucher's last uses are as scarce as the stock: claimed just before it, in the same order everywhere
    if (quote.voucher) await redeemVoucher(tx, quote.voucher, created);
    const soldOut = await takeStockForLines(tx, lines);
    if (soldOut.length > 0) throw new CheckoutRefused("sold-out", soldOut);
    return created;
  }, CHECKOUT_TX);
  return { id: order.id, number: order.number, accessToken: order.accessToken, paymentMethod: method };
}

/**
 * Opens the Stripe Checkout Session for a card order and returns where to send the buyer.
 * If Stripe cannot be reached the order is cancelled at once and its stock returned.
 */
export async function startCardPayment(orderId: string): Promise<string> {
  const order = await db.order.findUniqueOrThrow({
    where: { id: orderId },
    include: { lines: true, parcels: { include: { service: { select: { nameId: true, nameEn: true } } } } },
  });
  if (order.stripeCheckoutUrl && order.status === "PENDING_PAYMENT") return order.stripeCheckoutUrl;
  const locale = order.locale as AppLocale;
  const back = `${appUrl()}${orderPath(order, locale)}`;
  try {
    const session = await createCheckoutSession({
      id: order.id,
      number: order.number,
      email: order.email,
      currency: order.currency,
      locale,
      lines: order.lines.map((l) => {
        const { product, variant } = lineNames(l, locale);
        return { name: `${product} — ${variant}`, unitAmount: l.unitAmount, quantity: l.quantity };
      }),
      shipping: {
        // the parcels' services as the buyer chose them, e.g. "JNE Reguler · J&T EZ"
        name:
          order.parcels.map((p) => (locale === "en" ? p.service.nameEn : p.service.nameId)).join(" · ") ||
          (order.shippingRateCode ?? "-"),
        amount: order.shippingAmount,
      },
      discount: order.voucherCode ? { code: order.voucherCode, amount: order.discountAmount } : null,
      expiresAt: order.reservedUntil ?? new Date(Date.now() + CARD_HOLD_MINUTES * 60_000),
      successUrl: `${back}&paid=1`,
      cancelUrl: back,
    });
    await db.order.update({
      where: { id: order.id },
      data: { stripeSessionId: session.id, stripeCheckoutUrl: session.url },
    });
    return session.url!;
  } catch (err) {
    return paymentDidNotStart("stripe", order, err);
  }
}

/**
 * Opens the gateway's QRIS code or virtual account for an order (the order page shows it). If
 * the gateway cannot be reached the order is cancelled at once and its stock returned.
 */
export async function startGatewayPayment(orderId: string): Promise<void> {
  const order = await db.order.findUniqueOrThrow({ where: { id: orderId } });
  if (order.gatewayRequestId || order.status !== "PENDING_PAYMENT") return;
  try {
    const charge = await createGatewayPayment({
      id: order.id,
      number: order.number,
      amount: order.totalAmount,
      currency: order.currency,
      method: order.paymentMethod === "QRIS" ? "QRIS" : "VIRTUAL_ACCOUNT",
      bank: order.gatewayChannel,
      customerName: order.shippingName,
      expiresAt: order.reservedUntil ?? new Date(Date.now() + CARD_HOLD_MINUTES * 60_000),
    });
    await db.order.update({
      where: { id: order.id },
      data: {
        gatewayRequestId: charge.requestId,
        gatewayChannel: charge.channel,
        gatewayQrString: charge.qrString,
        gatewayVaNumber: charge.vaNumber,
        gatewayExpiresAt: charge.expiresAt,
      },
    });
  } catch (err) {
    return paymentDidNotStart("xendit", order, err);
  }
}

/** The gateway could not be reached: the order is cancelled at once (its stock back on sale) and the buyer told. */
async function paymentDidNotStart(
  gateway: string,
  order: { id: string; number: string },
  err: unknown,
): Promise<never> {
  console.warn(
    `${gateway}: could not open a payment for ${order.number}: ${err instanceof Error ? err.message : String(err)}`,
  );
  await cancelUnpaidOrder(order.id, null, "payment-failed");
  throw new CheckoutRefused("payment-failed");
}
