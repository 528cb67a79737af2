import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { z } from "zod";
import { CsrfInput, Field, FormError, isFailure } from "~/components/forms";
import {
  courierServices,
  importRateCards,
  RateFileError,
  RATE_COLUMNS,
  saveCourierService,
} from "~/domain/shipping/rate-cards.server";
import { formError, parseForm } from "~/lib/forms.server";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["imports", "shipping", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  const services = await courierServices();
  return {
    locale: routeLocale(params),
    columns: [...RATE_COLUMNS],
    services: services.map((s) => ({
      id: s.id,
      code: s.code,
      courierCode: s.courier.code,
      courierName: s.courier.name,
      trackingUrl: s.courier.trackingUrl ?? "",
      nameId: s.nameId,
      nameEn: s.nameEn,
      volumetricDivisor: s.volumetricDivisor,
      minWeightGrams: s.minWeightGrams,
      roundingToleranceGrams: s.roundingToleranceGrams,
      ownDelivery: s.ownDelivery,
      active: s.active && s.courier.active,
      rateCount: s.rateCount,
    })),
  };
}

const int = (min: number, max: number) =>
  z.coerce
    .number({ error: "shipping.errors.number" })
    .int({ error: "shipping.errors.number" })
    .min(min, { error: "shipping.errors.number" })
    .max(max, { error: "shipping.errors.number" });
const name = z.string().trim().min(2, { error: "errors.required" }).max(80, { error: "errors.tooLong" });

const serviceSchema = z.object({
  intent: z.literal("service"),
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9&]{2,12}-[A-Z0-9]{2,12}$/, { error: "shipping.errors.code" }),
  courierCode: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{2,20}$/, { error: "shipping.errors.courierCode" }),
  courierName: name,
  trackingUrl: z
    .string()
    .trim()
    .max(200, { error: "errors.tooLong" })
    .refine((u) => u === "" || (/^https:\/\//.test(u) && u.includes("{waybill}")), {
      error: "shipping.errors.trackingUrl",
    }),
  nameId: name,
  nameEn: name,
  volumetricDivisor: int(1000, 10_000),
  minWeightGrams: int(0, 50_000),
  roundingToleranceGrams: int(0, 999),
  ownDelivery: z.enum(["on"]).optional(),
  active: z.enum(["on"]).optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, "STAFF", "ADMIN");
  const multipart = (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
  if (multipart) {
    const parsed = await parseForm(request, z.object({}), { multipart: true });
    if (!parsed.ok) return parsed.response;
    const file = parsed.form.get("file");
    if (!file || typeof file === "string" || file.size === 0) return formError(400, null, "workErrors.importEmpty");
    try {
      return { ok: true as const, report: await importRateCards(staff.id, await file.text()) };
    } catch (err) {
      if (err instanceof RateFileError) return formError(400, null, err.key);
      throw err;
    }
  }
  const parsed = await parseForm(request, serviceSchema);
  if (!parsed.ok) return parsed.response;
  const d = parsed.data;
  await saveCourierService(staff.id, {
    ...d,
    trackingUrl: d.trackingUrl || null,
    ownDelivery: d.ownDelivery === "on",
    active: d.active === "on",
  });
  return { ok: true as const, saved: d.code };
}

type ServiceField = {
  name:
    | "courierCode"
    | "courierName"
    | "trackingUrl"
    | "nameId"
    | "nameEn"
    | "volumetricDivisor"
    | "minWeightGrams"
    | "roundingToleranceGrams";
  label: string;
  hint?: string;
  numeric?: boolean;
};

/** A service's form fields, in order: the courier, the names, and how the service weighs a parcel. */
const SERVICE_FIELDS: ServiceField[] = [
  { name: "courierCode", label: "courierCode" },
  { name: "courierName", label: "courierName" },
  { name: "trackingUrl", label: "trackingUrl", hint: "trackingUrlHint" },
  { name: "nameId", label: "nameId" },
  { name: "nameEn", label: "nameEn" },
  { name: "volumetricDivisor", label: "divisor", hint: "divisorHint", numeric: true },
  { name: "minWeightGrams", label: "minWeight", numeric: true },
  { name: "roundingToleranceGrams", label: "tolerance", hint: "toleranceHint", numeric: true },
];

