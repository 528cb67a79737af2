/**
 * CSRF protection for every mutation: a double-submit token. The HTTP layer gives each
 * visitor a `__csrf` cookie (HttpOnly, SameSite=Lax); every form carries the same value in a
 * hidden field, which a cross-site page cannot read.
 *
 * The token is issued by the server and signed: 32 random characters and an HMAC of them
 * under SESSION_SECRET. A cookie the server did not issue is ignored and replaced, so no
 * client can choose its token — which matters for the anonymous page cache, which stores
 * pages with the token cut out and fills in each visitor's own (a chosen token equal to a
 * product slug made the next visitor's page link to that visitor's token; decision 008).
 */
import crypto from "node:crypto";
import { readCookie } from "./cookies.server";
import { CSRF_COOKIE, CSRF_FIELD } from "./csrf-cookie";

const RANDOM_CHARS = 32;
const MAC_CHARS = 22;
const SHAPE = new RegExp(`^[A-Za-z0-9_-]{${RANDOM_CHARS + MAC_CHARS}}$`);

function mac(secret: string, random: string) {
  return crypto.createHmac("sha256", secret).update(`csrf:${random}`).digest("base64url").slice(0, MAC_CHARS);
}

function secret(): string {
  const s = process.env.SESSION_SECRET;
  if (!s) throw new Error("SESSION_SECRET is not set");
  return s;
}

/** A fresh token for a visitor (24 random bytes, signed). */
export function issueCsrfToken(key = secret()): string {
  const random = crypto.randomBytes(24).toString("base64url");
  return random + mac(key, random);
}

/** Whether the server issued this token (its signature holds). */
export function isIssuedCsrfToken(token: string | null | undefined, key = secret()): token is string {
  if (!token || !SHAPE.test(token)) return false;
  const expected = mac(key, token.slice(0, RANDOM_CHARS));
  return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(token.slice(RANDOM_CHARS)));
}

export function csrfTokenFromRequest(request: Request): string | null {
  const token = readCookie(request, CSRF_COOKIE, /^[A-Za-z0-9_-]+$/);
  return isIssuedCsrfToken(token) ? token : null;
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
