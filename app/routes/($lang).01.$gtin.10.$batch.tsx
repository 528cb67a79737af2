import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { batchProvenance } from "~/domain/trade/batches.server";
import { formatDate, formatQuantity } from "~/lib/format";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { useTranslation } from "~/lib/translate";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["batches", "country", "provenance", "units"] };

/**
 * The GS1 Digital Link resolver: the QR on a carton or a jar (`/01/{GTIN}/10/{batch}`)
 * opens the batch's provenance — the product, the UMKM that made it, the lot it travelled
 * in and its expiry.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const locale = routeLocale(params);
  const batch = await batchProvenance(params.gtin ?? "", params.batch ?? "", locale);
  if (!batch) throw new Response("Not found", { status: 404 });
  return { locale, batch };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data ? [{ title: `${data.batch.product} · ${data.batch.batchCode}` }, { name: "robots", content: "noindex" }] : [];

export default function BatchProvenance() {
  const { locale, batch } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container">
      <p className="meta">{t("batches.kicker")}</p>
      <h1>
        {batch.product} — {batch.variant}
      </h1>
      <dl className="facts">
        <dt>{t("batches.code")}</dt>
        <dd data-testid="batch-code">{batch.batchCode}</dd>
        <dt>{t("batches.gtin")}</dt>
        <dd>{batch.gtin}</dd>
      </dl>
      <ul className="cards" data-testid="batch-shipments">
        {batch.shipments.map((s) => (
          <li key={s.lotCode} className="stat">
            <p>
              <strong>{s.producer ? s.producer.name : t("batches.anonymousMaker", { regency: s.regency })}</strong>
            </p>
            {s.producer && <p className="meta">{s.regency}</p>}
            <p>
              {t("batches.shipment", {
                amount: formatQuantity(t, locale, s.quantity, s.unit),
                country: t(`country.${s.destination}`),
              })}
            </p>
            {s.expiresOn && <p>{t("batches.bestBefore", { date: formatDate(s.expiresOn, locale) })}</p>}
            <p>
              <Link to={localePath(`/lots/${s.lotCode}`, locale)}>{t("batches.lotLink", { code: s.lotCode })}</Link>
            </p>
            {s.producer && (
              <p>
                <Link to={localePath(`/producers/${s.producer.slug}`, locale)}>{t("batches.makerLink")}</Link>
              </p>
            )}
          </li>
        ))}
      </ul>
      <p>
        <Link to={localePath(`/products/${batch.productSlug}`, locale)}>{t("provenance.buyRetail")}</Link>
      </p>
    </div>
  );
}
