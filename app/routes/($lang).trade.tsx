import { Outlet, useRouteLoaderData } from "@remix-run/react";
import { AreaNav } from "~/components/area-nav";
import { defaultLocale } from "~/lib/i18n";
import type { RootData } from "~/root";

/** Every staff page: the trading house's menu above it (each page checks the staff role itself). */
export default function TradeLayout() {
  const root = useRouteLoaderData<RootData>("root");
  return (
    <>
      <div className="container">
        <AreaNav area="trade" locale={root?.locale ?? defaultLocale} />
      </div>
      <Outlet />
    </>
  );
}
