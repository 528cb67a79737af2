/** JSON responses for the partner API, with its rate-limit headers. */
import { checkApiAccess } from "~/domain/partners/partners.server";
import { jsonReplacer } from "~/domain/money";
import { clientIp } from "./request.server";

/** Amounts (bigint minor units) travel as decimal strings, exact at any size: `"15000000"` is Rp150.000. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body, jsonReplacer), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

/** Counts the request against the caller's limit; returns the headers to send, or throws a 401/429. */
export async function requireApiAccess(request: Request, context: unknown): Promise<Record<string, string>> {
  const access = await checkApiAccess(request.headers.get("Authorization"), clientIp(context));
  if ("invalidToken" in access)
    throw json({ error: "invalid_token", message: "The API token is unknown or revoked." }, 401);
  const headers = {
    "X-RateLimit-Limit": String(access.decision.limit),
    "X-RateLimit-Remaining": String(access.decision.remaining),
  };
  if (!access.decision.allowed) {
    throw json(
      { error: "rate_limited", message: `Too many requests; retry in ${access.decision.retryAfterSeconds} s.` },
      429,
      {
        ...headers,
        "Retry-After": String(access.decision.retryAfterSeconds),
      },
    );
  }
  return headers;
}
