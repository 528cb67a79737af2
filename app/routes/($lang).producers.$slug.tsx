import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { CertificateList } from "~/components/certificate-list";
import { ProductGrid } from "~/components/product-grid";
import { producerPage } from "~/domain/catalogue/listings.server";
import { appUrl } from "~/lib/env.server";
import { localePath } from "~/lib/i18n";
import { pageParam, routeLocale } from "~/lib/request.server";
import { jsonLd, pageMeta } from "~/lib/seo";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["cert", "list", "product", "scale", "units"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = routeLocale(params);
  const producer = await producerPage(params.slug ?? "", pageParam(request), locale);
  if (!producer) throw new Response("Not found", { status: 404 });
  return { locale, producer, origin: appUrl() };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta({
        title: data.producer.name,
        description: data.producer.story,
        locale: data.locale,
        url: `${data.origin}${localePath(`/producers/${data.producer.slug}`, data.locale)}`,
      })
    : [];

export default function ProducerRoute() {
  const { locale, producer, origin } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const ld = {
    "@context": "https://schema.org",
    "@type": "Organization",
    name: producer.name,
    description: producer.story,
    url: `${origin}${localePath(`/producers/${producer.slug}`, locale)}`,
    address: { "@type": "PostalAddress", addressRegion: producer.region, addressCountry: "ID" },
  };
  return (
    <div className="container">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd(ld) }} />
      <h1>{producer.name}</h1>
      <p className="meta">
        <Link to={localePath(`/regions/${producer.regionSlug}`, locale)}>{producer.region}</Link> ·{" "}
        {t(`scale.${producer.scale}`)}
      </p>
      <p>{producer.story}</p>
      <CertificateList certifications={producer.certifications} locale={locale} headingId="pcerts-h" />
      <section className="section" aria-labelledby="pprod-h">
        <h2 id="pprod-h">{t("list.products")}</h2>
        <ProductGrid {...producer.products} locale={locale} />
      </section>
    </div>
  );
}
