/** Payment gateways (Stripe): what other areas may use. */
export {
  cardPaymentsEnabled,
  createCheckoutSession,
  createStripeRefund,
  expireCheckoutSession,
  type Stripe,
} from "./stripe.server";
