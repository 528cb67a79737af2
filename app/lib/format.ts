/** Numbers and dates per locale (money: `app/domain/money`). */
import type { AppLocale } from "./i18n";

const intlLocale: Record<AppLocale, string> = { id: "id-ID", en: "en-GB" };

// Intl formatters are costly to build (a fraction of a millisecond each); keep one per shape.
const formatters = new Map<string, Intl.NumberFormat>();
export function numberFormat(locale: string, opts: Intl.NumberFormatOptions) {
  const key = `${locale}|${JSON.stringify(opts)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, opts);
    formatters.set(key, f);
  }
  return f;
}

export function formatNumber(n: number, locale: AppLocale): string {
  return numberFormat(intlLocale[locale], {}).format(n);
}

const DATE: Intl.DateTimeFormatOptions = { day: "numeric", month: "long", year: "numeric", timeZone: "Asia/Jakarta" };
const DATE_TIME: Intl.DateTimeFormatOptions = { ...DATE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
const dateFormatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: AppLocale, withTime: boolean) {
  const key = `${locale}|${withTime}`;
  let f = dateFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale[locale], withTime ? DATE_TIME : DATE);
    dateFormatters.set(key, f);
  }
  return f;
}

export function formatDate(d: Date | string, locale: AppLocale): string {
  return dateFormat(locale, false).format(typeof d === "string" ? new Date(d) : d);
}

/**
 * Date and time in Western Indonesia time, e.g. for payment deadlines. The zone's name is
 * written out (not asked of Intl) so server and browser render the same text.
 */
export function formatDateTime(d: Date | string, locale: AppLocale): string {
  return `${dateFormat(locale, true).format(typeof d === "string" ? new Date(d) : d)} WIB`;
}

/** "72 pieces" / "72 buah": a quantity with its unit, in the reader's language and plural. */
export function formatQuantity(
  t: (key: string, options?: Record<string, unknown>) => string,
  locale: AppLocale,
  quantity: number,
  unit: string,
): string {
  return `${formatNumber(quantity, locale)} ${t(`units.${unit}`, { count: quantity, defaultValue: unit })}`;
}
