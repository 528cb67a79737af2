/**
 * Numbers, dates and money per locale. Money is integer minor units + ISO currency:
 * IDR has two decimals in minor units (Rp150.000 = 15000000) but is shown without
 * cents when whole, as Indonesians write it.
 */
import type { AppLocale } from "./i18n";

const intlLocale: Record<AppLocale, string> = { id: "id-ID", en: "en-GB" };

/** Minor units per major unit for the currencies Anjung uses (Stripe's rules). */
const ZERO_DECIMAL = new Set(["BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"]);

export function minorUnitsPerMajor(currency: string): number {
  return ZERO_DECIMAL.has(currency.toUpperCase()) ? 1 : 100;
}

// Intl formatters are costly to build (a fraction of a millisecond each); keep one per shape.
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, opts: Intl.NumberFormatOptions) {
  const key = `${locale}|${JSON.stringify(opts)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, opts);
    formatters.set(key, f);
  }
  return f;
}

export function formatMoney(amountMinor: number, currency: string, locale: AppLocale): string {
  const major = amountMinor / minorUnitsPerMajor(currency);
  const whole = Number.isInteger(major);
  const fractionDigits = whole ? 0 : 2;
  if (currency === "IDR") {
    const n = numberFormat(intlLocale[locale], {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    }).format(major);
    return locale === "id" ? `Rp${n}` : `IDR ${n}`;
  }
  return numberFormat(intlLocale[locale], {
    style: "currency",
    currency,
    currencyDisplay: locale === "id" ? "code" : "symbol",
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: 2,
  }).format(major);
}

export function formatNumber(n: number, locale: AppLocale): string {
  return numberFormat(intlLocale[locale], {}).format(n);
}

export function formatDate(d: Date | string, locale: AppLocale): string {
  const date = typeof d === "string" ? new Date(d) : d;
  return new Intl.DateTimeFormat(intlLocale[locale], { day: "numeric", month: "long", year: "numeric", timeZone: "Asia/Jakarta" }).format(date);
}

/**
 * Date and time in Western Indonesia time, e.g. for payment deadlines. The zone's name is
 * written out (not asked of Intl) so server and browser render the same text.
 */
export function formatDateTime(d: Date | string, locale: AppLocale): string {
  const date = typeof d === "string" ? new Date(d) : d;
  return `${new Intl.DateTimeFormat(intlLocale[locale], { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Asia/Jakarta" }).format(date)} WIB`;
}
