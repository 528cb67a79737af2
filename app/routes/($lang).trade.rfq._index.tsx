import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { staffRfqs } from "~/domain/trade/rfq.server";
import { formatDate, formatQuantity } from "~/lib/format";
import { localePath, nameIn } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["country", "rfq", "rfqStatus", "tradeOrders", "tradeRfq", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  const locale = routeLocale(params);
  const rfqs = await staffRfqs();
  return {
    locale,
    rfqs: rfqs.map((r) => ({
      id: r.id,
      status: r.status,
      company: r.company.name,
      country: r.company.country,
      what: nameIn(locale, r.product, r.category),
      quantity: r.quantity,
      unit: r.unit,
      destination: r.destinationCountry,
      incoterm: r.incoterm,
      createdAt: r.createdAt,
    })),
  };
}

export default function TradeRfqs() {
  const { locale, rfqs } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container">
      <h1>{t("tradeRfq.title")}</h1>
      {rfqs.length === 0 && <p>{t("tradeRfq.none")}</p>}
      <table className="variants">
        <thead>
          <tr>
            <th scope="col">{t("tradeRfq.company")}</th>
            <th scope="col">{t("tradeRfq.request")}</th>
            <th scope="col">{t("rfq.destination")}</th>
            <th scope="col">{t("tradeOrders.status")}</th>
            <th scope="col">{t("tradeOrders.date")}</th>
          </tr>
        </thead>
        <tbody>
          {rfqs.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={localePath(`/trade/rfq/${r.id}`, locale)}>{r.company}</Link>{" "}
                <span className="meta">({r.country})</span>
              </td>
              <td>
                {formatQuantity(t, locale, r.quantity, r.unit)} · {r.what}
              </td>
              <td>
                {t(`country.${r.destination}`)} · {r.incoterm}
              </td>
              <td>{t(`rfqStatus.${r.status}`)}</td>
              <td>{formatDate(r.createdAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
