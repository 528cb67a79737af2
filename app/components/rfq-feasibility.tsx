import type { AppLocale } from "~/lib/i18n";
import { formatDate, formatNumber } from "~/lib/format";
import { useTranslation } from "~/lib/translate";

export type FeasibilityView = {
  producers: number;
  withCapacity: number;
  quantity: number;
  readyOn: Date | null;
  feasible: boolean;
  shortByWanted: number;
  shipments: Array<{ on: Date; units: number; cumulative: number }>;
};

/** Whether the requested quantity can be made by the date, from stock and declared capacity, with partial shipments. */
export function RfqFeasibility({ f, wanted, locale }: { f: FeasibilityView; wanted: Date | null; locale: AppLocale }) {
  const { t } = useTranslation();
  return (
    <section className="fieldset" aria-labelledby="feasibility-h" data-testid="feasibility">
      <h2 id="feasibility-h">{t("capacity.feasibilityTitle")}</h2>
      <p className="meta">{t("capacity.sources", { count: f.producers, capacity: f.withCapacity })}</p>
      <p className={f.feasible ? "notice" : "form-error"} data-testid="feasibility-verdict">
        {f.readyOn === null
          ? t("capacity.never")
          : f.feasible
            ? t("capacity.readyBy", { date: formatDate(f.readyOn, locale) })
            : t("capacity.late", {
                date: formatDate(f.readyOn, locale),
                wanted: wanted ? formatDate(wanted, locale) : "",
                short: formatNumber(f.shortByWanted, locale),
              })}
      </p>
      {f.shipments.length > 0 && (
        <ol data-testid="schedule">
          {f.shipments.map((s) => (
            <li key={String(s.on)}>
              {t("capacity.shipment", {
                date: formatDate(s.on, locale),
                units: formatNumber(s.units, locale),
                cumulative: formatNumber(s.cumulative, locale),
              })}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
