import { Link } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";

/** For business and export buyers of export-ready goods: ask the trading house for a quote. */
export function QuoteInvitation({ to }: { to: string }) {
  const { t } = useTranslation();
  return (
    <aside className="quote-invitation" data-testid="quote-invitation">
      <p>{t("quote.invitation")}</p>
      <Link to={to} className="button-small">
        {t("quote.ask")}
      </Link>
    </aside>
  );
}
