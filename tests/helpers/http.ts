/** Builds the Requests a browser would send, for calling loaders and actions directly. */
import { createCookie } from "@remix-run/node";

import { issueCsrfToken } from "../../app/lib/csrf.server";

/** A token the server would have issued (signed with the test SESSION_SECRET). */
export const CSRF = issueCsrfToken();

export async function sessionCookieFor(sessionId: string) {
  const cookie = createCookie("__session", { secrets: [process.env.SESSION_SECRET!], path: "/" });
  return (await cookie.serialize(sessionId)).split(";")[0];
}

export function formRequest(
  path: string,
  fields: Record<string, string>,
  opts: { cookie?: string; csrf?: string | null; ip?: string } = {},
) {
  const body = new URLSearchParams(fields);
  if (opts.csrf !== null) body.set("csrf", opts.csrf ?? CSRF);
  const cookies = [`__csrf=${CSRF}`, opts.cookie].filter(Boolean).join("; ");
  return new Request(`http://localhost:3999${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies },
    body,
  });
}

export function getRequest(path: string, opts: { cookie?: string } = {}) {
  return new Request(`http://localhost:3999${path}`, { headers: opts.cookie ? { Cookie: opts.cookie } : {} });
}

/** Remix's `data()` results and thrown Responses, unwrapped for assertions. */
export function unwrap(result: unknown): { status: number; body: unknown; headers: Headers } {
  if (result instanceof Response) return { status: result.status, body: null, headers: result.headers };
  const r = result as { type?: string; data?: unknown; init?: { status?: number; headers?: HeadersInit } };
  if (r && r.type === "DataWithResponseInit")
    return { status: r.init?.status ?? 200, body: r.data, headers: new Headers(r.init?.headers) };
  return { status: 200, body: result, headers: new Headers() };
}

export async function thrown(p: Promise<unknown> | (() => unknown)): Promise<Response> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
  throw new Error("expected a thrown Response");
}
