/**
 * CSRF protection for every mutation: a double-submit token. The HTTP layer gives each
 * visitor a random `__csrf` cookie (HttpOnly, SameSite=Lax); every form carries the same
 * value in a hidden field, which a cross-site page cannot read.
 */
import crypto from "node:crypto";
import { CSRF_COOKIE, CSRF_FIELD } from "./csrf-cookie";

export function csrfTokenFromRequest(request: Request): string | null {
  const m = new RegExp(`(?:^|;\\s*)${CSRF_COOKIE}=([A-Za-z0-9_-]{32,})`).exec(request.headers.get("Cookie") ?? "");
  return m?.[1] ?? null;
}

/** The token to render into forms: from the cookie, or the one the HTTP layer just set. */
export function csrfTokenFor(request: Request, context: unknown): string {
  const fromContext = (context as { csrfToken?: string } | undefined)?.csrfToken;
  return csrfTokenFromRequest(request) ?? fromContext ?? "";
}

export function isValidCsrf(request: Request, form: FormData): boolean {
  const cookie = csrfTokenFromRequest(request);
  const field = form.get(CSRF_FIELD);
  if (!cookie || typeof field !== "string" || field.length !== cookie.length) return false;
  return crypto.timingSafeEqual(Buffer.from(cookie), Buffer.from(field));
}
