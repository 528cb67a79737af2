import { useTranslation } from "~/lib/translate";
import type { AppLocale } from "~/lib/i18n";
import { ProductCard, type CardData } from "./product-card";
import { Pagination } from "./pagination";

export function ProductGrid({
  items,
  locale,
  page,
  pages,
  total,
}: {
  items: CardData[];
  locale: AppLocale;
  page: number;
  pages: number;
  total: number;
}) {
  const { t } = useTranslation();
  return (
    <>
      <p className="meta" data-testid="result-count">
        {t("list.count", { count: total })}
      </p>
      {items.length === 0 ? (
        <p>{t("list.empty")}</p>
      ) : (
        <div className="grid" data-testid="product-grid">
          {items.map((p, i) => (
            <ProductCard key={p.slug} product={p} locale={locale} eager={i < 2} />
          ))}
        </div>
      )}
      <Pagination page={page} pages={pages} />
    </>
  );
}
