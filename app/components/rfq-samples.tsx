import { Form } from "@remix-run/react";
import { formatMoney } from "~/domain/money";
import type { AppLocale } from "~/lib/i18n";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, Field, SelectField, type ActionFailure } from "./forms";

type SampleLine = {
  id: string;
  quantity: number;
  amount: bigint;
  variant: string;
  order: string;
  status: string;
  credited: { amountIdr: bigint; invoice: string } | null;
};

/**
 * A quote request's paid samples on the buyer's page: the form that puts a sample in the cart
 * (while the request is open and names a product on sale) and the samples ordered so far, with
 * the invoice each was credited to.
 */
export function RfqSamples({
  rfq,
  rules,
  failure,
  locale,
}: {
  rfq: { id: string; sampleOf: Array<{ id: string; name: string; price: bigint }>; samples: SampleLine[] };
  rules: { maxUnits: number; creditDays: number };
  failure?: ActionFailure;
  locale: AppLocale;
}) {
  const { t } = useTranslation();
  // the typed values and errors belong to the form they came from
  const mine = failure?.values.rfqId === rfq.id ? failure : undefined;
  if (rfq.sampleOf.length === 0 && rfq.samples.length === 0) return null;
  return (
    <section className="fieldset" aria-labelledby={`samples-${rfq.id}`} data-testid="rfq-samples">
      <h3 id={`samples-${rfq.id}`}>{t("samples.title")}</h3>
      {rfq.samples.length > 0 && (
        <ul>
          {rfq.samples.map((s) => (
            <li key={s.id} data-testid="sample-line">
              {t("samples.line", {
                count: s.quantity,
                variant: s.variant,
                order: s.order,
                amount: formatMoney(s.amount, "IDR", locale),
              })}{" "}
              <span className="status">{t(`orderStatus.${s.status}`)}</span>
              {s.credited && (
                <>
                  {" "}
                  ·{" "}
                  {t("samples.credited", {
                    amount: formatMoney(s.credited.amountIdr, "IDR", locale),
                    invoice: s.credited.invoice,
                  })}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {rfq.sampleOf.length > 0 && (
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="rfqId" value={rfq.id} />
          <p className="hint">{t("samples.hint", { max: rules.maxUnits, days: rules.creditDays })}</p>
          <SelectField
            name="variantId"
            idPrefix={`${rfq.id}-`}
            label={t("samples.variant")}
            required
            failure={mine}
            defaultValue={rfq.sampleOf.length === 1 ? rfq.sampleOf[0].id : undefined}
            options={rfq.sampleOf.map((v) => ({
              value: v.id,
              label: `${v.name} · ${formatMoney(v.price, "IDR", locale)}`,
            }))}
          />
          <Field
            name="quantity"
            idPrefix={`${rfq.id}-`}
            type="number"
            inputMode="numeric"
            min={1}
            label={t("samples.quantity")}
            defaultValue="1"
            failure={mine}
          />
          <button type="submit" name="intent" value="sample">
            {t("samples.order")}
          </button>
        </Form>
      )}
    </section>
  );
}
