/**
 * The SMS/WhatsApp boundary for one-time sign-in codes: the WhatsApp Cloud API (Meta's Graph
 * API, `POST /v21.0/{phone-number-id}/messages` with an authentication template whose body and
 * copy-code button carry the code). Meta keeps no maintained Node SDK for it, so this is its
 * HTTP protocol, spoken with fetch; tests point WHATSAPP_API_URL at a local fake of that API
 * (tests/fakes/whatsapp-server.ts). Unconfigured outside production, codes are written to the
 * server log so the app runs on its embedded defaults; in production phone sign-in is then off.
 */
import { getEnv } from "~/lib/env.server";

export const GRAPH_VERSION = "v21.0";

export class CodeNotSent extends Error {
  constructor(
    message: string,
    /** Meta's error code, e.g. 131026 (not a WhatsApp number), 190 (bad token) */
    readonly code: number | null,
  ) {
    super(message);
  }
}

/** Which way codes travel: the Cloud API, the server log (development), or none. */
export function codeChannel(): "whatsapp" | "log" | null {
  const env = getEnv();
  if (env.WHATSAPP_PHONE_NUMBER_ID && env.WHATSAPP_TOKEN) return "whatsapp";
  return env.NODE_ENV !== "production" || env.SIGN_IN_CODES_TO_LOG === "1" ? "log" : null;
}

/** Sends a sign-in code to an E.164 number; resolves with the provider's message id. */
export async function sendSignInCode(phone: string, code: string, locale: "id" | "en"): Promise<string> {
  const env = getEnv();
  if (codeChannel() === "log") {
    console.log(`sign-in code for ${phone}: ${code}`);
    return `log:${Date.now()}`;
  }
  if (codeChannel() === null) throw new CodeNotSent("phone sign-in is not configured", null);
  const url = `${env.WHATSAPP_API_URL.replace(/\/$/, "")}/${GRAPH_VERSION}/${env.WHATSAPP_PHONE_NUMBER_ID}/messages`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { Authorization: `Bearer ${env.WHATSAPP_TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: phone.replace(/^\+/, ""),
        type: "template",
        template: {
          name: env.WHATSAPP_OTP_TEMPLATE,
          language: { code: locale === "id" ? "id" : "en_US" },
          components: [
            { type: "body", parameters: [{ type: "text", text: code }] },
            { type: "button", sub_type: "url", index: "0", parameters: [{ type: "text", text: code }] },
          ],
        },
      }),
      signal: AbortSignal.timeout(8_000),
    });
  } catch (err) {
    throw new CodeNotSent(`WhatsApp unreachable: ${(err as Error).message}`, null);
  }
  const body = (await res.json().catch(() => null)) as {
    messages?: Array<{ id: string }>;
    error?: { message: string; code: number };
  } | null;
  if (!res.ok || !body?.messages?.[0]?.id)
    throw new CodeNotSent(body?.error?.message ?? `WhatsApp answered ${res.status}`, body?.error?.code ?? null);
  return body.messages[0].id;
}
