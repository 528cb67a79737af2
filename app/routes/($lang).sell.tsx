import { Outlet, useRouteLoaderData } from "@remix-run/react";
import { AreaNav } from "~/components/area-nav";
import { defaultLocale } from "~/lib/i18n";
import type { RootData } from "~/root";

/** Every producer page: the producer's menu above it (each page checks membership itself). */
export default function SellLayout() {
  const root = useRouteLoaderData<RootData>("root");
  return (
    <>
      <div className="container">
        <AreaNav area="sell" locale={root?.locale ?? defaultLocale} />
      </div>
      <Outlet />
    </>
  );
}
