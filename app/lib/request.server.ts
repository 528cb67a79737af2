import type { Params } from "@remix-run/react";
import { defaultLocale, localeFromParam, type AppLocale } from "./i18n";

export function routeLocale(params: Params): AppLocale {
  return localeFromParam(params.lang) ?? defaultLocale;
}

/** The client address the HTTP layer saw (behind a proxy: the forwarded one it trusts). */
export function clientIp(context: unknown): string {
  return (context as { ip?: string } | undefined)?.ip ?? "unknown";
}

/** The `?page=` of a listing: a whole number from 1 to 1000, else 1. */
export function pageParam(request: Request): number {
  const n = Number(new URL(request.url).searchParams.get("page") ?? "1");
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : 1;
}
