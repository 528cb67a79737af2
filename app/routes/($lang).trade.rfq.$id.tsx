import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, Field, FormError, isFailure, SelectField, TextArea } from "~/components/forms";
import { LotRefused } from "~/domain/trade/lots.server";
import { priceQuote, rfqForStaff, sendQuote } from "~/domain/trade/rfq.server";
import { INCOTERMS, QUOTE_CURRENCIES, quoteSchema } from "~/domain/trade/schemas";
import { EXPORT_PORTS } from "~/domain/trade/landed-cost";
import { provinces } from "~/domain/regions/regions";
import { QuoteBuildUp, serializeBuildUp } from "~/components/landed-cost";
import { formatDate, formatQuantity } from "~/lib/format";
import { formatMoney } from "~/domain/money";
import { formError, formValues, parseForm } from "~/lib/forms.server";
import { localePath, nameIn } from "~/lib/i18n";
import { RfqFeasibility } from "~/components/rfq-feasibility";
import { rfqFeasibility } from "~/domain/trade/capacity.server";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = {
  i18n: [
    "capacity",
    "country",
    "landedCost",
    "orderStatus",
    "quoteStatus",
    "rfq",
    "rfqStatus",
    "samples",
    "tradeRfq",
    "units",
  ],
};

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  const rfq = await rfqForStaff(params.id ?? "");
  if (!rfq) throw new Response("Not found", { status: 404 });
  const locale = routeLocale(params);
  const feasibility = await rfqFeasibility(rfq.id);
  return {
    locale,
    feasibility,
    rfq: {
      ...rfq,
      what: nameIn(locale, rfq.product, rfq.category),
    },
    regencies: provinces.flatMap((p) =>
      p.regencies.map((r) => ({
        value: r.code,
        label: `${r.type === "kota" ? "Kota" : "Kab."} ${r.name}, ${p.short}`,
      })),
    ),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireRole(request, "STAFF", "ADMIN");
  const parsed = await parseForm(request, quoteSchema);
  if (!parsed.ok) return parsed.response;
  const d = parsed.data;
  if (d.validUntil < new Date(new Date().toISOString().slice(0, 10)))
    return formError(400, parsed.form, "errors.formInvalid", { validUntil: "errors.datePast" });
  try {
    const priced = await priceQuote(params.id ?? "", {
      incoterm: d.incoterm,
      currency: d.currency,
      producerPrice: d.producerPrice,
      consolidationPerUnit: d.consolidation,
      packagingPerUnit: d.packaging,
      inlandFreight: d.inlandFreight,
      portCharges: d.portCharges,
      mainFreight: d.mainFreight,
      destinationDelivery: d.destinationDelivery,
      insuranceBps: d.insurance,
      marginBps: d.margin,
      pickupRegency: d.pickupRegency,
      port: d.port,
    });
    if (d.intent === "preview")
      return { ok: true as const, preview: serializeBuildUp(priced.cost), values: formValues(parsed.form) };
    await sendQuote(
      staff.id,
      params.id ?? "",
      { validUntil: d.validUntil, leadTimeDays: d.leadTimeDays, conditions: d.conditions },
      priced,
    );
  } catch (err) {
    if (err instanceof LotRefused) return formError(409, parsed.form, err.key);
    throw err;
  }
  return { ok: true as const, sent: true as const };
}

