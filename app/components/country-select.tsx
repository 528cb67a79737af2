import { useTranslation } from "~/lib/translate";
import { ASEAN_COUNTRIES, OTHER_COUNTRIES } from "~/domain/orders/address";
import { FieldShell, fieldState, type ActionFailure } from "./forms";

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
  const f = fieldState(name, failure);
  return (
    <FieldShell {...f} label={label}>
      <select {...f.control} defaultValue={failure?.values[name] ?? defaultValue}>
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
    </FieldShell>
  );
}
