import { Form } from "@remix-run/react";
import { formatBps, type OriginResult } from "~/domain/trade/origin";
import type { AppLocale } from "~/lib/i18n";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, Field, type ActionFailure } from "./forms";

const FIELDS = ["localMaterials", "importedMaterials", "labour", "overhead", "otherCosts", "profit"] as const;

/**
 * A product's cost structure per unit and the Form D origin it gives (ATIGA): wholly obtained,
 * or the regional value content with its calculation, or why the product cannot claim it.
 */
export function OriginForm({
  values,
  origin,
  failure,
  locale,
}: {
  values: Record<(typeof FIELDS)[number], string> & { whollyObtained: boolean };
  origin: OriginResult | null;
  failure?: ActionFailure;
  locale: AppLocale;
}) {
  const { t } = useTranslation();
  const typedWo = failure ? failure.values.whollyObtained === "on" : values.whollyObtained;
  return (
    <>
      <p className="hint">{t("origin.intro")}</p>
      {origin && (
        <p data-testid="origin-result" className={origin.ok ? "notice" : "form-error"}>
          {origin.ok
            ? origin.criterion === "WO"
              ? t("origin.wo")
              : t("origin.rvc", { criterion: origin.criterion, rvc: formatBps(origin.rvcBps ?? 0, locale) })
            : t(origin.reason, { rvc: formatBps(origin.rvcBps ?? 0, locale) })}
        </p>
      )}
      <Form method="post" noValidate>
        <CsrfInput />
        <input type="hidden" name="intent" value="origin" />
        {FIELDS.map((f) => (
          <Field
            key={f}
            name={f}
            inputMode="numeric"
            label={t(`origin.field.${f}`)}
            defaultValue={values[f]}
            failure={failure}
            required
          />
        ))}
        <label className="facet">
          <input type="checkbox" name="whollyObtained" defaultChecked={typedWo} /> {t("origin.field.whollyObtained")}
        </label>
        <button type="submit">{t("origin.save")}</button>
      </Form>
    </>
  );
}