export default function TradeShipping() {
  const { services, columns } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation();
  const report = actionData && "report" in actionData ? actionData.report : null;
  const forService = (code: string) =>
    failure && (failure.values.code ?? "").toUpperCase() === code ? failure : undefined;
  const isImportFailure = failure && !failure.values.intent;
  const newFailure =
    failure?.values.intent === "service" && !services.some((s) => s.code === (failure.values.code ?? "").toUpperCase())
      ? failure
      : undefined;
  const blank = {
    id: "new",
    code: "",
    courierCode: "",
    courierName: "",
    trackingUrl: "",
    nameId: "",
    nameEn: "",
    volumetricDivisor: 6000,
    minWeightGrams: 1000,
    roundingToleranceGrams: 0,
    ownDelivery: false,
    active: true,
    rateCount: 0,
  };
  return (
    <div className="container wide">
      <h1>{t("shipping.title")}</h1>
      <p>{t("shipping.intro")}</p>
      {actionData && "saved" in actionData && (
        <p className="notice" role="status" data-testid="service-saved">
          {t("shipping.saved", { code: actionData.saved })}
        </p>
      )}

      <h2>{t("shipping.ratesTitle")}</h2>
      <p className="meta">{t("shipping.ratesHint")}</p>
      <p>
        <a href="/trade/shipping-rates.csv" download>
          {t("shipping.export")}
        </a>{" "}
        · <a href="/trade/shipping-rates.csv?template=1">{t("shipping.template")}</a>
      </p>
      <p className="meta">
        {t("imports.columns")}: <code>{columns.join(",")}</code>
      </p>
      <Form method="post" encType="multipart/form-data" className="fieldset" noValidate>
        <CsrfInput />
        {isImportFailure && <FormError failure={failure} />}
        <div className="field">
          <label htmlFor="rates-file">{t("shipping.file")}</label>
          <input id="rates-file" type="file" name="file" accept=".csv,text/csv" required />
        </div>
        <button type="submit" disabled={busy}>
          {t("shipping.import")}
        </button>
      </Form>
      {report && (
        <section aria-labelledby="report-h" className="fieldset">
          <h3 id="report-h" role="status" data-testid="rate-report">
            {t("shipping.report", { saved: report.saved, refused: report.refused })}
          </h3>
          {report.refused > 0 && (
            <table className="summary">
              <thead>
                <tr>
                  <th scope="col">{t("shipping.row")}</th>
                  <th scope="col">{t("shipping.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {report.rows
                  .filter((r) => r.status === "refused")
                  .slice(0, 200)
                  .map((r) => (
                    <tr key={r.row}>
                      <td>{r.row}</td>
                      <td>{r.errors.map((e) => t(e)).join("; ")}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      <h2>{t("shipping.servicesTitle")}</h2>
      {[...services, blank].map((s) => {
        const isNew = s.id === "new";
        const f = isNew ? newFailure : forService(s.code);
        const p = `${s.id}-`;
        return (
          <Form key={s.id} method="post" noValidate className="fieldset">
            <CsrfInput />
            <input type="hidden" name="intent" value="service" />
            <h3>
              {isNew ? t("shipping.newService") : `${s.courierName} — ${s.nameId} (${s.code})`}{" "}
              {!isNew && <span className="meta">{t("shipping.rateCount", { count: s.rateCount })}</span>}
            </h3>
            <FormError failure={f} />
            {isNew ? (
              <Field idPrefix={p} name="code" label={t("shipping.code")} hint={t("shipping.codeHint")} failure={f} />
            ) : (
              <input type="hidden" name="code" value={s.code} />
            )}
            {SERVICE_FIELDS.map((field) => (
              <Field
                key={field.name}
                idPrefix={p}
                name={field.name}
                type={field.name === "trackingUrl" ? "url" : undefined}
                inputMode={field.numeric ? "numeric" : undefined}
                label={t(`shipping.${field.label}`)}
                hint={field.hint ? t(`shipping.${field.hint}`) : undefined}
                defaultValue={String(s[field.name])}
                failure={f}
              />
            ))}
            <label className="choice">
              <input type="checkbox" name="ownDelivery" defaultChecked={s.ownDelivery} /> {t("shipping.ownDelivery")}
            </label>
            <label className="choice">
              <input type="checkbox" name="active" defaultChecked={s.active} /> {t("shipping.active")}
            </label>
            <button type="submit">{t("shipping.saveService")}</button>
          </Form>
        );
      })}
    </div>
  );
}
