import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { ProductGrid } from "~/components/product-grid";
import { regionPage } from "~/domain/catalogue/listings.server";
import { localePath } from "~/lib/i18n";
import { pageParam, routeLocale } from "~/lib/request.server";
import { pageMeta } from "~/lib/seo";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = routeLocale(params);
  const region = await regionPage(params.slug ?? "", pageParam(request), locale);
  if (!region) throw new Response("Not found", { status: 404 });
  return { locale, region };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? pageMeta({ title: data.region.name, description: data.region.name, locale: data.locale }) : [];

export default function RegionRoute() {
  const { locale, region } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const lp = (p: string) => localePath(p, locale);
  return (
    <div className="container">
      <nav aria-label={t("product.breadcrumb")} className="breadcrumb">
        <Link to={lp("/")}>{t("nav.home")}</Link>
        {region.province && (
          <>
            {" › "}
            <Link to={lp(`/regions/${region.province.slug}`)}>{region.province.name}</Link>
          </>
        )}
      </nav>
      <h1>{region.name}</h1>
      {region.regencies.length > 0 && (
        <ul className="chips" aria-label={t("list.regencies")}>
          {region.regencies.map((r) => (
            <li key={r.slug}>
              <Link to={lp(`/regions/${r.slug}`)}>
                {r.name} <small>({t("home.producerCount", { count: r.producers })})</small>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <ProductGrid {...region.products} locale={locale} />
    </div>
  );
}
