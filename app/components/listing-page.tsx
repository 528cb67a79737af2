import { Link } from "@remix-run/react";
import type { ComponentProps, ReactNode } from "react";
import { ProductGrid } from "~/components/product-grid";
import type { AppLocale } from "~/lib/i18n";
import { localePath } from "~/lib/i18n";
import { useTranslation } from "~/lib/translate";

/** A category or region page: breadcrumb, heading, links one level down, the products. */
export function ListingPage(props: {
  locale: AppLocale;
  name: string;
  parent: { path: string; name: string } | null;
  below: { label: string; links: Array<{ key: string; path: string; content: ReactNode }> };
  products: Omit<ComponentProps<typeof ProductGrid>, "locale">;
  /** shown under the heading (a category's invitation to ask for a quote) */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const lp = (p: string) => localePath(p, props.locale);
  return (
    <div className="container">
      <nav aria-label={t("product.breadcrumb")} className="breadcrumb">
        <Link to={lp("/")}>{t("nav.home")}</Link>
        {props.parent && (
          <>
            {" › "}
            <Link to={lp(props.parent.path)}>{props.parent.name}</Link>
          </>
        )}
      </nav>
      <h1>{props.name}</h1>
      {props.children}
      {props.below.links.length > 0 && (
        <ul className="chips" aria-label={props.below.label}>
          {props.below.links.map((l) => (
            <li key={l.key}>
              <Link to={lp(l.path)}>{l.content}</Link>
            </li>
          ))}
        </ul>
      )}
      <ProductGrid {...props.products} locale={props.locale} />
    </div>
  );
}
