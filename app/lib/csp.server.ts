/**
 * Security headers for HTML responses. Scripts run only with this response's nonce (Remix's
 * own inline and module scripts carry it); nothing may frame the site; forms may post to
 * the site and hand over to Stripe Checkout (or the local fake in tests).
 */
import { getEnv } from "./env.server";

export function contentSecurityPolicy(nonce: string, secure: boolean) {
  const env = getEnv();
  const formTargets = ["'self'", "https://checkout.stripe.com"];
  if (env.STRIPE_API_URL) formTargets.push(new URL(env.STRIPE_API_URL).origin);
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${formTargets.join(" ")}`,
    "frame-ancestors 'none'",
    ...(secure ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
