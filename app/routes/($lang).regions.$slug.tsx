import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { ListingPage } from "~/components/listing-page";
import { regionPage } from "~/domain/catalogue/listings.server";
import { pageParam, routeLocale } from "~/lib/request.server";
import { pageMeta } from "~/lib/seo";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["cert", "home", "list", "product", "units"] };

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
  return (
    <ListingPage
      locale={locale}
      name={region.name}
      parent={region.province && { path: `/regions/${region.province.slug}`, name: region.province.name }}
      below={{
        label: t("list.regencies"),
        links: region.regencies.map((r) => ({
          key: r.slug,
          path: `/regions/${r.slug}`,
          content: (
            <>
              {r.name} <small>({t("home.producerCount", { count: r.producers })})</small>
            </>
          ),
        })),
      }}
      products={region.products}
    />
  );
}
