/**
 * Money: an exact amount in minor units (`bigint`) and an ISO 4217 currency.
 *
 * One rule for minor units, everywhere (database, Stripe, display): a currency's minor
 * unit is its ISO 4217 exponent as Stripe applies it — two decimals for IDR, SGD, MYR, USD
 * …, none for the zero-decimal currencies (VND, JPY, KRW …). Rp150.000 is `15000000n`;
 * ₫150.000 is `150000n`. Stripe takes our minor units unchanged.
 *
 * Rounding, stated once: a percentage of an amount is rounded half away from zero to the
 * currency's smallest unit in use — whole rupiah (100 minor units) for IDR, the minor unit
 * for every other currency. Splits never round: `split` hands out the remainder by largest
 * remainder, so the parts always sum to the whole.
 *
 * Nothing outside this module multiplies or divides by 100 to move between major and minor
 * units. This file has no server-only imports: components format with it too.
 */
import { numberFormat } from "~/lib/format";

export type Money = { readonly amount: bigint; readonly currency: string };

/** Stripe's (and ISO 4217's) zero-decimal currencies among those a person can pay or be quoted in. */
const ZERO_DECIMAL = new Set([
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "JPY",
  "KMF",
  "KRW",
  "MGA",
  "PYG",
  "RWF",
  "UGX",
  "VND",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
]);

/** The most a single money field in a form may hold: Rp100.000.000.000 (and the same number of major units elsewhere). */
export const MAX_FORM_MAJOR = 100_000_000_000n;

export class MoneyError extends Error {}

export function minorDigits(currency: string): 0 | 2 {
  return ZERO_DECIMAL.has(currency.toUpperCase()) ? 0 : 2;
}

export function minorPerMajor(currency: string): bigint {
  return minorDigits(currency) === 0 ? 1n : 100n;
}

/** The smallest amount actually in use: whole rupiah for IDR, the minor unit elsewhere. */
export function roundingStep(currency: string): bigint {
  return currency.toUpperCase() === "IDR" ? 100n : 1n;
}

/** Any integer-valued input as minor units; a fractional or unsafe JS number is refused. */
export function toMinor(amount: bigint | number | string): bigint {
  if (typeof amount === "bigint") return amount;
  if (typeof amount === "number") {
    if (!Number.isSafeInteger(amount)) throw new MoneyError(`not a whole number of minor units: ${amount}`);
    return BigInt(amount);
  }
  if (!/^-?\d+$/.test(amount)) throw new MoneyError(`not a whole number of minor units: ${amount}`);
  return BigInt(amount);
}

export function money(amount: bigint | number | string, currency: string): Money {
  return { amount: toMinor(amount), currency: currency.toUpperCase() };
}

function same(a: Money, b: Money) {
  if (a.currency !== b.currency) throw new MoneyError(`currency mismatch: ${a.currency} and ${b.currency}`);
}

export function add(a: Money, b: Money): Money {
  same(a, b);
  return { amount: a.amount + b.amount, currency: a.currency };
}

export function subtract(a: Money, b: Money): Money {
  same(a, b);
  return { amount: a.amount - b.amount, currency: a.currency };
}

/** A unit price times a quantity (quantities are whole units). */
export function times(a: Money, quantity: number | bigint): Money {
  return { amount: a.amount * toMinor(quantity), currency: a.currency };
}

export function sum(items: Iterable<Money>, currency: string): Money {
  let total = 0n;
  for (const m of items) {
    same(m, { amount: 0n, currency: currency.toUpperCase() });
    total += m.amount;
  }
  return { amount: total, currency: currency.toUpperCase() };
}

/** Sums plain minor-unit amounts (e.g. a column) exactly. */
export function sumMinor(amounts: Iterable<bigint>): bigint {
  let total = 0n;
  for (const a of amounts) total += a;
  return total;
}

/** numerator / denominator rounded half away from zero to a multiple of `step`. */
export function divideRounded(numerator: bigint, denominator: bigint, step = 1n): bigint {
  if (denominator <= 0n) throw new MoneyError("denominator must be positive");
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const unit = denominator * step;
  const q = (2n * n + unit) / (2n * unit); // floor(n/unit + 1/2)
  const r = q * step;
  return negative ? -r : r;
}

/** `bps` basis points (1 bp = 0.01%) of an amount, by the module's rounding rule. */
export function percentOf(a: Money, bps: number | bigint): Money {
  return { amount: divideRounded(a.amount * toMinor(bps), 10_000n, roundingStep(a.currency)), currency: a.currency };
}

/**
 * Splits a total into parts proportional to `weights` that sum to the total exactly: each
 * part gets its floor, and the leftover minor units go one by one to the largest remainders
 * (ties to the earlier part).
 */
