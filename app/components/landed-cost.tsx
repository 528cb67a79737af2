import { formatMoney } from "~/domain/money";
import type { LandedCost } from "~/domain/trade/landed-cost";
import { formatDate } from "~/lib/format";
import type { AppLocale } from "~/lib/i18n";
import { useTranslation } from "~/lib/translate";

/** A landed-cost build-up as it travels to the page (amounts as decimal strings). */
export type BuildUpView = {
  incoterm: string;
  quantity: number;
  lines: Array<{ key: string; total: string; included: boolean }>;
  cost: string;
  margin: string;
  total: string;
  unitPriceIdr: string;
  unitPrice: string;
  currency: string;
  rate: { idrPerUnit: string; rateDate: string };
};

export function serializeBuildUp(c: LandedCost): BuildUpView {
  return {
    incoterm: c.incoterm,
    quantity: c.quantity,
    lines: c.lines.map((l) => ({ key: l.key, total: String(l.total), included: l.included })),
    cost: String(c.cost),
    margin: String(c.margin),
    total: String(c.total),
    unitPriceIdr: String(c.unitPriceIdr),
    unitPrice: String(c.unitPrice),
    currency: c.currency,
    rate: { idrPerUnit: c.rate.idrPerUnit, rateDate: c.rate.rateDate },
  };
}

/** The build-up of a quote for staff: each cost, who bears it under the Incoterm, margin, price. */
export function QuoteBuildUp({ cost, locale }: { cost: BuildUpView; locale: AppLocale }) {
  const { t } = useTranslation();
  const idr = (v: string) => formatMoney(BigInt(v), "IDR", locale);
  return (
    <section aria-labelledby="build-up-title" className="fieldset">
      <h3 id="build-up-title">{t("landedCost.title", { incoterm: cost.incoterm, quantity: cost.quantity })}</h3>
      <table className="variants">
        <tbody>
          {cost.lines.map((l) => (
            <tr key={l.key} className={l.included ? undefined : "excluded"}>
              <td>{t(`landedCost.line.${l.key}`)}</td>
              <td>{l.included ? idr(l.total) : t("landedCost.buyerPays")}</td>
            </tr>
          ))}
          <tr className="total">
            <td>{t("landedCost.cost")}</td>
            <td>{idr(cost.cost)}</td>
          </tr>
          <tr>
            <td>{t("landedCost.margin")}</td>
            <td>{idr(cost.margin)}</td>
          </tr>
          <tr className="total">
            <td>{t("landedCost.total")}</td>
            <td>{idr(cost.total)}</td>
          </tr>
        </tbody>
      </table>
      <p role="status">
        {t("landedCost.unitPrice", {
          idr: idr(cost.unitPriceIdr),
          price: formatMoney(BigInt(cost.unitPrice), cost.currency, locale),
        })}{" "}
        {cost.currency !== "IDR" &&
          t("landedCost.rate", {
            currency: cost.currency,
            rate: formatMoney(BigInt(Math.round(Number(cost.rate.idrPerUnit) * 100)), "IDR", locale),
            date: formatDate(new Date(`${cost.rate.rateDate}T00:00:00Z`), locale),
          })}
      </p>
    </section>
  );
}
