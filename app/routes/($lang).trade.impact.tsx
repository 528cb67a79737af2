import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { BarChart } from "~/components/bar-chart";
import { impactFigures } from "~/domain/trade/impact.server";
import { ladderImpact } from "~/domain/producers/ladder-history.server";
import { facilitatorLoads } from "~/domain/producers/facilitation.server";
import { recentEventOutcomes } from "~/domain/events/events.server";
import { formatDate, formatNumber } from "~/lib/format";
import { formatMoney } from "~/domain/money";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["impact", "ladder", "events", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  const [impact, ladder, events, facilitators] = await Promise.all([
    impactFigures(),
    ladderImpact(),
    recentEventOutcomes(),
    facilitatorLoads(),
  ]);
  return { locale: routeLocale(params), impact, ladder, events, facilitators };
}

const STEP_KEYS = ["nib", "pirtHalal", "bpom", "firstSale", "listing", "firstLot", "scale"] as const;

export default function Impact() {
  const { locale, impact, ladder, events, facilitators } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  // chart bars carry numbers; their labels round to whole minor units
  const rp = (n: number | bigint) => formatMoney(typeof n === "bigint" ? n : BigInt(Math.round(n)), "IDR", locale);
  const units = (n: number) => formatNumber(n, locale);
  // level 0: no step yet; level k: steps 1…k reached
  const levelName = (level: number) => (level === 0 ? t("impact.noStep") : t(`ladder.steps.${STEP_KEYS[level - 1]}`));
  const levels = ladder.now.map((_, i) => i);
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

      <h2 id="ladder">{t("impact.ladderTitle")}</h2>
      <p>{t("impact.ladderIntro")}</p>
      <div className="charts" data-testid="ladder-now">
        <BarChart
          title={t("impact.ladderNow")}
          data={levels.map((l) => ({ label: levelName(l), value: ladder.now[l]! }))}
          format={units}
        />
      </div>
      <LevelTable
        caption={t("impact.ladderByRegency")}
        head={t("impact.regency")}
        rows={ladder.byRegency.map((r) => ({ key: r.regencyCode, label: r.regency, levels: r.levels }))}
        levelName={levelName}
        format={units}
        testId="ladder-regency"
      />
      <LevelTable
        caption={t("impact.ladderByMonth")}
        head={t("impact.month")}
        rows={ladder.byMonth.map((m) => ({ key: m.month, label: m.month, levels: m.levels }))}
        levelName={levelName}
        format={units}
        testId="ladder-month"
      />
      <p>
        <a href="/trade/impact-ladder.csv" download>
          {t("impact.ladderCsv")}
        </a>
      </p>

      <h2>{t("impact.eventsTitle")}</h2>
      {events.length === 0 && <p>{t("events.none")}</p>}
      {events.length > 0 && (
        <>
          <div className="charts">
            <BarChart
              title={t("impact.eventsChart")}
              data={events.map((e) => ({ label: e.name, value: e.nib + e.halal + e.bpom }))}
              format={units}
            />
          </div>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t("impact.eventsTitle")}>
            <table data-testid="impact-events">
              <thead>
                <tr>
                  <th scope="col">{t("events.name")}</th>
                  <th scope="col">{t("events.outcome.registrations")}</th>
                  <th scope="col">{t("events.outcome.nib")}</th>
                  <th scope="col">{t("events.outcome.halal")}</th>
                  <th scope="col">{t("events.outcome.bpom")}</th>
                  <th scope="col">{t("events.outcome.firstSales")}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <tr key={e.id}>
                    <th scope="row">
                      <Link to={localePath(`/trade/events/${e.id}`, locale)}>{e.name}</Link>
                      <span className="meta"> · {formatDate(e.startsOn, locale)}</span>
                    </th>
                    <td>{units(e.registrations)}</td>
                    <td>{units(e.nib)}</td>
                    <td>{units(e.halal)}</td>
                    <td>{units(e.bpom)}</td>
                    <td>{units(e.firstSales)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      <h2>{t("impact.facilitatorsTitle")}</h2>
      {facilitators.length === 0 && <p>{t("impact.noFacilitators")}</p>}
      {facilitators.length > 0 && (
        <>
          <div className="charts">
            <BarChart
              title={t("impact.caseloadChart")}
              data={facilitators.map((f) => ({ label: f.name, value: f.caseload }))}
              format={units}
            />
          </div>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t("impact.facilitatorsTitle")}>
            <table data-testid="impact-facilitators">
              <thead>
                <tr>
                  <th scope="col">{t("impact.facilitator")}</th>
                  <th scope="col">{t("impact.caseload")}</th>
                  <th scope="col">{t("impact.openFollowUps")}</th>
                  <th scope="col">{t("impact.overdueFollowUps")}</th>
                  <th scope="col">{t("impact.visits30d")}</th>
                </tr>
              </thead>
              <tbody>
                {facilitators.map((f) => (
                  <tr key={f.id}>
                    <th scope="row">{f.name}</th>
                    <td>{units(f.caseload)}</td>
                    <td>{units(f.openFollowUps)}</td>
                    <td>{units(f.overdueFollowUps)}</td>
                    <td>{units(f.visits30d)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

/** Producers per ladder level, one row per kabupaten or month. */
function LevelTable(props: {
  caption: string;
  head: string;
  rows: Array<{ key: string; label: string; levels: number[] }>;
  levelName: (level: number) => string;
  format: (n: number) => string;
  testId: string;
}) {
  const levels = Array.from({ length: props.rows[0]?.levels.length ?? 8 }, (_, i) => i);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={props.caption}>
      <table data-testid={props.testId}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.head}</th>
            {levels.map((l) => (
              <th key={l} scope="col">
                {props.levelName(l)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              {r.levels.map((n, l) => (
                <td key={l}>{props.format(n)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
