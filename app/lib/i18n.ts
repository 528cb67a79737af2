/**
 * Two languages: Indonesian (default, no prefix) and English (under /en).
 * Shared by server and browser; the texts themselves live in app/locales/*.json.
 */

export const locales = ["id", "en"] as const;
export type AppLocale = (typeof locales)[number];
export const defaultLocale: AppLocale = "id";

/** The `($lang)` URL segment → locale; undefined for an unknown segment (a 404). */
export function localeFromParam(lang: string | undefined): AppLocale | undefined {
  if (lang === undefined) return defaultLocale;
  return lang === "en" ? "en" : undefined;
}

/**
 * Prefixes an app path for a locale: ("/login", "en") → "/en/login". Leading slashes and
 * backslashes collapse to one, so a path taken from a request ("//evil.example/x" on a 404)
 * never becomes a link to another host.
 */
export function localePath(path: string, locale: AppLocale): string {
  const clean = `/${path.replace(/^[/\\\s]+/, "")}`;
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

/** What a route module declares in `handle`: the locale namespaces its components use (route-messages.server.ts). */
export type RouteHandle = { i18n?: readonly string[] };

/** The name of the first thing given, in the page's language (a lot's product, else its category). */
export function nameIn(locale: AppLocale, ...things: Array<{ nameId: string; nameEn: string } | null | undefined>) {
  const first = things.find((x) => x);
  return first ? (locale === "en" ? first.nameEn : first.nameId) : "";
}
