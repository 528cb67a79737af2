import { Form } from "@remix-run/react";
import { CsrfInput, Field, SelectField, type ActionFailure } from "~/components/forms";
import { formatMoney } from "~/domain/money";
import type { AppLocale } from "~/lib/i18n";
import { formatDate } from "~/lib/format";
import { useTranslation } from "~/lib/translate";

export type LotInvoiceView = {
  id: string;
  number: string;
  currency: string;
  amount: bigint;
  amountIdr: bigint;
  paid: bigint;
  outstanding: bigint;
  dueBeforeShipment: bigint;
  terms: string;
  tempoDays: number;
  overdue: bigint;
  nextDue: Date | null;
  idrPerUnit: string;
  rateDate: Date;
  payments: Array<{
    id: string;
    paidOn: Date;
    paidAmount: bigint;
    paidCurrency: string;
    amount: bigint;
    bankReference: string;
  }>;
};

export type LotPnlView = {
  revenue: bigint;
  sampleCredit: bigint;
  received: bigint;
  producerCost: bigint;
  charges: bigint;
  margin: bigint;
};

/** The buyer's proforma invoice, its payments and a form to record one, and the lot's P&L. */
export function LotMoney(props: {
  lotId: string;
  locale: AppLocale;
  invoice: LotInvoiceView | null;
  pnl: LotPnlView | null;
  failure?: ActionFailure;
}) {
  const { t } = useTranslation();
  const { invoice, pnl, locale } = props;
  const idr = (v: bigint) => formatMoney(v, "IDR", locale);
  const today = new Date().toISOString().slice(0, 10);
  return (
    <section className="fieldset" aria-labelledby="money-h">
      <h2 id="money-h">{t("receivables.lotTitle")}</h2>
      {invoice ? (
        <>
          <dl className="facts" data-testid="lot-invoice">
            <dt>{t("receivables.invoice")}</dt>
            <dd>
              <a href={`/trade/lots/${props.lotId}/documents/proforma`} download>
                {invoice.number}
              </a>{" "}
              · {t(`receivables.terms.${invoice.terms}`)}
            </dd>
            <dt>{t("receivables.amount")}</dt>
            <dd>
              {formatMoney(invoice.amount, invoice.currency, locale)} ({idr(invoice.amountIdr)})
            </dd>
            <dt>{t("receivables.paid")}</dt>
            <dd data-testid="invoice-paid">{formatMoney(invoice.paid, invoice.currency, locale)}</dd>
            <dt>{t("receivables.outstanding")}</dt>
            <dd data-testid="invoice-outstanding">
              {formatMoney(invoice.outstanding, invoice.currency, locale)}
              {invoice.overdue > 0n && (
                <span className="overdue">
                  {" "}
                  · {t("receivables.overdueAmount", { amount: formatMoney(invoice.overdue, invoice.currency, locale) })}
                </span>
              )}
            </dd>
            <dt>{t("receivables.beforeShipment")}</dt>
            <dd>
              {invoice.paid >= invoice.dueBeforeShipment
                ? t("receivables.beforeShipmentPaid")
                : t("receivables.beforeShipmentDue", {
                    amount: formatMoney(invoice.dueBeforeShipment - invoice.paid, invoice.currency, locale),
                  })}
            </dd>
            {invoice.nextDue && (
              <>
                <dt>{t("receivables.nextDue")}</dt>
                <dd>{formatDate(invoice.nextDue, locale)}</dd>
              </>
            )}
          </dl>
          {invoice.payments.length > 0 && (
            <ul>
              {invoice.payments.map((p) => (
                <li key={p.id}>
                  {formatDate(p.paidOn, locale)} · {formatMoney(p.paidAmount, p.paidCurrency, locale)} ·{" "}
                  {p.bankReference}
                </li>
              ))}
            </ul>
          )}
          {invoice.outstanding > 0n && (
            <Form method="post" noValidate className="qty-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="payment" />
              <input type="hidden" name="invoiceId" value={invoice.id} />
              <h3>{t("receivables.record")}</h3>
              <Field
                name="paidAmount"
                inputMode="decimal"
                label={t("receivables.paidAmount")}
                failure={props.failure}
                required
              />
              <SelectField
                name="paidCurrency"
                label={t("receivables.paidCurrency")}
                options={[...new Set([invoice.currency, "IDR"])].map((c) => ({ value: c, label: c }))}
                defaultValue={invoice.currency}
                failure={props.failure}
                required
              />
              <Field
                name="paidOn"
                type="date"
                label={t("receivables.paidOn")}
                defaultValue={today}
                failure={props.failure}
                required
              />
              <Field name="bankReference" label={t("receivables.bankReference")} failure={props.failure} required />
              <button type="submit">{t("receivables.recordButton")}</button>
            </Form>
          )}
        </>
      ) : (
        <p className="meta">{t("receivables.noInvoice")}</p>
      )}
      {pnl && (
        <table className="variants" data-testid="lot-pnl">
          <caption>{t("receivables.pnl")}</caption>
          <tbody>
            <tr>
              <td>{t("receivables.revenue")}</td>
              <td>{idr(pnl.revenue)}</td>
            </tr>
            {pnl.sampleCredit > 0n && (
              <tr>
                <td>{t("receivables.sampleCredit")}</td>
                <td>− {idr(pnl.sampleCredit)}</td>
              </tr>
            )}
            <tr>
              <td>{t("receivables.producerCost")}</td>
              <td>− {idr(pnl.producerCost)}</td>
            </tr>
            <tr>
              <td>{t("receivables.charges")}</td>
              <td>− {idr(pnl.charges)}</td>
            </tr>
            <tr className="total">
              <td>{t("receivables.margin")}</td>
              <td>{idr(pnl.margin)}</td>
            </tr>
            <tr>
              <td>{t("receivables.exposure")}</td>
              <td>{idr(pnl.producerCost > pnl.received ? pnl.producerCost - pnl.received : 0n)}</td>
            </tr>
          </tbody>
        </table>
      )}
    </section>
  );
}
