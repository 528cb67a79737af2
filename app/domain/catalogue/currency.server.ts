/**
 * Display currencies. IDR is the price of record; USD, SGD, MYR and THB are shown from the
 * latest staff-maintained ExchangeRate rows, with the rate's date. The choice is kept on the
 * account when signed in (and in a cookie, by the HTTP edge: app/lib/cookies.server.ts).
 */
import { db } from "~/lib/db.server";

export const DISPLAY_CURRENCIES = ["IDR", "USD", "SGD", "MYR", "THB"] as const;
export type DisplayCurrency = (typeof DISPLAY_CURRENCIES)[number];

export function isDisplayCurrency(x: unknown): x is DisplayCurrency {
  return typeof x === "string" && (DISPLAY_CURRENCIES as readonly string[]).includes(x);
}

export type DisplayRate = { currency: DisplayCurrency; idrPerUnit: string; rateDate: string } | null;

/** The latest rate for a display currency, or null for IDR (or when staff have entered none). */
export async function displayRate(currency: DisplayCurrency): Promise<DisplayRate> {
  if (currency === "IDR") return null;
  const row = await db.exchangeRate.findFirst({ where: { currency }, orderBy: { rateDate: "desc" } });
  if (!row) return null;
  return { currency, idrPerUnit: row.idrPerUnit.toString(), rateDate: row.rateDate.toISOString().slice(0, 10) };
}

/** A signed-in buyer's choice of display currency is kept on the account. */
export async function rememberCurrency(userId: string | null, currency: DisplayCurrency) {
  if (userId) await db.user.update({ where: { id: userId }, data: { displayCurrency: currency } });
}
