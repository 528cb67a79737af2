import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "~/lib/translate";
import { LadderCard } from "~/components/ladder";
import { actFor, actingProducer, caseload } from "~/domain/producers/facilitation.server";
import { openEvents } from "~/domain/events/events.server";
import { completeFollowUp, FollowUpRefused, openFollowUps } from "~/domain/events/follow-ups.server";
import { followUpDoneSchema } from "~/domain/events/schema";
import { CsrfInput, Field, FormError, isFailure, TextArea } from "~/components/forms";
import { regencyLabel } from "~/domain/regions/regions";
import { formatDate } from "~/lib/format";
import { formError, parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { getSession, requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["events", "facilitation", "ladder", "producerStatus", "scale", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

/** A facilitator's caseload: each producer's ladder, last visit and next steps, and acting for one. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR");
  const session = await getSession(request);
  const [producers, acting, events, followUps] = await Promise.all([
    caseload(user.id),
    session ? actingProducer(user.id, session.sessionId) : null,
    openEvents(),
    openFollowUps(user.id),
  ]);
  return {
    locale: routeLocale(params),
    events: events.map((e) => ({ id: e.id, name: e.name, place: `${e.place}, ${regencyLabel(e.regencyCode)}` })),
    followUps: followUps.map((f) => ({
      id: f.id,
      dueOn: f.dueOn.toISOString().slice(0, 10),
      needs: f.needs,
      producerId: f.producer.id,
      name: f.producer.legalName,
      phone: f.producer.contactPhone,
      region: regencyLabel(f.producer.regencyCode),
      hasNib: !!f.producer.nib,
      event: f.intake?.event.name ?? null,
      products: f.intake?.products ?? null,
    })),
    acting: acting && { id: acting.id, name: acting.legalName },
    producers: producers.map((p) => ({
      id: p.id,
      name: p.legalName,
      region: regencyLabel(p.regencyCode),
      scale: p.scale,
      status: p.status,
      phone: p.contactPhone,
      lastVisit: p.lastVisit?.visitedOn.toISOString().slice(0, 10) ?? null,
      nextSteps: p.lastVisit?.nextSteps ?? null,
      ladder: p.ladder,
    })),
  };
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("act"), producerId: z.string().min(1).max(40) }),
  z.object({ intent: z.literal("stop") }),
  followUpDoneSchema.extend({ intent: z.literal("followUp") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = routeLocale(params);
  const user = await requireRole(request, "FACILITATOR");
  const parsed = await parseForm(request, schema);
  if (!parsed.ok) return parsed.response;
  if (parsed.data.intent === "followUp") {
    const { taskId, note, nib } = parsed.data;
    try {
      if (!(await completeFollowUp(user.id, taskId, note, nib))) throw new Response("Not found", { status: 404 });
    } catch (err) {
      if (err instanceof FollowUpRefused) return formError(409, parsed.form, err.key);
      throw err;
    }
    return redirect(localePath("/facilitate?followedUp=1", locale));
  }
  const session = await getSession(request);
  const producerId = parsed.data.intent === "act" ? parsed.data.producerId : null;
  // beyond the caseload there is nothing to act for
  if (!session || !(await actFor(user.id, session.sessionId, producerId)))
    throw new Response("Not found", { status: 404 });
  return redirect(localePath(producerId ? "/sell?acting=1" : "/facilitate?stopped=1", locale));
}

export default function Caseload() {
  const { locale, acting, producers, events, followUps } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = isFailure(result) ? result : undefined;
  const [sp] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="container wide">
      <h1>{t("facilitation.caseloadTitle")}</h1>
      <p>{t("facilitation.caseloadIntro", { count: producers.length })}</p>
      {acting && (
        <Form method="post" className="notice row-actions" data-testid="acting">
          <CsrfInput />
          <span>{t("facilitation.actingFor", { name: acting.name })}</span>
          <button type="submit" name="intent" value="stop" className="secondary">
            {t("facilitation.stop")}
          </button>
        </Form>
      )}
      {sp.get("followedUp") && (
        <p className="notice" role="status">
          {t("events.followUpSaved")}
        </p>
      )}
      {events.length > 0 && (
        <section aria-labelledby="events-h">
          <h2 id="events-h">{t("events.openTitle")}</h2>
          <ul className="cards" data-testid="open-events">
            {events.map((e) => (
              <li key={e.id} className="parcel">
                <strong>{e.name}</strong> <span className="meta">{e.place}</span>{" "}
                <Link className="button" to={localePath(`/events/${e.id}/intake`, locale)}>
                  {t("events.intakeLink")}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="followups-h">
        <h2 id="followups-h">{t("events.followUpsTitle", { count: followUps.length })}</h2>
        {followUps.length === 0 && <p>{t("events.noFollowUps")}</p>}
        <ul className="cards" data-testid="follow-ups">
          {followUps.map((f) => {
            const mine = failure?.values.taskId === f.id ? failure : undefined;
            return (
              <li key={f.id} className="parcel" data-testid="follow-up">
                <h3>{f.name}</h3>
                <p className="meta">
                  {f.region} · {f.phone} · {t("events.dueOn", { date: formatDate(f.dueOn, locale) })}
                  {f.event && <> · {f.event}</>}
                </p>
                {f.products && <p>{f.products}</p>}
                {f.needs.length > 0 && (
                  <p className="meta">
                    {t("events.needsLabel")}: {f.needs.map((x) => t(`events.need.${x}`)).join(", ")}
                  </p>
                )}
                <Form method="post" noValidate className="stack">
                  <CsrfInput />
                  <FormError failure={mine} />
                  <input type="hidden" name="taskId" value={f.id} />
                  <TextArea name="note" label={t("events.followUpNote")} failure={mine} idPrefix={`${f.id}-`} />
                  {!f.hasNib && (
                    <Field
                      name="nib"
                      inputMode="numeric"
                      label={t("events.nibObtained")}
                      hint={t("events.nibObtainedHint")}
                      failure={mine}
                      idPrefix={`${f.id}-`}
                    />
                  )}
                  <button type="submit" name="intent" value="followUp">
                    {t("events.followUpDone")}
                  </button>
                </Form>
              </li>
            );
          })}
        </ul>
      </section>
      <h2>{t("facilitation.caseloadHeading")}</h2>
      {producers.length === 0 && <p>{t("facilitation.none")}</p>}
      <ul className="cards" data-testid="caseload">
        {producers.map((p) => (
          <li key={p.id} className="parcel" data-testid="case">
            <h2>
              <Link to={localePath(`/facilitate/producers/${p.id}`, locale)}>{p.name}</Link>
            </h2>
            <p className="meta">
              {p.region} · {t(`scale.${p.scale}`)} · {t(`producerStatus.${p.status}`)} · {p.phone}
            </p>
            <p className="meta">
              {p.lastVisit
                ? t("facilitation.lastVisit", { date: formatDate(p.lastVisit, locale) })
                : t("facilitation.noVisit")}
              {p.nextSteps && (
                <>
                  {" "}
                  · {t("facilitation.nextSteps")}: {p.nextSteps}
                </>
              )}
            </p>
            <LadderCard ladder={p.ladder} compact />
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="producerId" value={p.id} />
              <button type="submit" name="intent" value="act">
                {t("facilitation.act")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}
