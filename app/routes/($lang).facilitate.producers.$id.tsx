import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, Field, FormError, isFailure, TextArea } from "~/components/forms";
import { LadderCard } from "~/components/ladder";
import { caseProducer, recordVisit, visitsOf } from "~/domain/producers/facilitation.server";
import { visitSchema } from "~/domain/producers/facilitation-schema";
import { producerLadder } from "~/domain/producers/ladder.server";
import { regencyLabel } from "~/domain/regions/regions";
import { formatDate } from "~/lib/format";
import { parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["facilitation", "ladder", "producerStatus", "scale", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

/** One producer of the caseload: its ladder, the visit notes and the form for a new one. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR");
  const producer = await caseProducer(user.id, params.id ?? "");
  if (!producer) throw new Response("Not found", { status: 404 });
  const [ladder, visits] = await Promise.all([producerLadder(producer.id), visitsOf(producer.id)]);
  return {
    locale: routeLocale(params),
    producer: {
      id: producer.id,
      name: producer.legalName,
      region: regencyLabel(producer.regencyCode),
      scale: producer.scale,
      status: producer.status,
      phone: producer.contactPhone,
    },
    ladder,
    today: new Date().toISOString().slice(0, 10),
    visits: visits.map((v) => ({
      id: v.id,
      visitedOn: v.visitedOn.toISOString().slice(0, 10),
      notes: v.notes,
      nextSteps: v.nextSteps,
      by: v.facilitator.name,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR");
  const parsed = await parseForm(request, visitSchema);
  if (!parsed.ok) return parsed.response;
  const visit = await recordVisit(user.id, params.id ?? "", parsed.data);
  if (!visit) throw new Response("Not found", { status: 404 });
  return { ok: true as const, saved: true };
}

export default function CaseProducer() {
  const { locale, producer, ladder, visits, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  return (
    <div className="container wide">
      <p>
        <Link to={localePath("/facilitate", locale)}>{t("facilitation.caseloadTitle")}</Link>
      </p>
      <h1>{producer.name}</h1>
      <p className="meta">
        {producer.region} · {t(`scale.${producer.scale}`)} · {t(`producerStatus.${producer.status}`)} · {producer.phone}
      </p>
      {ladder && <LadderCard ladder={ladder} />}
      <h2>{t("facilitation.visitTitle")}</h2>
      {actionData && "saved" in actionData && (
        <p className="notice" role="status">
          {t("facilitation.visitSaved")}
        </p>
      )}
      <Form method="post" noValidate className="stack" key={visits.length}>
        <CsrfInput />
        <FormError failure={failure} />
        <Field
          name="visitedOn"
          type="date"
          label={t("facilitation.visitedOn")}
          defaultValue={today}
          required
          failure={failure}
        />
        <TextArea name="notes" label={t("facilitation.notes")} failure={failure} />
        <TextArea
          name="nextSteps"
          label={t("facilitation.nextSteps")}
          hint={t("facilitation.nextStepsHint")}
          failure={failure}
        />
        <button type="submit">{t("facilitation.saveVisit")}</button>
      </Form>
      <h2>{t("facilitation.visits")}</h2>
      {visits.length === 0 && <p>{t("facilitation.noVisit")}</p>}
      <ul className="history" data-testid="visits">
        {visits.map((v) => (
          <li key={v.id}>
            <strong>{formatDate(v.visitedOn, locale)}</strong> · {v.by}
            <p>{v.notes}</p>
            {v.nextSteps && (
              <p className="meta">
                {t("facilitation.nextSteps")}: {v.nextSteps}
              </p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
