import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";

/** Previous / next links that keep every other query parameter (work without JavaScript). */
export function Pagination({ page, pages }: { page: number; pages: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  if (pages <= 1) return null;
  const href = (n: number) => {
    const sp = new URLSearchParams(location.search);
    if (n === 1) sp.delete("page");
    else sp.set("page", String(n));
    const qs = sp.toString();
    return `${location.pathname}${qs ? `?${qs}` : ""}`;
  };
  return (
    <nav className="pagination" aria-label={t("list.pagination")}>
      {page > 1 ? (
        <Link to={href(page - 1)} rel="prev">
          {t("list.prev")}
        </Link>
      ) : (
        <span />
      )}
      <span>{t("list.pageOf", { page, pages })}</span>
      {page < pages ? (
        <Link to={href(page + 1)} rel="next">
          {t("list.next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
