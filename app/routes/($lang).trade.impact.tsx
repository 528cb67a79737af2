import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { BarChart } from "~/components/bar-chart";
import { impactFigures } from "~/domain/trade/impact.server";
import { formatNumber } from "~/lib/format";
import { formatMoney } from "~/domain/money";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["impact", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  return { locale: routeLocale(params), impact: await impactFigures() };
}

export default function Impact() {
  const { locale, impact } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  // chart bars carry numbers; their labels round to whole minor units
  const rp = (n: number | bigint) => formatMoney(typeof n === "bigint" ? n : BigInt(Math.round(n)), "IDR", locale);
  const units = (n: number) => formatNumber(n, locale);
  return (
    <div className="container">
      <h1>{t("impact.title")}</h1>
      <p className="meta">{t("impact.since", { date: impact.since })}</p>
      <div className="cards">
        <div className="stat">
          <strong data-testid="producers-onboarded">{impact.producers.onboarded}</strong> {t("impact.onboarded")}
        </div>
        <div className="stat">
          <strong>{impact.producers.verified}</strong> {t("impact.verified")}
        </div>
        <div className="stat">
          <strong data-testid="micro-share">{formatNumber(Math.round(impact.microShare * 1000) / 10, locale)}%</strong>{" "}
          {t("impact.microShare")}
        </div>
        <div className="stat">
          <strong>{rp(impact.revenueToProducers)}</strong> {t("impact.revenue")}
        </div>
      </div>
      <div className="charts">
        <BarChart title={t("impact.retailByRegency")} data={impact.charts.retailByRegency} format={rp} />
        <BarChart title={t("impact.exportByRegency")} data={impact.charts.exportByRegency} format={units} />
        <BarChart title={t("impact.retailByMonth")} data={impact.charts.retailByMonth} format={rp} />
        <BarChart title={t("impact.exportByMonth")} data={impact.charts.exportByMonth} format={units} />
      </div>
      <p>
        <a href="/trade/impact.csv" download>
          {t("impact.csv")}
        </a>
      </p>
    </div>
  );
}
