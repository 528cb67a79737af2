import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput, Field, FormError, isFailure, SelectField } from "~/components/forms";
import { SHIPPING_COUNTRIES } from "~/domain/regions";
import { setDefaultShelfLife, setShelfLifeRule, shelfLifeRules } from "~/domain/trade/batches.server";
import { addRequirement, labelRequirements, retireRequirement } from "~/domain/trade/checklist.server";
import { LotRefused } from "~/domain/trade/refused";
import { categoryOptions } from "~/domain/trade/rfq.server";
import { formError, parseForm } from "~/lib/forms.server";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";
import { useTranslation } from "~/lib/translate";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["batches", "checklist", "country", "destinations", "settings"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  const locale = routeLocale(params);
  const [shelf, requirements, categories] = await Promise.all([
    shelfLifeRules(),
    labelRequirements(),
    categoryOptions(locale),
  ]);
  return {
    locale,
    shelf,
    categories: categories.map(({ value, label }) => ({ value, label })),
    requirements: requirements.map((r) => ({
      id: r.id,
      country: r.country,
      scope: r.scope,
      category: r.category ? (locale === "en" ? r.category.nameEn : r.category.nameId) : null,
      title: locale === "en" ? r.titleEn : r.titleId,
    })),
  };
}

const country = z.enum(SHIPPING_COUNTRIES as [string, ...string[]], { error: "destinations.errors.country" });
const days = z.coerce
  .number({ error: "destinations.errors.days" })
  .int({ error: "destinations.errors.days" })
  .min(0, { error: "destinations.errors.days" })
  .max(3650, { error: "destinations.errors.days" });
const title = z.string().trim().min(3, { error: "errors.required" }).max(160, { error: "errors.tooLong" });

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("default-shelf"), defaultDays: days }),
  z.object({ intent: z.literal("shelf"), country, minDays: days }),
  z.object({ intent: z.literal("shelf-remove"), country }),
  z.object({
    intent: z.literal("requirement"),
    country,
    scope: z.enum(["ALL", "FOOD", "NON_FOOD"], { error: "errors.required" }),
    categoryId: z.string().max(40).default(""),
    titleId: title,
    titleEn: title,
  }),
  z.object({ intent: z.literal("retire"), requirementId: z.string().min(1).max(40) }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, "STAFF", "ADMIN");
  const parsed = await parseForm(request, schema);
  if (!parsed.ok) return parsed.response;
  const d = parsed.data;
  try {
    switch (d.intent) {
      case "default-shelf":
        await setDefaultShelfLife(staff.id, d.defaultDays);
        break;
      case "shelf":
        await setShelfLifeRule(staff.id, d.country, d.minDays);
        break;
      case "shelf-remove":
        await setShelfLifeRule(staff.id, d.country, null);
        break;
      case "requirement":
        await addRequirement(staff.id, {
          country: d.country,
          scope: d.scope,
          categoryId: d.categoryId || null,
          titleId: d.titleId,
          titleEn: d.titleEn,
        });
        break;
      case "retire":
        await retireRequirement(staff.id, d.requirementId);
        break;
    }
  } catch (err) {
    if (err instanceof LotRefused) return formError(404, parsed.form, err.key);
    throw err;
  }
  return { ok: true as const, done: d.intent };
}

export default function TradeDestinations() {
  const { shelf, requirements, categories } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  const countries = SHIPPING_COUNTRIES.filter((c) => c !== "ID").map((c) => ({ value: c, label: t(`country.${c}`) }));
  const forIntent = (intent: string) => (failure?.values.intent === intent ? failure : undefined);
  return (
    <div className="container wide">
      <h1>{t("destinations.title")}</h1>
      <p className="meta">{t("destinations.intro")}</p>
      {actionData && "done" in actionData && (
        <p className="notice" role="status">
          {t(`destinations.done.${actionData.done}`)}
        </p>
      )}
      <FormError failure={failure} />

      <section className="fieldset" aria-labelledby="shelf-h">
        <h2 id="shelf-h">{t("destinations.shelfTitle")}</h2>
        <p className="meta">{t("destinations.shelfHint")}</p>
        <Form method="post" noValidate className="qty-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="default-shelf" />
          <Field
            name="defaultDays"
            type="number"
            inputMode="numeric"
            label={t("destinations.defaultDays")}
            defaultValue={String(shelf.defaultDays)}
            failure={forIntent("default-shelf")}
            required
          />
          <button type="submit">{t("settings.save")}</button>
        </Form>
        {shelf.rules.length > 0 && (
          <ul data-testid="shelf-rules">
            {shelf.rules.map((r) => (
              <li key={r.country}>
                <Form method="post" className="row-actions">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="shelf-remove" />
                  <input type="hidden" name="country" value={r.country} />
                  <span>{t("destinations.ruleLine", { country: t(`country.${r.country}`), days: r.minDays })}</span>
                  <button type="submit" className="link-button">
                    {t("destinations.remove")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" noValidate className="qty-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="shelf" />
          <SelectField
            name="country"
            idPrefix="shelf-"
            label={t("destinations.country")}
            options={countries}
            failure={forIntent("shelf")}
            required
          />
          <Field
            name="minDays"
            type="number"
            inputMode="numeric"
            label={t("destinations.minDays")}
            failure={forIntent("shelf")}
            required
          />
          <button type="submit">{t("destinations.setRule")}</button>
        </Form>
      </section>

      <section className="fieldset" aria-labelledby="req-h">
        <h2 id="req-h">{t("destinations.requirementsTitle")}</h2>
        <p className="meta">{t("destinations.requirementsHint")}</p>
        {requirements.length === 0 ? (
          <p className="meta">{t("destinations.noRequirements")}</p>
        ) : (
          <ul data-testid="requirements">
            {requirements.map((r) => (
              <li key={r.id}>
                <Form method="post" className="row-actions">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="retire" />
                  <input type="hidden" name="requirementId" value={r.id} />
                  <span>
                    <strong>{t(`country.${r.country}`)}</strong> · {t(`destinations.scope.${r.scope}`)}
                    {r.category && ` · ${r.category}`} — {r.title}
                  </span>
                  <button type="submit" className="link-button">
                    {t("destinations.retire")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" noValidate>
          <CsrfInput />
          <input type="hidden" name="intent" value="requirement" />
          <h3>{t("destinations.addRequirement")}</h3>
          <SelectField
            name="country"
            idPrefix="req-"
            label={t("destinations.country")}
            options={countries}
            failure={forIntent("requirement")}
            required
          />
          <SelectField
            name="scope"
            label={t("destinations.appliesTo")}
            options={(["ALL", "FOOD", "NON_FOOD"] as const).map((s) => ({
              value: s,
              label: t(`destinations.scope.${s}`),
            }))}
            failure={forIntent("requirement")}
            required
          />
          <SelectField
            name="categoryId"
            label={t("destinations.category")}
            options={[{ value: "", label: t("destinations.anyCategory") }, ...categories]}
            failure={forIntent("requirement")}
          />
          <Field name="titleId" label={t("destinations.titleId")} failure={forIntent("requirement")} required />
          <Field name="titleEn" label={t("destinations.titleEn")} failure={forIntent("requirement")} required />
          <button type="submit">{t("destinations.add")}</button>
        </Form>
      </section>
    </div>
  );
}
