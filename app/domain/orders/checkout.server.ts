/**
 * Checkout: from the visitor's cart to an order that holds its stock while payment is
 * under way.
 *
 * 1. `checkoutQuote` prices the cart with the chosen shipping rate (the review step).
 * 2. `placeOrder` takes the stock for every line in one transaction (or none: "sold out"),
 *    snapshots the lines, records the reservations (30 minutes for card payment, the
 *    staff-set hold for bank transfer), empties the cart and mails the buyer.
 * 3. Card: `startCardPayment` opens a Stripe Checkout Session; bank transfer: the order
 *    waits as AWAITING_PAYMENT with a unique amount and reference for staff to match.
 */
import crypto from "node:crypto";
import { db, type Tx } from "~/lib/db.server";
import { appUrl } from "~/lib/env.server";
import type { AppLocale } from "~/lib/i18n";
import { cardPaymentsEnabled, createCheckoutSession } from "../payments/stripe.server";
import { cartView } from "./cart.server";
import { orderPath } from "./orders.server";

export { orderPath };
import type { CheckoutInput } from "./checkout-schema";
import { cancelUnpaidOrder } from "./cancellation.server";
import { orderMail } from "./order-mail.server";
import { marketSettings, rateApplies } from "./settings.server";
import { takeStockForLines } from "./stock.server";
import { regenciesOf } from "./address";

export const CARD_HOLD_MINUTES = 30;

export type CheckoutRefusal = "empty-cart" | "cart-problems" | "shipping-unavailable" | "payment-unavailable" | "sold-out" | "payment-failed";
export class CheckoutRefused extends Error {
  constructor(readonly reason: CheckoutRefusal, readonly skus: string[] = []) {
    super(`checkout: ${reason}`);
  }
}

export function paymentMethods() {
  return cardPaymentsEnabled() ? (["STRIPE", "BANK_TRANSFER"] as const) : (["BANK_TRANSFER"] as const);
}

/** The cart priced for review: lines, shipping, total; or why it cannot be ordered. */
export async function checkoutQuote(cartId: string | null, locale: AppLocale, input: { country: string; shippingRate: string }) {
  const cart = await cartView(cartId, locale);
  if (cart.lines.length === 0) throw new CheckoutRefused("empty-cart");
  if (cart.problems > 0) throw new CheckoutRefused("cart-problems");
  const rate = await db.shippingRate.findUnique({ where: { code: input.shippingRate } });
  if (!rate || !rateApplies(rate, input.country) || rate.currency !== cart.currency) throw new CheckoutRefused("shipping-unavailable");
  return { cart, rate, shipping: rate.amount, total: cart.subtotal + rate.amount };
}

function orderNumber() {
  const d = new Date();
  const ymd = `${String(d.getUTCFullYear()).slice(2)}${String(d.getUTCMonth() + 1).padStart(2, "0")}${String(d.getUTCDate()).padStart(2, "0")}`;
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const rand = Array.from(crypto.randomBytes(6), (b) => alphabet[b % alphabet.length]).join("");
  return `AJ${ymd}-${rand}`;
}

/**
 * A bank transfer is matched by its exact amount: the total plus a unique code of
 * Rp1–Rp999 that no other order waiting for a transfer uses.
 */
async function uniqueTransferAmount(tx: Tx, total: number) {
  const waiting = await tx.order.findMany({ where: { status: "AWAITING_PAYMENT", transferAmount: { gte: total, lte: total + 99_900 } }, select: { transferAmount: true } });
  const taken = new Set(waiting.map((o) => o.transferAmount));
  for (let attempt = 0; attempt < 50; attempt++) {
    const amount = total + (1 + crypto.randomInt(999)) * 100;
    if (!taken.has(amount)) return amount;
  }
  return total + (1 + crypto.randomInt(999)) * 100;
}

export type PlacedOrder = { id: string; number: string; accessToken: string; paymentMethod: "STRIPE" | "BANK_TRANSFER" };

