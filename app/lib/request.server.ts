import type { Params } from "@remix-run/react";
import { defaultLocale, localeFromParam, type AppLocale } from "./i18n";

export function routeLocale(params: Params): AppLocale {
  return localeFromParam(params.lang) ?? defaultLocale;
}

/** The client address the HTTP layer saw (behind a proxy: the forwarded one it trusts). */
export function clientIp(context: unknown): string {
  return (context as { ip?: string } | undefined)?.ip ?? "unknown";
}
