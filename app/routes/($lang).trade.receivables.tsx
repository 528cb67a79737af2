import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, Field, FormError, isFailure, SelectField } from "~/components/forms";
import { bpsToPercent, formatMoney, toInputString } from "~/domain/money";
import {
  exposure as loadExposure,
  receivables as loadReceivables,
  setCompanyTerms,
  setExposureLimit,
} from "~/domain/trade/receivables.server";
import { exposureLimitSchema, sampleRulesSchema, termsSchema } from "~/domain/trade/schemas";
import { sampleTerms, setSampleTerms } from "~/domain/trade/samples.server";
import { AGE_BUCKETS, BUYER_TERMS_LIST } from "~/domain/trade/terms";
import { LotRefused } from "~/domain/trade/lots.server";
import { formatDate } from "~/lib/format";
import { formError, parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["country", "receivables", "samples", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  const [r, e, samples] = await Promise.all([loadReceivables(), loadExposure(), sampleTerms()]);
  return {
    locale: routeLocale(params),
    companies: r.companies.map((c) => ({
      id: c.company.id,
      name: c.company.name,
      country: c.company.country,
      terms: c.company.terms,
      buckets: c.buckets,
      outstandingIdr: c.outstandingIdr,
      overdueIdr: c.overdueIdr,
      invoices: c.invoices,
    })),
    totals: r.totals,
    terms: r.allCompanies.map((c) => ({
      id: c.id,
      name: c.name,
      terms: c.terms,
      deposit: bpsToPercent(c.depositBps),
      creditLimit: toInputString(c.creditLimitIdr, "IDR"),
      approvedAt: c.termsApprovedAt,
    })),
    exposure: e,
    samples,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, "STAFF", "ADMIN");
  const intent = new URL(request.url).searchParams.get("intent");
  if (intent === "limit") {
    const parsed = await parseForm(request, exposureLimitSchema);
    if (!parsed.ok) return parsed.response;
    await setExposureLimit(staff.id, parsed.data.exposureLimit);
    return { ok: true as const, done: "limit" as const };
  }
  if (intent === "samples") {
    const parsed = await parseForm(request, sampleRulesSchema);
    if (!parsed.ok) return parsed.response;
    await setSampleTerms(staff.id, {
      maxUnits: parsed.data.sampleMaxUnits,
      creditDays: parsed.data.sampleCreditDays,
    });
    return { ok: true as const, done: "samples" as const };
  }
  const parsed = await parseForm(request, termsSchema);
  if (!parsed.ok) return parsed.response;
  const d = parsed.data;
  try {
    await setCompanyTerms(staff.id, d.companyId, {
      terms: d.terms,
      depositBps: d.deposit,
      creditLimitIdr: d.creditLimit,
    });
  } catch (err) {
    if (err instanceof LotRefused) return formError(404, parsed.form, err.key);
    throw err;
  }
  return { ok: true as const, done: "terms" as const };
}

export default function TradeReceivables() {
  const { locale, companies, totals, terms, exposure: e, samples } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  const idr = (v: bigint) => formatMoney(v, "IDR", locale);
  return (
    <div className="container wide">
      <h1>{t("receivables.title")}</h1>
      {actionData && "done" in actionData && (
        <p className="notice" role="status">
          {t(`receivables.done.${actionData.done}`)}
        </p>
      )}
      <FormError failure={failure} />
      <p data-testid="receivables-total">
        {t("receivables.totalLine", { outstanding: idr(totals.outstandingIdr), overdue: idr(totals.overdueIdr) })}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="aging-h">
        <table className="variants">
          <caption id="aging-h">{t("receivables.aging")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("receivables.company")}</th>
              {AGE_BUCKETS.map((b) => (
                <th scope="col" key={b}>
                  {t(`receivables.bucket.${b}`)}
                </th>
              ))}
              <th scope="col">{t("receivables.outstanding")}</th>
              <th scope="col">{t("receivables.overdue")}</th>
            </tr>
          </thead>
          <tbody>
            {companies.length === 0 && (
              <tr>
                <td colSpan={7}>{t("receivables.none")}</td>
              </tr>
            )}
            {companies.map((c) => (
              <tr key={c.id} data-testid="receivable">
                <th scope="row">
                  {c.name}
                  <div className="meta">
                    {t(`country.${c.country}`)} · {t(`receivables.terms.${c.terms}`)}
                  </div>
                  <ul className="meta">
                    {c.invoices.map((i) => (
                      <li key={i.id}>
                        <Link to={localePath(`/trade/lots/${i.lot.id}`, locale)}>{i.number}</Link> ·{" "}
                        {formatMoney(i.outstanding, i.currency, locale)}
                        {i.overdueSince ? (
                          <span className="overdue">
                            {" "}
                            · {t("receivables.overdueSince", { date: formatDate(i.overdueSince, locale) })}
                          </span>
                        ) : (
                          i.nextDue && <> · {t("receivables.dueOn", { date: formatDate(i.nextDue, locale) })}</>
                        )}
                      </li>
                    ))}
                  </ul>
                </th>
                {AGE_BUCKETS.map((b) => (
                  <td key={b}>{c.buckets[b] > 0n ? idr(c.buckets[b]) : "—"}</td>
                ))}
                <td>{idr(c.outstandingIdr)}</td>
                <td className={c.overdueIdr > 0n ? "overdue" : undefined}>
                  {c.overdueIdr > 0n ? idr(c.overdueIdr) : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section className="fieldset" aria-labelledby="exposure-h">
        <h2 id="exposure-h">{t("receivables.exposureTitle")}</h2>
        <p data-testid="exposure-total">
          {t("receivables.exposureLine", { now: idr(e.total), committed: idr(e.committed), limit: idr(e.limit) })}
        </p>
        {e.lots.length > 0 && (
          <ul>
            {e.lots.map((l) => (
              <li key={l.id}>
                <Link to={localePath(`/trade/lots/${l.id}`, locale)}>{l.code}</Link> ·{" "}
                {t("receivables.exposureLot", {
                  credited: idr(l.credited),
                  paidOut: idr(l.paidOut),
                  received: idr(l.received),
                  exposure: idr(l.exposure),
                })}
              </li>
            ))}
          </ul>
        )}
        <Form method="post" action="?intent=limit" noValidate className="qty-form">
          <CsrfInput />
          <Field
            name="exposureLimit"
            inputMode="decimal"
            label={t("receivables.exposureLimit")}
            defaultValue={toInputString(e.limit, "IDR")}
            failure={failure}
            required
          />
          <button type="submit">{t("receivables.save")}</button>
        </Form>
      </section>

      <section className="fieldset" aria-labelledby="samples-h">
        <h2 id="samples-h">{t("samples.rules")}</h2>
        <p className="hint">{t("samples.rulesHint")}</p>
        <Form method="post" action="?intent=samples" noValidate>
          <CsrfInput />
          <Field
            name="sampleMaxUnits"
            type="number"
            inputMode="numeric"
            min={1}
            label={t("samples.maxUnits")}
            defaultValue={String(samples.maxUnits)}
            failure={failure}
            required
          />
          <Field
            name="sampleCreditDays"
            type="number"
            inputMode="numeric"
            min={0}
            label={t("samples.creditDays")}
            defaultValue={String(samples.creditDays)}
            failure={failure}
            required
          />
          <button type="submit">{t("receivables.save")}</button>
        </Form>
      </section>

      <section className="fieldset" aria-labelledby="terms-h">
        <h2 id="terms-h">{t("receivables.termsTitle")}</h2>
        <p className="hint">{t("receivables.termsHint")}</p>
        {terms.map((c) => (
          <Form method="post" noValidate key={c.id} className="fieldset" aria-label={c.name}>
            <CsrfInput />
            <input type="hidden" name="companyId" value={c.id} />
            <h3>{c.name}</h3>
            <SelectField
              name="terms"
              idPrefix={`${c.id}-`}
              label={t("receivables.termsLabel")}
              options={BUYER_TERMS_LIST.map((x) => ({ value: x, label: t(`receivables.terms.${x}`) }))}
              defaultValue={c.terms}
              failure={failure?.values.companyId === c.id ? failure : undefined}
              required
            />
            <Field
              name="deposit"
              idPrefix={`${c.id}-`}
              inputMode="decimal"
              label={t("receivables.deposit")}
              defaultValue={c.deposit}
              failure={failure?.values.companyId === c.id ? failure : undefined}
              required
            />
            <Field
              name="creditLimit"
              idPrefix={`${c.id}-`}
              inputMode="decimal"
              label={t("receivables.creditLimit")}
              defaultValue={c.creditLimit}
              failure={failure?.values.companyId === c.id ? failure : undefined}
              required
            />
            {c.approvedAt && (
              <p className="meta">{t("receivables.approvedAt", { date: formatDate(c.approvedAt, locale) })}</p>
            )}
            <button type="submit">{t("receivables.save")}</button>
          </Form>
        ))}
      </section>
    </div>
  );
}