export async function placeOrder(cartId: string | null, userId: string | null, locale: AppLocale, input: CheckoutInput): Promise<PlacedOrder> {
  const method = input.paymentMethod;
  if (!(paymentMethods() as readonly string[]).includes(method)) throw new CheckoutRefused("payment-unavailable");
  const quote = await checkoutQuote(cartId, locale, input);
  const settings = await marketSettings();
  const holdMinutes = method === "STRIPE" ? CARD_HOLD_MINUTES : settings.transferHoldMinutes;
  const reservedUntil = new Date(Date.now() + holdMinutes * 60_000);
  const lines = quote.cart.lines;

  const order = await db.$transaction(async (tx) => {
    const soldOut = await takeStockForLines(tx, lines);
    if (soldOut.length > 0) throw new CheckoutRefused("sold-out", soldOut);
    const number = orderNumber();
    const created = await tx.order.create({
      data: {
        number,
        accessToken: crypto.randomBytes(24).toString("base64url"),
        buyerId: userId,
        email: input.email,
        locale,
        currency: quote.cart.currency,
        subtotalAmount: quote.cart.subtotal,
        shippingAmount: quote.shipping,
        totalAmount: quote.total,
        status: method === "STRIPE" ? "PENDING_PAYMENT" : "AWAITING_PAYMENT",
        paymentMethod: method,
        paymentReference: method === "BANK_TRANSFER" ? number : null,
        transferAmount: method === "BANK_TRANSFER" ? await uniqueTransferAmount(tx, quote.total) : null,
        reservedUntil,
        shippingName: input.name,
        shippingPhone: input.phone,
        shippingAddress: input.address,
        shippingCity: input.city,
        shippingProvince: input.country === "ID" ? input.province : input.province || null,
        shippingRegencyCode: input.country === "ID" && regenciesOf(input.province).some((r) => r.code === input.regencyCode) ? input.regencyCode : null,
        shippingCountry: input.country,
        shippingPostcode: input.postcode || null,
        shippingRateCode: quote.rate.code,
        lines: {
          create: lines.map((l) => ({
            variantId: l.variantId,
            producerId: l.producerId,
            productName: l.name,
            variantName: l.variantName,
            sku: l.sku,
            producerName: l.producer,
            unitAmount: l.unitPrice,
            quantity: l.quantity,
            lineAmount: l.lineTotal,
          })),
        },
        reservations: { create: lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity, expiresAt: reservedUntil })) },
      },
    });
    await tx.cartItem.deleteMany({ where: { cartId: cartId! } });
    if (method === "BANK_TRANSFER") await orderMail(tx, created.id, "awaiting-transfer");
    return created;
  });
  return { id: order.id, number: order.number, accessToken: order.accessToken, paymentMethod: method };
}


/**
 * Opens the Stripe Checkout Session for a card order and returns where to send the buyer.
 * If Stripe cannot be reached the order is cancelled at once and its stock returned.
 */
export async function startCardPayment(orderId: string): Promise<string> {
  const order = await db.order.findUniqueOrThrow({ where: { id: orderId }, include: { lines: true } });
  if (order.stripeCheckoutUrl && order.status === "PENDING_PAYMENT") return order.stripeCheckoutUrl;
  const rate = order.shippingRateCode ? await db.shippingRate.findUnique({ where: { code: order.shippingRateCode } }) : null;
  const locale = order.locale as AppLocale;
  const back = `${appUrl()}${orderPath(order, locale)}`;
  try {
    const session = await createCheckoutSession({
      id: order.id,
      number: order.number,
      email: order.email,
      currency: order.currency,
      locale,
      lines: order.lines.map((l) => ({ name: `${l.productName} — ${l.variantName}`, unitAmount: l.unitAmount, quantity: l.quantity })),
      shipping: { name: (locale === "en" ? rate?.nameEn : rate?.nameId) ?? "Ongkos kirim", amount: order.shippingAmount },
      expiresAt: order.reservedUntil ?? new Date(Date.now() + CARD_HOLD_MINUTES * 60_000),
      successUrl: `${back}&paid=1`,
      cancelUrl: back,
    });
    await db.order.update({ where: { id: order.id }, data: { stripeSessionId: session.id, stripeCheckoutUrl: session.url } });
    return session.url!;
  } catch (err) {
    console.warn(`stripe: could not open a checkout session for ${order.number}: ${err instanceof Error ? err.message : String(err)}`);
    await cancelUnpaidOrder(order.id, null, "payment-failed");
    throw new CheckoutRefused("payment-failed");
  }
}

