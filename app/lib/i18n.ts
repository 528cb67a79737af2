/**
 * Two languages: Indonesian (default, no prefix) and English (under /en).
 * Shared by server and browser; the texts themselves live in app/locales/*.json.
 */
import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";

export const locales = ["id", "en"] as const;
export type AppLocale = (typeof locales)[number];
export const defaultLocale: AppLocale = "id";

/** The `($lang)` URL segment → locale; undefined for an unknown segment (a 404). */
export function localeFromParam(lang: string | undefined): AppLocale | undefined {
  if (lang === undefined) return defaultLocale;
  return lang === "en" ? "en" : undefined;
}

/** Prefixes an app path for a locale: ("/login", "en") → "/en/login". */
export function localePath(path: string, locale: AppLocale): string {
  const clean = path.startsWith("/") ? path : `/${path}`;
  if (locale === defaultLocale) return clean;
  return clean === "/" ? `/${locale}` : `/${locale}${clean}`;
}

/** Removes a locale prefix: "/en/login?x=1" → "/login?x=1". */
export function stripLocale(pathname: string): string {
  const m = /^\/en(?=\/|$|\?)/.exec(pathname);
  if (!m) return pathname || "/";
  const rest = pathname.slice(3);
  return rest === "" || rest.startsWith("?") ? `/${rest}` : rest;
}

/** The same page in another locale (keeps the query string). */
export function switchLocalePath(pathWithSearch: string, to: AppLocale): string {
  return localePath(stripLocale(pathWithSearch), to);
}

export type Messages = Record<string, unknown>;

const instances = new Map<AppLocale, { messages: Messages; i18n: I18n }>();

/**
 * A synchronous i18next instance for a locale. Instances are kept per locale (their
 * language never changes), so a render does not rebuild one.
 */
export function createI18n(locale: AppLocale, messages: Messages): I18n {
  const cached = instances.get(locale);
  if (cached && (cached.messages === messages || JSON.stringify(cached.messages) === JSON.stringify(messages))) return cached.i18n;
  const i18n = buildI18n(locale, messages);
  instances.set(locale, { messages, i18n });
  return i18n;
}

function buildI18n(locale: AppLocale, messages: Messages): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: false,
    resources: { [locale]: { translation: messages } },
    interpolation: { escapeValue: false }, // React escapes
    initImmediate: false,
    returnNull: false,
  });
  return instance;
}
