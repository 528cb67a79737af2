import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { z } from "zod";
import { CsrfInput, Field, FormError, isFailure } from "~/components/forms";
import { Price } from "~/components/price";
import { SHIPPING_COUNTRIES } from "~/domain/orders/address";
import { marketSettings, saveShippingRate, shippingRates, updateMarketSettings } from "~/domain/orders/settings.server";
import { formError, parseForm } from "~/lib/forms.server";
import { moneyField } from "~/domain/money/fields";
import { bpsToPercent, percentToBps, toInputString } from "~/domain/money";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["checkout", "settings", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  const [settings, rates] = await Promise.all([marketSettings(), shippingRates()]);
  return { locale: routeLocale(params), settings, rates };
}

const schema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("settings"),
    commissionPercent: z
      .string()
      .trim()
      .regex(/^\d{1,2}([.,]\d{1,2})?$/, { error: "workErrors.percent" }),
    bankName: z.string().trim().min(2, { error: "errors.required" }).max(80, { error: "errors.tooLong" }),
    bankAccountNo: z
      .string()
      .trim()
      .regex(/^[0-9-]{6,30}$/, { error: "workErrors.bankAccount" }),
    bankAccountName: z.string().trim().min(2, { error: "errors.required" }).max(120, { error: "errors.tooLong" }),
    transferHoldMinutes: z.coerce
      .number({ error: "workErrors.holdMinutes" })
      .int({ error: "workErrors.holdMinutes" })
      .min(5, { error: "workErrors.holdMinutes" })
      .max(10_080, { error: "workErrors.holdMinutes" }),
  }),
  z.object({
    intent: z.literal("rate"),
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9-]{2,40}$/, { error: "workErrors.rateCode" }),
    nameId: z.string().trim().min(2, { error: "errors.required" }).max(80, { error: "errors.tooLong" }),
    nameEn: z.string().trim().min(2, { error: "errors.required" }).max(80, { error: "errors.tooLong" }),
    country: z.string().refine((c) => c === "" || SHIPPING_COUNTRIES.includes(c), { error: "errors.invalidChoice" }),
    amount: moneyField("IDR"),
    active: z.enum(["on"]).optional(),
  }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, "STAFF", "ADMIN");
  const parsed = await parseForm(request, schema);
  if (!parsed.ok) return parsed.response;
  const d = parsed.data;
  if (d.intent === "settings") {
    const bps = percentToBps(d.commissionPercent);
    if (bps === null || bps > 5000)
      return formError(400, parsed.form, "errors.formInvalid", { commissionPercent: "workErrors.percent" });
    await updateMarketSettings(staff.id, {
      commissionBps: bps,
      bankName: d.bankName,
      bankAccountNo: d.bankAccountNo,
      bankAccountName: d.bankAccountName,
      transferHoldMinutes: d.transferHoldMinutes,
    });
  } else {
    await saveShippingRate(staff.id, {
      code: d.code,
      nameId: d.nameId,
      nameEn: d.nameEn,
      country: d.country || null,
      amount: d.amount,
      active: d.active === "on",
    });
  }
  return { ok: true as const, saved: d.intent };
}

export default function TradeSettings() {
  const { settings, rates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  const forSettings = failure?.values.intent === "settings" ? failure : undefined;
  const forRate = (code: string) =>
    failure?.values.intent === "rate" && (failure.values.code ?? "") === code ? failure : undefined;
  const newRateFailure =
    failure?.values.intent === "rate" && !rates.some((r) => r.code === failure.values.code) ? failure : undefined;
  return (
    <div className="container wide">
      <h1>{t("settings.title")}</h1>
      {actionData && "saved" in actionData && (
        <p className="notice" role="status">
          {t("settings.saved")}
        </p>
      )}
      <Form method="post" noValidate className="fieldset">
        <CsrfInput />
        <input type="hidden" name="intent" value="settings" />
        <h2>{t("settings.money")}</h2>
        <FormError failure={forSettings} />
        <Field
          name="commissionPercent"
          inputMode="decimal"
          label={t("settings.commission")}
          hint={t("settings.commissionHint")}
          defaultValue={bpsToPercent(settings.commissionBps)}
          failure={forSettings}
          required
        />
        <Field
          name="bankName"
          label={t("settings.bankName")}
          defaultValue={settings.bankName}
          failure={forSettings}
          required
        />
        <Field
          name="bankAccountNo"
          inputMode="numeric"
          label={t("settings.bankAccountNo")}
          defaultValue={settings.bankAccountNo}
          failure={forSettings}
          required
        />
        <Field
          name="bankAccountName"
          label={t("settings.bankAccountName")}
          defaultValue={settings.bankAccountName}
          failure={forSettings}
          required
        />
        <Field
          name="transferHoldMinutes"
          type="number"
          inputMode="numeric"
          label={t("settings.hold")}
          hint={t("settings.holdHint")}
          defaultValue={String(settings.transferHoldMinutes)}
          failure={forSettings}
          required
        />
        <button type="submit">{t("settings.save")}</button>
      </Form>
      <h2>{t("settings.rates")}</h2>
      <p className="meta">{t("settings.ratesHint")}</p>
      {[
        ...rates.map((r) => ({ ...r, isNew: false })),
        {
          id: "new",
          code: "",
          nameId: "",
          nameEn: "",
          country: null,
          amount: 0n,
          currency: "IDR",
          active: true,
          isNew: true,
        },
      ].map((r) => {
        const f = r.isNew ? newRateFailure : forRate(r.code);
        return (
          <Form key={r.id} method="post" noValidate className="fieldset">
            <CsrfInput />
            <input type="hidden" name="intent" value="rate" />
            <h3>{r.isNew ? t("settings.newRate") : r.code}</h3>
            <FormError failure={f} />
            {r.isNew ? (
              <Field
                idPrefix="new-"
                name="code"
                label={t("settings.rateCode")}
                hint={t("settings.rateCodeHint")}
                failure={f}
                required
              />
            ) : (
              <input type="hidden" name="code" value={r.code} />
            )}
            <Field
              idPrefix={`${r.id}-`}
              name="nameId"
              label={t("settings.rateNameId")}
              defaultValue={r.nameId}
              failure={f}
              required
            />
            <Field
              idPrefix={`${r.id}-`}
              name="nameEn"
              label={t("settings.rateNameEn")}
              defaultValue={r.nameEn}
              failure={f}
              required
            />
            <div className="field">
              <label htmlFor={`${r.id}-country`}>{t("settings.rateCountry")}</label>
              <select id={`${r.id}-country`} name="country" defaultValue={f?.values.country ?? r.country ?? ""}>
                <option value="">{t("checkout.anyAbroad")}</option>
                {SHIPPING_COUNTRIES.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </div>
            <Field
              idPrefix={`${r.id}-`}
              name="amount"
              inputMode="numeric"
              label={t("settings.rateAmount")}
              defaultValue={r.isNew ? "" : toInputString(r.amount, r.currency)}
              failure={f}
              required
            />
            {!r.isNew && (
              <p className="meta">
                <Price amount={r.amount} currency={r.currency} />
              </p>
            )}
            <label className="choice">
              <input type="checkbox" name="active" defaultChecked={r.active} /> {t("settings.rateActive")}
            </label>
            <button type="submit">{t("settings.saveRate")}</button>
          </Form>
        );
      })}
    </div>
  );
}
