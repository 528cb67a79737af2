import { NavLink, Outlet, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { defaultLocale, localePath, type AppLocale } from "~/lib/i18n";
import type { RootData } from "~/root";

export const TRADE_PAGES = [
  "verification",
  "orders",
  "payments",
  "rfq",
  "lots",
  "destinations",
  "receivables",
  "payouts",
  "impact",
  "events",
  "settings",
  "shipping",
  "vouchers",
  "reviews",
  "partners",
  "import",
  "jobs",
] as const;

export const SELL_PAGES = ["products", "orders", "reviews", "lots", "certificates", "profile"] as const;

/**
 * The menu of a work area (staff at /trade, producers at /sell) at the top of each of its pages:
 * one line that scrolls sideways on a phone, the current page marked.
 */
export function AreaNav({ area, locale }: { area: "trade" | "sell"; locale: AppLocale }) {
  const { t } = useTranslation();
  const pages = area === "trade" ? TRADE_PAGES : SELL_PAGES;
  return (
    <nav className="subnav area-nav" aria-label={t(area === "trade" ? "nav.trade" : "nav.sell")}>
      <NavLink to={localePath(`/${area}`, locale)} end>
        {t(`${area}Nav.home`)}
      </NavLink>
      {pages.map((p) => (
        <NavLink key={p} to={localePath(`/${area}/${p}`, locale)}>
          {t(`${area}Nav.${p}`)}
        </NavLink>
      ))}
    </nav>
  );
}

/** A work area's layout route: its menu above every page (each page still checks who may see it). */
export function AreaLayout({ area }: { area: "trade" | "sell" }) {
  const root = useRouteLoaderData<RootData>("root");
  return (
    <>
      <div className="container">
        <AreaNav area={area} locale={root?.locale ?? defaultLocale} />
      </div>
      <Outlet />
    </>
  );
}
