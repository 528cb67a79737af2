/**
 * The Stripe boundary: one SDK client from the environment, Checkout Sessions for orders,
 * refunds, and webhook verification. Only this file talks to Stripe; the same code path
 * runs in production and against the local fake in tests (STRIPE_API_URL).
 */
import Stripe from "stripe";
import { getEnv } from "~/lib/env.server";
import { money, toStripeAmount } from "../money";

let cached: { key: string; client: Stripe } | undefined;

/** The Stripe client, or null when no key is configured (bank transfer only). */
export function stripeClient(): Stripe | null {
  const env = getEnv();
  if (!env.STRIPE_SECRET_KEY) return null;
  const cacheKey = `${env.STRIPE_SECRET_KEY}|${env.STRIPE_API_URL ?? ""}`;
  if (cached?.key === cacheKey) return cached.client;
  const config: Stripe.StripeConfig = { maxNetworkRetries: 2, timeout: 15_000, appInfo: { name: "Anjung" } };
  if (env.STRIPE_API_URL) {
    const u = new URL(env.STRIPE_API_URL);
    config.host = u.hostname;
    config.port = Number(u.port || (u.protocol === "https:" ? 443 : 80));
    config.protocol = u.protocol === "https:" ? "https" : "http";
  }
  cached = { key: cacheKey, client: new Stripe(env.STRIPE_SECRET_KEY, config) };
  return cached.client;
}

export function cardPaymentsEnabled(): boolean {
  const env = getEnv();
  return !!env.STRIPE_SECRET_KEY && !!env.STRIPE_WEBHOOK_SECRET;
}

export type CheckoutLine = { name: string; unitAmount: bigint; quantity: number };

/** Creates the Checkout Session for an order; retried calls with the same order reuse the session. */
export async function createCheckoutSession(order: {
  id: string;
  number: string;
  email: string;
  currency: string;
  locale: "id" | "en";
  lines: CheckoutLine[];
  shipping: { name: string; amount: bigint };
  /** the voucher's discount: a one-off Stripe coupon of that amount, so the session's total is the order's */
  discount?: { code: string; amount: bigint } | null;
  expiresAt: Date;
  successUrl: string;
  cancelUrl: string;
}) {
  const stripe = stripeClient();
  if (!stripe) throw new Error("Stripe is not configured");
  const currency = order.currency.toLowerCase();
  const coupon =
    order.discount && order.discount.amount > 0n
      ? await stripe.coupons.create(
          {
            amount_off: toStripeAmount(money(order.discount.amount, order.currency)),
            currency,
            duration: "once",
            max_redemptions: 1,
            name: `${order.discount.code} (${order.number})`,
          },
          { idempotencyKey: `coupon-${order.id}` },
        )
      : null;
  return stripe.checkout.sessions.create(
    {
      mode: "payment",
      client_reference_id: order.id,
      customer_email: order.email,
      locale: order.locale,
      metadata: { orderId: order.id, orderNumber: order.number },
      payment_intent_data: { metadata: { orderId: order.id, orderNumber: order.number } },
      line_items: [
        ...order.lines.map((l) => ({
          quantity: l.quantity,
          price_data: {
            currency,
            unit_amount: toStripeAmount(money(l.unitAmount, order.currency)),
            product_data: { name: l.name },
          },
        })),
        ...(order.shipping.amount > 0n
          ? [
              {
                quantity: 1,
                price_data: {
                  currency,
                  unit_amount: toStripeAmount(money(order.shipping.amount, order.currency)),
                  product_data: { name: order.shipping.name },
                },
              },
            ]
          : []),
      ],
      ...(coupon ? { discounts: [{ coupon: coupon.id }] } : {}),
      // Stripe needs at least 30 minutes; our reservation is 30 minutes, a late payment is handled
      expires_at: Math.max(Math.floor(order.expiresAt.getTime() / 1000), Math.floor(Date.now() / 1000) + 30 * 60 + 60),
      success_url: order.successUrl,
      cancel_url: order.cancelUrl,
    },
    { idempotencyKey: `checkout-session-${order.id}` },
  );
}

/** Best effort: an abandoned order's session stops accepting payment. */
export async function expireCheckoutSession(sessionId: string) {
  const stripe = stripeClient();
  if (!stripe) return;
  try {
    await stripe.checkout.sessions.expire(sessionId, {}, { idempotencyKey: `expire-${sessionId}` });
  } catch {
    // already completed or expired: the webhook for the completed case is handled on its own
  }
}

export async function createStripeRefund(
  refundId: string,
  paymentIntentId: string,
  amountMinor: bigint,
  currency: string,
) {
  const stripe = stripeClient();
  if (!stripe) throw new Error("Stripe is not configured");
  return stripe.refunds.create(
    { payment_intent: paymentIntentId, amount: toStripeAmount(money(amountMinor, currency)), metadata: { refundId } },
    { idempotencyKey: `refund-${refundId}` },
  );
}

export class BadSignature extends Error {}

/** Verifies a webhook (signature and age, 5 minutes' tolerance) and returns its event. */
export function verifyWebhook(payload: string, signature: string | null): Stripe.Event {
  const env = getEnv();
  const stripe = stripeClient();
  if (!stripe || !env.STRIPE_WEBHOOK_SECRET || !signature)
    throw new BadSignature("webhooks are not configured or unsigned");
  try {
    return stripe.webhooks.constructEvent(payload, signature, env.STRIPE_WEBHOOK_SECRET, 300);
  } catch (err) {
    throw new BadSignature(err instanceof Error ? err.message : "bad signature");
  }
}

export type { Stripe };