export default function TradeRfq() {
  const { locale, rfq, regencies, feasibility } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const preview = actionData && "preview" in actionData ? actionData : undefined;
  // a preview keeps what was typed, like a refusal does
  const failure = isFailure(actionData)
    ? actionData
    : preview
      ? { ok: false as const, fieldErrors: {}, values: preview.values ?? {} }
      : undefined;
  const { t } = useTranslation();
  const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  return (
    <div className="container wide">
      <h1>
        {t("tradeRfq.detail", { company: rfq.company.name })}{" "}
        <span className="status">{t(`rfqStatus.${rfq.status}`)}</span>
      </h1>
      {actionData && "sent" in actionData && (
        <p className="notice" role="status">
          {t("tradeRfq.quoteSent")}
        </p>
      )}
      <dl className="facts">
        <dt>{t("tradeRfq.request")}</dt>
        <dd>
          {formatQuantity(t, locale, rfq.quantity, rfq.unit)} · {rfq.what}
        </dd>
        <dt>{t("rfq.destination")}</dt>
        <dd>
          {t(`country.${rfq.destinationCountry}`)} {rfq.destinationPort ?? ""} · {rfq.incoterm}
        </dd>
        {rfq.targetPriceAmount !== null && rfq.targetCurrency && (
          <>
            <dt>{t("rfq.targetPrice")}</dt>
            <dd>{formatMoney(rfq.targetPriceAmount, rfq.targetCurrency, locale)}</dd>
          </>
        )}
        {rfq.wantedBy && (
          <>
            <dt>{t("rfq.wantedBy")}</dt>
            <dd>{formatDate(rfq.wantedBy, locale)}</dd>
          </>
        )}
        <dt>{t("rfq.company")}</dt>
        <dd>
          {rfq.company.name}, {t(`country.${rfq.company.country}`)} {rfq.company.taxId ? `· ${rfq.company.taxId}` : ""}{" "}
          · {rfq.company.contactName} &lt;{rfq.company.contactEmail}&gt;
        </dd>
        {rfq.notes && (
          <>
            <dt>{t("rfq.notes")}</dt>
            <dd>{rfq.notes}</dd>
          </>
        )}
      </dl>
      {feasibility && <RfqFeasibility f={feasibility} wanted={rfq.wantedBy} locale={locale} />}
      {rfq.sampleLines.length > 0 && (
        <section className="fieldset" aria-labelledby="samples-h" data-testid="rfq-samples">
          <h2 id="samples-h">{t("samples.staffTitle")}</h2>
          <ul>
            {rfq.sampleLines.map((l) => (
              <li key={l.id} data-testid="sample-line">
                {t("samples.line", {
                  count: l.quantity,
                  variant: locale === "en" ? l.variantNameEn : l.variantName,
                  order: l.order.number,
                  amount: formatMoney(l.lineAmount, "IDR", locale),
                })}{" "}
                <span className="status">{t(`orderStatus.${l.order.status}`)}</span> ·{" "}
                {l.sampleCredit
                  ? t("samples.credited", {
                      amount: formatMoney(l.sampleCredit.amountIdr, "IDR", locale),
                      invoice: l.sampleCredit.invoice.number,
                    })
                  : t("samples.notCredited")}
              </li>
            ))}
          </ul>
        </section>
      )}
      {rfq.quotes.map((q) => (
        <p key={q.id} className="fieldset">
          {formatMoney(q.unitPriceAmount, q.currency, locale)} · {q.incoterm} ·{" "}
          {t("rfq.validUntil", { date: formatDate(q.validUntil, locale) })} ·{" "}
          <span className="status">{t(`quoteStatus.${q.status}`)}</span>
          {q.lot && (
            <>
              {" "}
              · <Link to={localePath(`/trade/lots/${q.lot.id}`, locale)}>{q.lot.code}</Link>
            </>
          )}
        </p>
      ))}
      {["OPEN", "QUOTED", "DECLINED"].includes(rfq.status) && (
        <Form method="post" noValidate className="fieldset">
          <CsrfInput />
          <h2>{t("tradeRfq.quote")}</h2>
          <FormError failure={failure} />
          <p className="hint">{t("landedCost.intro")}</p>
          <SelectField
            name="incoterm"
            label={t("rfq.incoterm")}
            options={INCOTERMS.map((i) => ({ value: i, label: `${i} — ${t(`landedCost.incoterm.${i}`)}` }))}
            defaultValue={INCOTERMS.includes(rfq.incoterm as (typeof INCOTERMS)[number]) ? rfq.incoterm : "FOB"}
            failure={failure}
            required
          />
          <SelectField
            name="currency"
            label={t("rfq.currency")}
            options={QUOTE_CURRENCIES.map((c) => ({ value: c, label: c }))}
            defaultValue={rfq.targetCurrency ?? "USD"}
            failure={failure}
            required
          />
          <fieldset>
            <legend>{t("landedCost.perUnit")}</legend>
            {(["producerPrice", "consolidation", "packaging"] as const).map((name) => (
              <Field
                key={name}
                name={name}
                inputMode="decimal"
                label={t(`landedCost.field.${name}`)}
                hint={name === "producerPrice" ? t("tradeRfq.producerPriceHint") : undefined}
                defaultValue={name === "producerPrice" ? undefined : "0"}
                failure={failure}
                required
              />
            ))}
          </fieldset>
          <fieldset>
            <legend>{t("landedCost.perShipment")}</legend>
            <SelectField
              name="pickupRegency"
              label={t("landedCost.field.pickupRegency")}
              options={regencies}
              failure={failure}
              required
            />
            <SelectField
              name="port"
              label={t("landedCost.field.port")}
              options={EXPORT_PORTS.map((p) => ({ value: p.key, label: p.name }))}
              failure={failure}
              required
            />
            {(["inlandFreight", "portCharges", "mainFreight", "destinationDelivery"] as const).map((name) => (
              <Field
                key={name}
                name={name}
                inputMode="decimal"
                label={t(`landedCost.field.${name}`)}
                hint={t(`landedCost.hint.${name}`)}
                defaultValue="0"
                failure={failure}
                required
              />
            ))}
            <Field
              name="insurance"
              inputMode="decimal"
              label={t("landedCost.field.insurance")}
              hint={t("landedCost.hint.insurance")}
              defaultValue="0,3"
              failure={failure}
              required
            />
            <Field
              name="margin"
              inputMode="decimal"
              label={t("landedCost.field.margin")}
              defaultValue="15"
              failure={failure}
              required
            />
          </fieldset>
          {preview?.preview && <QuoteBuildUp cost={preview.preview} locale={locale} />}
          <Field
            name="validUntil"
            type="date"
            label={t("tradeRfq.validUntil")}
            defaultValue={inTwoWeeks}
            failure={failure}
            required
          />
          <Field
            name="leadTimeDays"
            type="number"
            inputMode="numeric"
            label={t("tradeRfq.leadTime")}
            defaultValue="30"
            failure={failure}
            required
          />
          <TextArea name="conditions" label={t("tradeRfq.conditions")} failure={failure} />
          <div className="row-actions">
            <button type="submit" name="intent" value="preview" className="secondary">
              {t("landedCost.compute")}
            </button>
            <button type="submit" name="intent" value="send">
              {t("tradeRfq.send")}
            </button>
          </div>
        </Form>
      )}
    </div>
  );
}
