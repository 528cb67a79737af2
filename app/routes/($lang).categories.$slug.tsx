import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { ListingPage } from "~/components/listing-page";
import { QuoteInvitation } from "~/components/quote-invitation";
import { localePath } from "~/lib/i18n";
import { categoryPage } from "~/domain/catalogue/listings.server";
import { pageParam, routeLocale } from "~/lib/request.server";
import { pageMeta } from "~/lib/seo";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["cert", "list", "product", "quote", "units"] };

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
  return (
    <ListingPage
      locale={locale}
      name={category.name}
      parent={category.parent && { path: `/categories/${category.parent.slug}`, name: category.parent.name }}
      below={{
        label: t("list.subcategories"),
        links: category.children.map((c) => ({ key: c.slug, path: `/categories/${c.slug}`, content: c.name })),
      }}
      products={category.products}
    >
      {category.exportReady && (
        <QuoteInvitation to={`${localePath("/rfq", locale)}?${new URLSearchParams({ category: category.slug })}`} />
      )}
    </ListingPage>
  );
}
