import type { ActionFunctionArgs } from "@remix-run/node";
import { handleStripeEvent } from "~/domain/payments/payments.server";
import { BadSignature, verifyWebhook } from "~/domain/gateways/stripe.server";

const MAX_BODY = 512 * 1024;

/** Stripe's webhook endpoint: signed events only, each acted on once (see payments.server). */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: "method not allowed" }, { status: 405 });
  if (Number(request.headers.get("Content-Length") ?? "0") > MAX_BODY)
    return Response.json({ error: "payload too large" }, { status: 413 });
  const payload = await request.text();
  if (payload.length > MAX_BODY) return Response.json({ error: "payload too large" }, { status: 413 });
  let event;
  try {
    event = verifyWebhook(payload, request.headers.get("Stripe-Signature"));
  } catch (err) {
    if (err instanceof BadSignature) return Response.json({ error: "invalid signature" }, { status: 400 });
    throw err;
  }
  const outcome = await handleStripeEvent(event);
  return Response.json({ received: true, outcome });
}

export function loader() {
  return Response.json({ error: "method not allowed" }, { status: 405, headers: { Allow: "POST" } });
}
