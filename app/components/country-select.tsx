import { useTranslation } from "~/lib/translate";
import { ASEAN_COUNTRIES, OTHER_COUNTRIES } from "~/domain/orders/address";
import type { ActionFailure } from "./forms";

/** Countries with ASEAN members first, names in the visitor's language. */
export function CountrySelect({
  name,
  label,
  defaultValue,
  failure,
  excludeId = false,
}: {
  name: string;
  label: string;
  defaultValue?: string;
  failure?: ActionFailure;
  excludeId?: boolean;
}) {
  const { t } = useTranslation();
  const error = failure?.fieldErrors[name];
  const id = `f-${name}`;
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={failure?.values[name] ?? defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <optgroup label={t("checkout.asean")}>
          {ASEAN_COUNTRIES.filter((c) => !excludeId || c !== "ID").map((c) => (
            <option key={c} value={c}>
              {t(`country.${c}`)}
            </option>
          ))}
        </optgroup>
        <optgroup label={t("checkout.otherCountries")}>
          {OTHER_COUNTRIES.map((c) => (
            <option key={c} value={c}>
              {t(`country.${c}`)}
            </option>
          ))}
        </optgroup>
      </select>
      {error && (
        <p className="error" id={`${id}-error`}>
          {t(error)}
        </p>
      )}
    </div>
  );
}