export function split(total: Money, weights: Array<number | bigint>): Money[] {
  const w = weights.map(toMinor);
  if (w.some((x) => x < 0n)) throw new MoneyError("weights must not be negative");
  const wsum = sumMinor(w);
  if (w.length === 0) return [];
  if (wsum === 0n) throw new MoneyError("weights must not all be zero");
  const negative = total.amount < 0n;
  const whole = negative ? -total.amount : total.amount;
  const parts = w.map((x) => (whole * x) / wsum);
  const rema = w.map((x, i) => ({ i, r: (whole * x) % wsum }));
  let left = whole - sumMinor(parts);
  rema.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (let k = 0; left > 0n; k = (k + 1) % rema.length, left--) parts[rema[k].i] += 1n;
  return parts.map((p) => ({ amount: negative ? -p : p, currency: total.currency }));
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  same(a, b);
  return a.amount === b.amount ? 0 : a.amount < b.amount ? -1 : 1;
}

/** For sorting by plain minor-unit amounts. */
export function compareMinor(a: bigint, b: bigint): -1 | 0 | 1 {
  return a === b ? 0 : a < b ? -1 : 1;
}

/* ---------- rates in basis points ---------- */

/** "12,5" or "12.5" percent as typed → 1250 basis points; null when it is not a percentage with up to two decimals. */
export function percentToBps(typed: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(typed.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

/** 1250 basis points → "12.5" (for a form field or a memo). */
export function bpsToPercent(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const frac = String(bps % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : String(whole);
}

/* ---------- Stripe ---------- */

/** The `amount`/`unit_amount` Stripe expects: our minor units are Stripe's minor units. */
export function toStripeAmount(a: Money): number {
  const n = Number(a.amount);
  if (!Number.isSafeInteger(n)) throw new MoneyError(`amount too large for Stripe: ${a.amount}`);
  return n;
}

export function fromStripeAmount(amount: number, currency: string): Money {
  return money(amount, currency);
}

/* ---------- whole major units (filters, search facets) ---------- */

/** Whole major units → minor units: 150000 rupiah → 15000000n. */
export function majorToMinor(major: number | bigint, currency: string): bigint {
  return toMinor(major) * minorPerMajor(currency);
}

/** Minor units → whole major units, rounded down or up (a price range's ends). */
export function minorToMajor(amount: bigint | number, currency: string, round: "floor" | "ceil"): bigint {
  const a = toMinor(typeof amount === "number" ? Math.trunc(amount) : amount);
  const per = minorPerMajor(currency);
  const q = a / per;
  const r = a % per;
  if (r === 0n) return q;
  if (round === "floor") return a < 0n ? q - 1n : q;
  return a > 0n ? q + 1n : q;
}

/**
 * For a search engine that stores numbers as doubles (Meilisearch): exact up to 2^53 minor
 * units (Rp90 trillion), far above any price a form accepts; larger is refused, not rounded.
 */
export function toSafeNumber(amount: bigint): number {
  const n = Number(amount);
  if (!Number.isSafeInteger(n)) throw new MoneyError(`amount beyond exact double range: ${amount}`);
  return n;
}

/* ---------- major units as people type and read them ---------- */

/** The amount as a plain decimal string of major units: 15000050n IDR → "150000.5" (for CSV, Intl). */
export function toMajorString(a: Money | bigint, currency?: string): string {
  const amount = typeof a === "bigint" ? a : a.amount;
  const cur = typeof a === "bigint" ? currency! : a.currency;
  const per = minorPerMajor(cur);
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const whole = abs / per;
  const frac = abs % per;
  const fracText = per === 1n || frac === 0n ? "" : `.${frac.toString().padStart(2, "0").replace(/0+$/, "")}`;
  return `${negative ? "-" : ""}${whole}${fracText}`;
}

/** Whole major units for bank files (rounded half away from zero to the major unit). */
export function toWholeMajorString(a: Money): string {
  return divideRounded(a.amount, minorPerMajor(a.currency)).toString();
}

export type ParseRefusal = "invalid" | "too-large" | "negative";

/**
 * What a person typed → minor units. Rupiah are whole: "150.000", "150,000", "150 000" and
 * "150000" are all Rp150.000. Other currencies take a decimal part of up to their minor
 * digits, with "." or "," as decimal mark ("12.50", "12,5") and no thousands separators.
 * Refuses more than MAX_FORM_MAJOR major units.
 */
export function parseMoneyInput(
  typed: string,
  currency: string,
  max: bigint = MAX_FORM_MAJOR,
): { ok: true; amount: bigint } | { ok: false; reason: ParseRefusal } {
  const s = typed.trim();
  if (s.startsWith("-")) return { ok: false, reason: "negative" };
  const per = minorPerMajor(currency);
  let amount: bigint;
  if (currency.toUpperCase() === "IDR" || per === 1n) {
    if (!/^\d{1,3}([.,\s]\d{3})*$|^\d+$/.test(s)) return { ok: false, reason: "invalid" };
    amount = BigInt(s.replace(/[.,\s]/g, "")) * per;
  } else {
    const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(s);
    if (!m) return { ok: false, reason: "invalid" };
    amount = BigInt(m[1]) * per + BigInt((m[2] ?? "0").padEnd(2, "0"));
  }
  if (amount > max * per) return { ok: false, reason: "too-large" };
  return { ok: true, amount };
}

/** Minor units back to what a form field shows ("150000", "12.5"). */
export function toInputString(a: bigint, currency: string): string {
  return toMajorString(a, currency);
}

/* ---------- display ---------- */

export type MoneyLocale = "id" | "en";
const intlLocale: Record<MoneyLocale, string> = { id: "id-ID", en: "en-GB" };

type ExactFormat = (value: string) => string;

/**
 * Rp150.000 / IDR 150,000; other currencies with their code (id) or symbol (en). Whole
 * amounts show no decimals, as Indonesians write rupiah. Exact at any size: Intl formats
 * the decimal string, never a float.
 */
export function formatMoney(amountMinor: bigint | number, currency: string, locale: MoneyLocale): string {
  const amount = toMinor(amountMinor);
  const cur = currency.toUpperCase();
  const whole = amount % minorPerMajor(cur) === 0n;
  const fractionDigits = whole ? 0 : minorDigits(cur);
  const major = toMajorString(amount, cur);
  if (cur === "IDR") {
    const f = numberFormat(intlLocale[locale], {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    const n = (f.format as unknown as ExactFormat)(major);
    return locale === "id" ? `Rp${n}` : `IDR ${n}`;
  }
  const f = numberFormat(intlLocale[locale], {
    style: "currency",
    currency: cur,
    currencyDisplay: locale === "id" ? "code" : "symbol",
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: minorDigits(cur),
  });
  return (f.format as unknown as ExactFormat)(major);
}

/** Trade documents show every amount with its currency's full decimals and symbol, in en-US (US$261.00). */
export function formatDocumentMoney(amountMinor: bigint, currency: string): string {
  const cur = currency.toUpperCase();
  const digits = minorDigits(cur);
  const f = numberFormat("en-US", {
    style: "currency",
    currency: cur,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return (f.format as unknown as ExactFormat)(toMajorString(amountMinor, cur));
}

export function format(a: Money, locale: MoneyLocale): string {
  return formatMoney(a.amount, a.currency, locale);
}

/* ---------- conversion for display ---------- */

const RATE_SCALE = 1_000_000n;

/** "16250.5" (rupiah for one unit of the other currency, as stored with six decimals) → scaled integer. */
function scaledRate(idrPerUnit: string | number): bigint {
  const s = String(idrPerUnit);
  const m = /^(\d+)(?:\.(\d{1,6})\d*)?$/.exec(s);
  if (!m) throw new MoneyError(`not a rate: ${s}`);
  return BigInt(m[1]) * RATE_SCALE + BigInt((m[2] ?? "").padEnd(6, "0"));
}

/** An IDR amount in another currency at a dated rate, rounded to that currency's minor unit (to the nearest, or up for a price that must keep its margin). */
export function convertFromIdr(
  idrMinor: bigint | number,
  rate: { currency: string; idrPerUnit: string | number },
  round: "nearest" | "up" = "nearest",
): bigint {
  if (rate.currency === "IDR") return toMinor(idrMinor);
  const r = scaledRate(rate.idrPerUnit);
  if (r === 0n) throw new MoneyError("zero rate");
  // foreign minor = idr minor / 100 / rate × minorPerMajor(foreign)
  const n = toMinor(idrMinor) * minorPerMajor(rate.currency) * RATE_SCALE;
  const d = minorPerMajor("IDR") * r;
  if (round === "nearest") return divideRounded(n, d);
  return n >= 0n ? (n + d - 1n) / d : -(-n / d);
}

/** An amount in `rate.currency` in rupiah at a dated rate, to the nearest sen. */
export function convertToIdr(minor: bigint, rate: { currency: string; idrPerUnit: string | number }): bigint {
  if (rate.currency === "IDR") return minor;
  const r = scaledRate(rate.idrPerUnit);
  return divideRounded(minor * r * minorPerMajor("IDR"), minorPerMajor(rate.currency) * RATE_SCALE);
}

/* ---------- JSON ---------- */

/** JSON.stringify replacer: amounts travel as decimal strings of minor units, never as lossy numbers. */
export function jsonReplacer(_key: string, value: unknown) {
  return typeof value === "bigint" ? value.toString() : value;
}
