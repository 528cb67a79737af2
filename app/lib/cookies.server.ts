/**
 * Every cookie but the session (session.server.ts, a signed Remix cookie): read from the
 * request and written as Set-Cookie here, at the HTTP edge, so domain code sees plain values.
 * The values stay in their raw form because the HTTP front (scripts/lib/page-cache.ts) reads
 * `__cart` and `__currency` before Remix does.
 */
import { isDisplayCurrency, type DisplayCurrency } from "~/domain/catalogue/currency.server";

const CART = "__cart";
const CURRENCY = "__currency";

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

/** The guest cart this browser holds, if its cookie names one. */
export function guestCartId(request: Request): string | null {
  return readCookie(request, CART, /^[a-z0-9]{20,40}$/);
}

/** Set-Cookie for the guest cart (or its removal, with null). */
export function cartCookie(cartId: string | null) {
  return cartId
    ? `${CART}=${cartId}; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000`
    : `${CART}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}

/** The display currency this browser chose, if any. */
export function currencyFromCookie(request: Request): DisplayCurrency | null {
  const v = readCookie(request, CURRENCY, /^[A-Z]{3}$/);
  return isDisplayCurrency(v) ? v : null;
}

export function currencyCookie(currency: DisplayCurrency) {
  return `${CURRENCY}=${currency}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

/** Whose cart a request is about: the signed-in user's, or the guest cart its cookie names. */
export function cartOwner(request: Request, userId: string | null) {
  return { userId, guestCartId: userId ? null : guestCartId(request) };
}
