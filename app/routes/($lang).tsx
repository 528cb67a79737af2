import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, type ShouldRevalidateFunction } from "@remix-run/react";
import { localeFromParam } from "~/lib/i18n";
import { pageMessages } from "~/lib/route-messages.server";

/**
 * Every page lives under the optional locale prefix; an unknown prefix is a 404. This layout
 * carries the messages of the page's routes (their `handle.i18n`, see route-messages.server.ts).
 */
export function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = localeFromParam(params.lang);
  if (!locale) throw new Response("Not found", { status: 404 });
  return { messages: pageMessages(request, context, locale) };
}

/** Another path may be another route with other namespaces. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  currentUrl.pathname !== nextUrl.pathname || defaultShouldRevalidate;

export default function LocaleLayout() {
  return <Outlet />;
}
