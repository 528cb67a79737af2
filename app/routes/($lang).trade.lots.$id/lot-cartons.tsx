import type { AppLocale } from "~/lib/i18n";
import { formatNumber } from "~/lib/format";
import { useTranslation } from "~/lib/translate";

export type CartonPlanView = {
  lines: Array<{
    key: string;
    producer: string;
    description: string;
    quantity: number;
    cartons: number;
    unitsPerCarton: number;
    netGrams: number;
    grossGrams: number;
    volumeCm3: number | null;
    first: number;
    last: number;
  }>;
  totals: { cartons: number; netKg: number; grossKg: number; volumeM3: number; unknown: number };
  container: { advice: string; fills: Array<{ code: string; volumePct: number; weightPct: number }> };
};

/** The lot's carton plan per producer, its totals, the container it needs and the shipping marks. */
export function LotCartons({ lotId, plan, locale }: { lotId: string; plan: CartonPlanView; locale: AppLocale }) {
  const { t } = useTranslation();
  const kg = (grams: number) => formatNumber(Math.round(grams / 10) / 100, locale);
  const m3 = (cm3: number) => formatNumber(Math.round(cm3 / 10_000) / 100, locale);
  if (plan.lines.length === 0) return null;
  return (
    <section className="fieldset" aria-labelledby="cartons-h" data-testid="carton-plan">
      <h2 id="cartons-h">{t("cartons.title")}</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="cartons-h">
        <table className="variants">
          <thead>
            <tr>
              <th scope="col">{t("lots.producer")}</th>
              <th scope="col">{t("cartons.cartons")}</th>
              <th scope="col">{t("cartons.weights")}</th>
              <th scope="col">{t("cartons.volume")}</th>
            </tr>
          </thead>
          <tbody>
            {plan.lines.map((l) => (
              <tr key={l.key}>
                <td>
                  {l.producer}
                  <div className="meta">{l.description}</div>
                </td>
                <td>
                  {t("cartons.cartonLine", { count: l.cartons, units: l.unitsPerCarton, first: l.first, last: l.last })}
                </td>
                <td>{t("cartons.weightLine", { net: kg(l.netGrams), gross: kg(l.grossGrams) })}</td>
                <td>{l.volumeCm3 === null ? t("cartons.noCarton") : `${m3(l.volumeCm3)} m³`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p data-testid="carton-totals">
        {t("cartons.totals", {
          count: plan.totals.cartons,
          net: formatNumber(plan.totals.netKg, locale),
          gross: formatNumber(plan.totals.grossKg, locale),
          volume: formatNumber(plan.totals.volumeM3, locale),
        })}
      </p>
      {plan.totals.unknown > 0 && <p className="form-error">{t("cartons.unknown", { count: plan.totals.unknown })}</p>}
      <p data-testid="container-advice">
        <strong>{t(`cartons.advice.${plan.container.advice}`)}</strong>{" "}
        {plan.container.fills
          .map((f) =>
            t("cartons.fill", { code: t(`cartons.container.${f.code}`), volume: f.volumePct, weight: f.weightPct }),
          )
          .join(" · ")}
      </p>
      <p>
        <a href={`/trade/lots/${lotId}/shipping-marks.pdf`} download>
          {t("cartons.marks", { count: plan.totals.cartons })}
        </a>
      </p>
    </section>
  );
}
