import { useTranslation } from "~/lib/translate";
import type { RegionOptions } from "~/domain/regions/regions";
import type { ActionFailure } from "./forms";

/** A kabupaten/kota, grouped by province; keeps what was chosen when the form comes back with errors. */
export function RegencySelect({
  regions,
  defaultValue,
  failure,
  idPrefix = "",
}: {
  regions: RegionOptions;
  defaultValue?: string;
  failure?: ActionFailure;
  idPrefix?: string;
}) {
  const { t } = useTranslation();
  const id = `f-${idPrefix}regencyCode`;
  const error = failure?.fieldErrors.regencyCode;
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{t("sell.regency")}</label>
      <select id={id} name="regencyCode" defaultValue={failure?.values.regencyCode ?? defaultValue ?? ""} required>
        <option value="">{t("form.choose")}</option>
        {regions.map((pr) => (
          <optgroup key={pr.name} label={pr.name}>
            {pr.regencies.map((r) => (
              <option key={r.code} value={r.code}>
                {r.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {error && <p className="error">{t(error)}</p>}
    </div>
  );
}
