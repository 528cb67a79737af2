import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { withNotice } from "~/lib/notice";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { z } from "zod";
import { CsrfInput, Field, FormError, isFailure, SelectField, TextArea } from "~/components/forms";
import { regionOptions } from "~/domain/regions/regions";
import { RegencySelect } from "~/components/regency-select";
import {
  createProducerProfile,
  inviteMember,
  listMembers,
  NibTakenError,
  producerHistory,
  updateProducerProfile,
} from "~/domain/producers/producers.server";
import { formatDate } from "~/lib/format";
import { producerProfileSchema } from "~/domain/producers/schemas";
import { toInputString } from "~/domain/money";
import { formError, parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { requireProducerAccount } from "~/lib/producer-access.server";
import { routeLocale } from "~/lib/request.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["account", "audit", "auth", "claims", "form", "scale", "sell", "trade", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = routeLocale(params);
  const { producer } = await requireProducerAccount(request);
  return {
    locale,
    producer: producer && {
      ...producer,
      createdAt: producer.createdAt.toISOString(),
      updatedAt: producer.updatedAt.toISOString(),
    },
    team: producer ? await listMembers(producer.id) : { members: [], invited: [] },
    history: producer
      ? (await producerHistory(producer.id)).map((h) => ({
          id: h.id,
          action: h.action,
          createdAt: h.createdAt,
          reason: reasonOf(h.after),
        }))
      : [],
    regions: regionOptions(),
  };
}

function reasonOf(after: unknown): string | null {
  return after && typeof after === "object" && "reason" in after && typeof after.reason === "string"
    ? after.reason
    : null;
}

const memberSchema = z.object({
  intent: z.literal("add-member"),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "errors.email" })),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = routeLocale(params);
  const { user, producer } = await requireProducerAccount(request);
  const intent = new URL(request.url).searchParams.get("intent");
  if (intent === "add-member") {
    if (!producer) throw new Response("Not found", { status: 404 });
    const parsed = await parseForm(request, memberSchema);
    if (!parsed.ok) return parsed.response;
    // the same answer whether the address has an account or not
    await inviteMember(producer.id, user.id, parsed.data.email);
    return redirect(`${localePath("/sell/profile", locale)}?invited=1`);
  }
  const parsed = await parseForm(request, producerProfileSchema);
  if (!parsed.ok) return parsed.response;
  try {
    if (producer) await updateProducerProfile(producer.id, user.id, parsed.data);
    else await createProducerProfile(user, parsed.data);
  } catch (err) {
    if (err instanceof NibTakenError)
      return formError(409, parsed.form, "errors.formInvalid", { nib: "workErrors.nibTaken" });
    throw err;
  }
  return redirect(
    producer
      ? withNotice(localePath("/sell/profile", locale), "profileSaved")
      : localePath("/sell/certificates?welcome=1", locale),
  );
}

