import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, Field, FormError, isFailure } from "~/components/forms";
import { RegencySelect } from "~/components/regency-select";
import { createEvent, eventList } from "~/domain/events/events.server";
import { eventSchema } from "~/domain/events/schema";
import { regencyLabel, regionOptions } from "~/domain/regions/regions";
import { formatDate } from "~/lib/format";
import { parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["events", "sell", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

/** Staff: the events (Jambore, Expo UMKM) with their registrations, and a new one. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF");
  const events = await eventList();
  return {
    locale: routeLocale(params),
    regions: regionOptions(),
    events: events.map((e) => ({
      id: e.id,
      name: e.name,
      place: `${e.place}, ${regencyLabel(e.regencyCode)}`,
      startsOn: e.startsOn.toISOString().slice(0, 10),
      endsOn: e.endsOn.toISOString().slice(0, 10),
      registrations: e.registrations,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireRole(request, "STAFF");
  const parsed = await parseForm(request, eventSchema);
  if (!parsed.ok) return parsed.response;
  const event = await createEvent(staff.id, parsed.data);
  return redirect(localePath(`/trade/events/${event.id}?created=1`, routeLocale(params)));
}

export default function Events() {
  const { locale, regions, events } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const f = isFailure(failure) ? failure : undefined;
  const { t } = useTranslation();
  return (
    <div className="container">
      <h1>{t("events.title")}</h1>
      <p>{t("events.intro")}</p>
      {events.length === 0 && <p>{t("events.none")}</p>}
      <ul className="cards" data-testid="events">
        {events.map((e) => (
          <li key={e.id} className="parcel">
            <h2>
              <Link to={localePath(`/trade/events/${e.id}`, locale)}>{e.name}</Link>
            </h2>
            <p className="meta">
              {e.place} · {formatDate(e.startsOn, locale)} – {formatDate(e.endsOn, locale)}
            </p>
            <p>{t("events.registrations", { count: e.registrations })}</p>
          </li>
        ))}
      </ul>
      <h2>{t("events.new")}</h2>
      <Form method="post" noValidate className="stack" data-testid="event-form">
        <CsrfInput />
        <FormError failure={f} />
        <Field name="name" label={t("events.name")} required failure={f} />
        <Field name="place" label={t("events.place")} hint={t("events.placeHint")} required failure={f} />
        <RegencySelect regions={regions} failure={f} />
        <Field name="startsOn" type="date" label={t("events.startsOn")} required failure={f} />
        <Field name="endsOn" type="date" label={t("events.endsOn")} required failure={f} />
        <button type="submit">{t("events.create")}</button>
      </Form>
    </div>
  );
}
