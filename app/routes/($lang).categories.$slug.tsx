import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { ProductGrid } from "~/components/product-grid";
import { categoryPage } from "~/domain/catalogue/listings.server";
import { localePath } from "~/lib/i18n";
import { pageParam, routeLocale } from "~/lib/request.server";
import { pageMeta } from "~/lib/seo";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = routeLocale(params);
  const category = await categoryPage(params.slug ?? "", pageParam(request), locale);
  if (!category) throw new Response("Not found", { status: 404 });
  return { locale, category };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta({ title: data.category.name, description: data.category.name, locale: data.locale }) : [];

export default function CategoryRoute() {
  const { locale, category } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const lp = (p: string) => localePath(p, locale);
  return (
    <div className="container">
      <nav aria-label={t("product.breadcrumb")} className="breadcrumb">
        <Link to={lp("/")}>{t("nav.home")}</Link>
        {category.parent && (
          <>
            {" › "}
            <Link to={lp(`/categories/${category.parent.slug}`)}>{category.parent.name}</Link>
          </>
        )}
      </nav>
      <h1>{category.name}</h1>
      {category.children.length > 0 && (
        <ul className="chips" aria-label={t("list.subcategories")}>
          {category.children.map((c) => (
            <li key={c.slug}>
              <Link to={lp(`/categories/${c.slug}`)}>{c.name}</Link>
            </li>
          ))}
        </ul>
      )}
      <ProductGrid {...category.products} locale={locale} />
    </div>
  );
}
