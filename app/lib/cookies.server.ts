/**
 * Every cookie the app sets, in one place, at the HTTP edge, so domain code sees plain values.
 * The session, the guest cart and the display currency are Remix cookies (`createCookie`); the
 * CSRF cookie is a raw token signed by csrf.server.ts, issued by the HTTP front before Remix runs.
 */
import { createCookie } from "@remix-run/node";
import { isDisplayCurrency, type DisplayCurrency } from "~/domain/catalogue/currency.server";
import { CSRF_COOKIE } from "./csrf-cookie";
import { getEnv } from "./env.server";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** The session cookie: signed, httpOnly, Secure behind TLS (SECURE_COOKIES), holding only the session id. */
export function sessionCookie(request: Request) {
  const env = getEnv();
  const secure =
    env.SECURE_COOKIES === "true" || (env.SECURE_COOKIES === "auto" && new URL(request.url).protocol === "https:");
  return createCookie("__session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    secrets: [env.SESSION_SECRET],
    maxAge: SESSION_TTL_MS / 1000,
  });
}

/** The CSRF token a raw Cookie header carries (the HTTP front checks it was issued by us). */
export function csrfFromCookieHeader(cookieHeader: string | undefined): string | null {
  return /(?:^|;\s*)__csrf=([A-Za-z0-9_-]+)/.exec(cookieHeader ?? "")?.[1] ?? null;
}

export function csrfSetCookie(token: string, secure: boolean) {
  return `${CSRF_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

const CART = "__cart";
const cart = createCookie(CART, { path: "/", httpOnly: true, sameSite: "lax", maxAge: 30 * 86_400 });
const currency = createCookie("__currency", { path: "/", sameSite: "lax", maxAge: 365 * 86_400 });
const CART_ID = /^[a-z0-9]{20,40}$/;

/** One cookie of a request, if its value has the expected form. */
export function readCookie(request: Request, name: string, pattern: RegExp): string | null {
  const raw = request.headers.get("Cookie") ?? "";
  for (const part of raw.split(/;\s*/)) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq) === name) {
      const value = part.slice(eq + 1);
      return pattern.test(value) ? value : null;
    }
  }
  return null;
}

/** The guest cart this browser holds, if its cookie names one (a raw id from before Remix cookies still counts). */
export async function guestCartId(request: Request): Promise<string | null> {
  const value: unknown = await cart.parse(request.headers.get("Cookie"));
  if (typeof value === "string") return CART_ID.test(value) ? value : null;
  return readCookie(request, CART, CART_ID);
}

/** Set-Cookie for the guest cart (or its removal, with null). */
export async function cartCookie(cartId: string | null) {
  return cartId ? cart.serialize(cartId) : cart.serialize("", { maxAge: 0 });
}

/** The display currency this browser chose, if any. */
export async function currencyFromCookie(request: Request): Promise<DisplayCurrency | null> {
  const value: unknown = await currency.parse(request.headers.get("Cookie"));
  return isDisplayCurrency(value) ? value : null;
}

export function currencyCookie(choice: DisplayCurrency) {
  return currency.serialize(choice);
}

/** The display currency a cookie header names, for the page cache (which runs before Remix). */
export function currencyKey(cookieHeader: string): string {
  const raw = /(?:^|;\s*)__currency=([^;]+)/.exec(cookieHeader)?.[1];
  if (!raw) return "";
  try {
    const value: unknown = JSON.parse(Buffer.from(decodeURIComponent(raw), "base64").toString("utf8"));
    return isDisplayCurrency(value) ? value : "";
  } catch {
    return "";
  }
}

/** Whose cart a request is about: the signed-in user's, or the guest cart its cookie names. */
export async function cartOwner(request: Request, userId: string | null) {
  return { userId, guestCartId: userId ? null : await guestCartId(request) };
}
