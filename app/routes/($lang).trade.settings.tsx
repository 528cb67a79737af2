import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { z } from "zod";
import { CsrfInput, Field, FormError, isFailure } from "~/components/forms";
import { marketSettings, updateMarketSettings } from "~/domain/orders/settings.server";
import { localePath } from "~/lib/i18n";
import { formError, parseForm } from "~/lib/forms.server";
import { bpsToPercent, percentToBps } from "~/domain/money";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["settings", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  return { locale: routeLocale(params), settings: await marketSettings() };
}

const schema = z.object({
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
  autoCompleteDays: z.coerce
    .number({ error: "workErrors.autoCompleteDays" })
    .int({ error: "workErrors.autoCompleteDays" })
    .min(1, { error: "workErrors.autoCompleteDays" })
    .max(60, { error: "workErrors.autoCompleteDays" }),
});

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, "STAFF", "ADMIN");
  const parsed = await parseForm(request, schema);
  if (!parsed.ok) return parsed.response;
  const d = parsed.data;
  const bps = percentToBps(d.commissionPercent);
  if (bps === null || bps > 5000)
    return formError(400, parsed.form, "errors.formInvalid", { commissionPercent: "workErrors.percent" });
  await updateMarketSettings(staff.id, {
    commissionBps: bps,
    bankName: d.bankName,
    bankAccountNo: d.bankAccountNo,
    bankAccountName: d.bankAccountName,
    transferHoldMinutes: d.transferHoldMinutes,
    autoCompleteDays: d.autoCompleteDays,
  });
  return { ok: true as const, saved: "settings" };
}

export default function TradeSettings() {
  const { locale, settings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  const forSettings = failure;
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
        <Field
          name="autoCompleteDays"
          type="number"
          inputMode="numeric"
          label={t("settings.autoComplete")}
          hint={t("settings.autoCompleteHint")}
          defaultValue={String(settings.autoCompleteDays)}
          failure={forSettings}
          required
        />
        <button type="submit">{t("settings.save")}</button>
      </Form>
      <h2>{t("settings.rates")}</h2>
      <p>
        <Link to={localePath("/trade/shipping", locale)}>{t("settings.ratesLink")}</Link>
      </p>
    </div>
  );
}
