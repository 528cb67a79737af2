import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { BarChart } from "~/components/bar-chart";
import { eventById, eventIntakes, outcomesOf } from "~/domain/events/events.server";
import { regencyLabel } from "~/domain/regions/regions";
import { formatDate, formatDateTime, formatNumber } from "~/lib/format";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["events", "producerStatus", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

const OUTCOMES = ["registrations", "nib", "halal", "bpom", "firstSales"] as const;

/** Staff: one event, what followed it week by week, and the UMKM registered there. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF");
  const id = params.id ?? "";
  const [event, intakes] = await Promise.all([eventById(id), eventIntakes(id)]);
  if (!event) throw new Response("Not found", { status: 404 });
  const outcomes = await outcomesOf(event);
  return {
    locale: routeLocale(params),
    event: {
      id: event.id,
      name: event.name,
      place: `${event.place}, ${regencyLabel(event.regencyCode)}`,
      startsOn: event.startsOn.toISOString().slice(0, 10),
      endsOn: event.endsOn.toISOString().slice(0, 10),
    },
    outcomes,
    intakes: intakes.map((i) => ({
      id: i.id,
      at: i.createdAt.toISOString(),
      producerId: i.producer.id,
      name: i.producer.legalName,
      region: regencyLabel(i.producer.regencyCode),
      phone: i.producer.contactPhone,
      status: i.producer.status,
      products: i.products,
      needs: i.needs,
      matched: i.matched,
      registeredBy: i.registeredBy.name,
      facilitator: i.followUp?.facilitator?.name ?? null,
      followedUp: !!i.followUp?.doneAt,
    })),
  };
}

export default function EventPage() {
  const { locale, event, outcomes, intakes } = useLoaderData<typeof loader>();
  const [sp] = useSearchParams();
  const { t } = useTranslation();
  const n = (x: number) => formatNumber(x, locale);
  return (
    <div className="container wide">
      <h1>{event.name}</h1>
      {sp.get("created") && (
        <p className="notice" role="status">
          {t("events.created")}
        </p>
      )}
      <p className="meta">
        {event.place} · {formatDate(event.startsOn, locale)} – {formatDate(event.endsOn, locale)}
      </p>
      <p>
        <Link className="button" to={localePath(`/events/${event.id}/intake`, locale)}>
          {t("events.intakeLink")}
        </Link>{" "}
        <a href={`/trade/events/${event.id}/outcomes.csv`} download>
          {t("events.csv")}
        </a>
      </p>
      <div className="cards" data-testid="outcomes">
        {OUTCOMES.map((k) => (
          <div key={k} className="stat" data-testid={`outcome-${k}`}>
            <strong>{outcomes[k]}</strong> {t(`events.outcome.${k}`)}
          </div>
        ))}
      </div>
      <p className="meta">{t("events.outcomesNote", { count: outcomes.newProducers })}</p>
      <BarChart
        title={t("events.outcomesChart")}
        data={OUTCOMES.map((k) => ({ label: t(`events.outcome.${k}`), value: outcomes[k] }))}
        format={n}
      />
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t("events.byWeek")}>
        <table data-testid="outcome-weeks">
          <caption>{t("events.byWeek")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("events.week")}</th>
              {OUTCOMES.map((k) => (
                <th key={k} scope="col">
                  {t(`events.outcome.${k}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {outcomes.weeks.map((w) => (
              <tr key={w.week}>
                <th scope="row">{formatDate(w.from, locale)}</th>
                {OUTCOMES.map((k) => (
                  <td key={k}>{n(w[k])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("events.registered", { count: intakes.length })}</h2>
      <ul className="cards" data-testid="intakes">
        {intakes.map((i) => (
          <li key={i.id} className="parcel">
            <h3>
              <Link to={localePath(`/trade/producers/${i.producerId}`, locale)}>{i.name}</Link>
              {i.matched && <span className="badge"> {t("events.matched")}</span>}
            </h3>
            <p className="meta">
              {i.region} · {i.phone} · {t(`producerStatus.${i.status}`)} · {formatDateTime(i.at, locale)}
            </p>
            <p>{i.products}</p>
            {i.needs.length > 0 && (
              <p className="meta">
                {t("events.needsLabel")}: {i.needs.map((x) => t(`events.need.${x}`)).join(", ")}
              </p>
            )}
            <p className="meta">
              {t("events.registeredBy", { name: i.registeredBy })} ·{" "}
              {i.facilitator ? t("events.followUpBy", { name: i.facilitator }) : t("events.noFacilitator")}
              {i.followedUp && <> · {t("events.followedUp")}</>}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
