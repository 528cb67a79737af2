import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { CountrySelect } from "~/components/country-select";
import { CsrfInput, Field, FormError, isFailure, SelectField, TextArea } from "~/components/forms";
import { companyOfUser, createRfq, rfqFormOptions } from "~/domain/trade/rfq.server";
import { LotRefused } from "~/domain/trade/lots.server";
import { companySchema, INCOTERMS, QUOTE_CURRENCIES, RFQ_UNITS, rfqSchema } from "~/domain/trade/schemas";
import { formError, parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { requireUser } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["checkout", "country", "incoterm", "rfq", "unit", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = routeLocale(params);
  const user = await requireUser(request, { reason: "rfq" });
  const company = await companyOfUser(user.id);
  const sp = new URL(request.url).searchParams;
  const options = await rfqFormOptions(locale, sp.get("product"), sp.get("category"));
  return {
    locale,
    company: company ? { name: company.name, country: company.country } : null,
    user: { name: user.name, email: user.email },
    ...options,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = routeLocale(params);
  const user = await requireUser(request);
  const hasCompany = !!(await companyOfUser(user.id));
  const schema = hasCompany ? rfqSchema : rfqSchema.and(companySchema);
  const parsed = await parseForm(request, schema);
  if (!parsed.ok) return parsed.response;
  const d = parsed.data as typeof parsed.data & Partial<import("zod").infer<typeof companySchema>>;
  if (!d.productId && !d.categoryId)
    return formError(400, parsed.form, "errors.formInvalid", { categoryId: "rfq.productOrCategory" });
  try {
    await createRfq(
      user.id,
      hasCompany
        ? null
        : {
            name: d.companyName!,
            country: d.companyCountry!,
            taxId: d.taxId ?? null,
            contactName: d.contactName!,
            contactEmail: d.contactEmail!,
            contactPhone: d.contactPhone ?? null,
          },
      {
        productId: d.productId,
        categoryId: d.productId ? null : d.categoryId,
        quantity: d.quantity,
        unit: d.unit,
        targetPriceAmount: d.targetPrice,
        targetCurrency: d.targetPrice === null ? null : d.targetCurrency,
        destinationCountry: d.destinationCountry,
        destinationPort: d.destinationPort,
        incoterm: d.incoterm,
        wantedBy: d.wantedBy instanceof Date ? d.wantedBy : null,
        notes: d.notes,
      },
    );
  } catch (err) {
    if (err instanceof LotRefused)
      return formError(err.key === "rfq.refused.productNotFound" ? 404 : 409, parsed.form, err.key);
    throw err;
  }
  return redirect(`${localePath("/account/rfq", locale)}?sent=1`);
}

export default function RfqPage() {
  const { company, user, categories, product, categoryId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  return (
    <div className="container wide">
      <h1>{t("rfq.title")}</h1>
      <p>{t("rfq.intro")}</p>
      <Form method="post" noValidate className="steps">
        <CsrfInput />
        <FormError failure={failure} />
        {company ? (
          <p className="notice">{t("rfq.asCompany", { name: company.name })}</p>
        ) : (
          <fieldset className="fieldset">
            <legend>{t("rfq.company")}</legend>
            <Field
              name="companyName"
              label={t("rfq.companyName")}
              autoComplete="organization"
              failure={failure}
              required
            />
            <CountrySelect name="companyCountry" label={t("rfq.companyCountry")} defaultValue="SG" failure={failure} />
            <Field name="taxId" label={t("rfq.taxId")} hint={t("rfq.taxIdHint")} failure={failure} />
            <Field
              name="contactName"
              label={t("rfq.contactName")}
              defaultValue={user.name}
              failure={failure}
              required
            />
            <Field
              name="contactEmail"
              type="email"
              label={t("rfq.contactEmail")}
              defaultValue={user.email ?? undefined}
              failure={failure}
              required
            />
            <Field name="contactPhone" type="tel" label={t("rfq.contactPhone")} failure={failure} />
          </fieldset>
        )}
        <fieldset className="fieldset">
          <legend>{t("rfq.what")}</legend>
          {product ? (
            <>
              <input type="hidden" name="productId" value={product.id} />
              <p>
                {t("rfq.product")}: <strong>{product.name}</strong>
              </p>
            </>
          ) : (
            <SelectField
              name="categoryId"
              label={t("rfq.category")}
              options={categories}
              defaultValue={categoryId ?? undefined}
              failure={failure}
              required
            />
          )}
          <Field
            name="quantity"
            type="number"
            inputMode="numeric"
            min={1}
            label={t("rfq.quantity")}
            failure={failure}
            required
          />
          <SelectField
            name="unit"
            label={t("rfq.unit")}
            options={RFQ_UNITS.map((u) => ({ value: u, label: t(`unit.${u}`, { defaultValue: u }) }))}
            defaultValue={product?.unit ?? "pcs"}
            failure={failure}
            required
          />
          <Field
            name="targetPrice"
            inputMode="decimal"
            label={t("rfq.targetPrice")}
            hint={t("rfq.targetPriceHint")}
            failure={failure}
          />
          <SelectField
            name="targetCurrency"
            label={t("rfq.currency")}
            options={QUOTE_CURRENCIES.map((c) => ({ value: c, label: c }))}
            defaultValue="USD"
            failure={failure}
            required
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t("rfq.where")}</legend>
          <CountrySelect name="destinationCountry" label={t("rfq.destination")} defaultValue="SG" failure={failure} />
          <Field name="destinationPort" label={t("rfq.port")} hint={t("rfq.portHint")} failure={failure} />
          <SelectField
            name="incoterm"
            label={t("rfq.incoterm")}
            options={INCOTERMS.map((i) => ({ value: i, label: `${i} — ${t(`incoterm.${i}`)}` }))}
            defaultValue="FOB"
            failure={failure}
            required
          />
          <Field name="wantedBy" type="date" label={t("rfq.wantedBy")} failure={failure} />
          <TextArea name="notes" label={t("rfq.notes")} failure={failure} />
        </fieldset>
        <button type="submit">{t("rfq.send")}</button>
      </Form>
    </div>
  );
}
