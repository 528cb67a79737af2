/** Payment gateways (Stripe for cards, Xendit for QRIS and virtual accounts): what other areas may use. */
export {
  cardPaymentsEnabled,
  createCheckoutSession,
  createStripeRefund,
  expireCheckoutSession,
  type Stripe,
} from "./stripe.server";
export {
  createGatewayPayment,
  createGatewayRefund,
  fromXenditAmount,
  gatewayPaymentStatus,
  gatewayPaymentsEnabled,
  QRIS_MAX_AMOUNT,
  verifyCallbackToken,
  virtualAccountBanks,
} from "./xendit.server";
export { CodeNotSent, codeChannel, sendSignInCode } from "./whatsapp.server";
