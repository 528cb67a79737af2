import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { localeFromParam } from "~/lib/i18n";

/** Every page lives under the optional locale prefix; an unknown prefix is a 404. */
export function loader({ params }: LoaderFunctionArgs) {
  if (!localeFromParam(params.lang)) throw new Response("Not found", { status: 404 });
  return null;
}

export default function LocaleLayout() {
  return <Outlet />;
}