export default function ProducerProfile() {
  const { locale, producer, team, regions, history } = useLoaderData<typeof loader>();
  const [sp] = useSearchParams();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  const p = producer;
  return (
    <div className="container wide">
      <h1>{p ? t("sell.profileTitle") : t("sell.onboardingTitle")}</h1>
      {sp.get("invited") && (
        <p className="notice" role="status" data-testid="invited">
          {t("sell.invited")}
        </p>
      )}
      {!p && (
        <>
          <p>{t("sell.onboardingText")}</p>
          <p>
            <Link to={localePath("/claim", locale)}>{t("claims.link")}</Link>
          </p>
        </>
      )}
      {p && (
        <p>
          <Link to={localePath("/sell", locale)}>{t("sell.backToDashboard")}</Link>
        </p>
      )}
      <Form method="post" noValidate>
        <CsrfInput />
        <FormError failure={failure} />
        <Field name="legalName" label={t("sell.legalName")} defaultValue={p?.legalName} required failure={failure} />
        <Field
          name="nib"
          label={t("sell.nib")}
          hint={t("sell.nibHint")}
          inputMode="numeric"
          defaultValue={p?.nib ?? undefined}
          required
          failure={failure}
        />
        <SelectField
          name="scale"
          label={t("sell.scale")}
          required
          defaultValue={p?.scale}
          failure={failure}
          options={(["MIKRO", "KECIL", "MENENGAH"] as const).map((s) => ({ value: s, label: t(`scale.${s}`) }))}
        />
        <RegencySelect regions={regions} defaultValue={p?.regencyCode} failure={failure} />
        <Field name="address" label={t("sell.address")} defaultValue={p?.address} required failure={failure} />
        <TextArea name="storyId" label={t("sell.storyId")} defaultValue={p?.storyId} failure={failure} />
        <TextArea
          name="storyEn"
          label={t("sell.storyEn")}
          hint={t("form.optional")}
          defaultValue={p?.storyEn ?? undefined}
          failure={failure}
        />
        <fieldset>
          <legend>{t("sell.contact")}</legend>
          <Field
            name="contactName"
            label={t("sell.contactName")}
            defaultValue={p?.contactName}
            required
            failure={failure}
          />
          <Field
            name="contactPhone"
            type="tel"
            label={t("sell.contactPhone")}
            autoComplete="tel"
            defaultValue={p?.contactPhone}
            required
            failure={failure}
          />
          <Field
            name="contactEmail"
            type="email"
            label={t("auth.email")}
            autoComplete="email"
            defaultValue={p?.contactEmail ?? undefined}
            hint={t("sell.contactEmailHint")}
            failure={failure}
          />
        </fieldset>
        <fieldset>
          <legend>{t("sell.payout")}</legend>
          <Field name="bankName" label={t("sell.bankName")} defaultValue={p?.bankName ?? undefined} failure={failure} />
          <Field
            name="bankAccountNo"
            label={t("sell.bankAccountNo")}
            inputMode="numeric"
            defaultValue={p?.bankAccountNo ?? undefined}
            failure={failure}
          />
          <Field
            name="bankAccountName"
            label={t("sell.bankAccountName")}
            defaultValue={p?.bankAccountName ?? undefined}
            failure={failure}
          />
        </fieldset>
        <fieldset>
          <legend>{t("sell.shippingLegend")}</legend>
          <Field
            name="freeShippingMin"
            inputMode="numeric"
            label={t("sell.freeShippingMin")}
            hint={t("sell.freeShippingMinHint")}
            defaultValue={p?.freeShippingMinAmount ? toInputString(p.freeShippingMinAmount, "IDR") : ""}
            failure={failure}
          />
        </fieldset>
        <label className="facet">
          <input type="checkbox" name="provenanceConsent" defaultChecked={p ? p.provenanceConsent : true} />{" "}
          {t("sell.provenanceConsent")}
        </label>
        <p>
          <button type="submit">{p ? t("account.save") : t("sell.createProfile")}</button>
        </p>
      </Form>
      {p && (
        <section className="section" aria-labelledby="members-h">
          <h2 id="members-h">{t("sell.members")}</h2>
          <ul>
            {team.members.map((m) => (
              <li key={m.email}>
                {m.name} ({m.email}){m.isOwner ? ` · ${t("sell.owner")}` : ""}
              </li>
            ))}
            {team.invited.map((email) => (
              <li key={`invited-${email}`}>
                {email} · <span className="meta">{t("sell.invitationPending")}</span>
              </li>
            ))}
          </ul>
          <Form method="post" action="?intent=add-member" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="add-member" />
            <Field
              name="email"
              type="email"
              label={t("sell.memberEmail")}
              hint={t("sell.memberHint")}
              failure={failure}
            />
            <button type="submit">{t("sell.addMember")}</button>
          </Form>
        </section>
      )}
      {history.length > 0 && (
        <section className="section" aria-labelledby="history-h">
          <h2 id="history-h">{t("trade.history")}</h2>
          <ul className="history" data-testid="history">
            {history.map((h) => (
              <li key={h.id}>
                <strong>{t(`audit.${h.action}`, { defaultValue: h.action })}</strong> ·{" "}
                {formatDate(h.createdAt, locale)}
                {h.reason && <> · “{h.reason}”</>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
