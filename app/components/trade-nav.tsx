import { NavLink } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { localePath, type AppLocale } from "~/lib/i18n";

const PAGES = [
  "verification",
  "orders",
  "payments",
  "rfq",
  "lots",
  "payouts",
  "impact",
  "settings",
  "partners",
  "import",
  "jobs",
] as const;

/** The staff pages, one line of links at the top of each. */
export function TradeNav({ locale }: { locale: AppLocale }) {
  const { t } = useTranslation();
  return (
    <nav className="subnav" aria-label={t("nav.trade")}>
      {PAGES.map((p) => (
        <NavLink key={p} to={localePath(`/trade/${p}`, locale)} end={false}>
          {t(`tradeNav.${p}`)}
        </NavLink>
      ))}
    </nav>
  );
}
