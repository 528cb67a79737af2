import type { ActionFunctionArgs } from "@remix-run/node";
import { handleXenditCallback } from "~/domain/payments/payments.server";
import { verifyCallbackToken } from "~/domain/gateways/index.server";

const MAX_BODY = 256 * 1024;

/** Xendit's callback endpoint: only with the account's verification token; a replay changes nothing (see payments.server). */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return Response.json({ error: "method not allowed" }, { status: 405 });
  if (!verifyCallbackToken(request.headers.get("x-callback-token")))
    return Response.json({ error: "invalid callback token" }, { status: 401 });
  if (Number(request.headers.get("Content-Length") ?? "0") > MAX_BODY)
    return Response.json({ error: "payload too large" }, { status: 413 });
  const payload = await request.text();
  if (payload.length > MAX_BODY) return Response.json({ error: "payload too large" }, { status: 413 });
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return Response.json({ error: "invalid JSON" }, { status: 400 });
  }
  if (!body || typeof body !== "object") return Response.json({ error: "invalid body" }, { status: 400 });
  const outcome = await handleXenditCallback(body as Parameters<typeof handleXenditCallback>[0]);
  return Response.json({ received: true, outcome });
}

export function loader() {
  return Response.json({ error: "method not allowed" }, { status: 405, headers: { Allow: "POST" } });
}
