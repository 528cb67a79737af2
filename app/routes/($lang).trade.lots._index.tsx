import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { lotsList } from "~/domain/trade/lots.server";
import { formatDate, formatQuantity } from "~/lib/format";
import { localePath, nameIn } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["country", "lotStatus", "lots", "rfq", "tradeOrders", "tradeRfq", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  const locale = routeLocale(params);
  const lots = await lotsList();
  return {
    locale,
    lots: lots.map((l) => ({
      id: l.id,
      code: l.code,
      status: l.status,
      company: l.company?.name ?? "",
      what: nameIn(locale, l.product, l.category),
      target: l.targetQuantity,
      unit: l.unit,
      destination: l.destinationCountry,
      incoterm: l.incoterm,
      createdAt: l.createdAt,
    })),
  };
}

export default function TradeLots() {
  const { locale, lots } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container">
      <h1>{t("lots.title")}</h1>
      <p>{t("lots.intro")}</p>
      {lots.length === 0 && <p>{t("lots.none")}</p>}
      <table className="variants">
        <thead>
          <tr>
            <th scope="col">{t("lots.code")}</th>
            <th scope="col">{t("tradeRfq.request")}</th>
            <th scope="col">{t("tradeRfq.company")}</th>
            <th scope="col">{t("rfq.destination")}</th>
            <th scope="col">{t("tradeOrders.status")}</th>
            <th scope="col">{t("tradeOrders.date")}</th>
          </tr>
        </thead>
        <tbody>
          {lots.map((l) => (
            <tr key={l.id}>
              <td>
                <Link to={localePath(`/trade/lots/${l.id}`, locale)}>{l.code}</Link>
              </td>
              <td>
                {formatQuantity(t, locale, l.target, l.unit)} · {l.what}
              </td>
              <td>{l.company}</td>
              <td>
                {t(`country.${l.destination}`)} · {l.incoterm}
              </td>
              <td>{t(`lotStatus.${l.status}`)}</td>
              <td>{formatDate(l.createdAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
