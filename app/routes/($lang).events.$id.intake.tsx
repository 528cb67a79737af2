import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, Field, FormError, isFailure, SelectField, TextArea } from "~/components/forms";
import { RegencySelect } from "~/components/regency-select";
import { eventById } from "~/domain/events/events.server";
import { IntakeRefused, registerIntake } from "~/domain/events/intake.server";
import { HELP_NEEDS, intakeSchema, PERMIT_STATUSES } from "~/domain/events/schema";
import { facilitators } from "~/domain/producers/facilitation.server";
import { regencyLabel, regionOptions } from "~/domain/regions/regions";
import { formError, parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { hasRole, requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["events", "sell"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

/**
 * Registering a UMKM at an event, on a phone at the venue: staff or a facilitator. A plain
 * form (no JavaScript needed); after each registration it comes back empty for the next UMKM,
 * with the claim code of the one just registered to hand over.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "STAFF", "FACILITATOR");
  const event = await eventById(params.id ?? "");
  if (!event) throw new Response("Not found", { status: 404 });
  return {
    locale: routeLocale(params),
    staff: hasRole(user, "STAFF"),
    event: { id: event.id, name: event.name, place: `${event.place}, ${regencyLabel(event.regencyCode)}` },
    defaultRegency: event.regencyCode,
    regions: regionOptions(),
    facilitatorChoices: (await facilitators()).map((f) => ({ value: f.id, label: f.name })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "STAFF", "FACILITATOR");
  const parsed = await parseForm(request, intakeSchema, {
    shape: (form) => ({ ...Object.fromEntries(form), needs: form.getAll("needs[]") }),
  });
  if (!parsed.ok) return parsed.response;
  try {
    const done = await registerIntake(user, params.id ?? "", parsed.data);
    if (!done) throw new Response("Not found", { status: 404 });
    return data({ ok: true as const, done });
  } catch (err) {
    if (err instanceof IntakeRefused) return formError(409, parsed.form, err.key, {}, err.params);
    throw err;
  }
}

export default function Intake() {
  const { locale, staff, event, defaultRegency, regions, facilitatorChoices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const f = isFailure(result) ? result : undefined;
  const done = result && "done" in result ? result.done : null;
  const { t } = useTranslation();
  const permits = PERMIT_STATUSES.map((p) => ({ value: p, label: t(`events.permit.${p}`) }));
  return (
    <div className="container">
      <h1>{t("events.intakeTitle")}</h1>
      <p className="meta">
        {event.name} · {event.place}
      </p>
      {done && (
        <div className="notice" role="status" data-testid="intake-done">
          <p>
            {t(done.matched ? "events.intakeMatched" : "events.intakeCreated", { name: done.legalName })}{" "}
            {t(done.facilitatorId ? "events.intakeFollowUp" : "events.intakeNoFacilitator")}
          </p>
          {done.claimCode && (
            <p>
              {t("events.claimCodeIs")} <strong data-testid="claim-code">{done.claimCode}</strong>.{" "}
              {t("events.claimCodeHint")}
            </p>
          )}
        </div>
      )}
      {/* a new key empties the form after each registration */}
      <Form method="post" noValidate className="stack" key={done?.intakeId ?? "intake"} data-testid="intake-form">
        <CsrfInput />
        <FormError failure={f} />
        <Field name="name" label={t("events.umkmName")} required failure={f} />
        <Field
          name="phone"
          type="tel"
          inputMode="tel"
          label={t("events.phone")}
          hint={t("events.phoneHint")}
          required
          failure={f}
        />
        <RegencySelect regions={regions} defaultValue={defaultRegency} failure={f} />
        <TextArea name="products" label={t("events.products")} hint={t("events.productsHint")} failure={f} />
        <SelectField name="nibStatus" label={t("events.nibStatus")} options={permits} required failure={f} />
        <Field name="nib" inputMode="numeric" label={t("events.nib")} hint={t("events.nibHint")} failure={f} />
        <SelectField name="halalStatus" label={t("events.halalStatus")} options={permits} required failure={f} />
        <SelectField name="bpomStatus" label={t("events.bpomStatus")} options={permits} required failure={f} />
        <fieldset className="fieldset">
          <legend>{t("events.needsLabel")}</legend>
          {HELP_NEEDS.map((n) => (
            <label key={n} className="choice">
              <input type="checkbox" name="needs[]" value={n} defaultChecked={f?.values[`needs[]:${n}`] === "on"} />
              <span>{t(`events.need.${n}`)}</span>
            </label>
          ))}
        </fieldset>
        <SelectField
          name="facilitatorId"
          label={t(staff ? "events.facilitator" : "events.facilitatorOther")}
          options={facilitatorChoices}
          failure={f}
        />
        <button type="submit">{t("events.register")}</button>
      </Form>
      <p>
        <Link to={localePath(staff ? `/trade/events/${event.id}` : "/facilitate", locale)}>{t("events.back")}</Link>
      </p>
    </div>
  );
}
