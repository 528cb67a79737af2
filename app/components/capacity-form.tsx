import { Form } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, Field, SelectField, type ActionFailure } from "./forms";

/**
 * How much of a product the producer can make (units a week or a month) and how long before
 * new units are ready: export lots and quote requests count on it, not only on the stock.
 */
export function CapacityForm({
  values,
  failure,
}: {
  values: { unitsPerPeriod: string; period: string; leadTimeDays: string };
  failure?: ActionFailure;
}) {
  const { t } = useTranslation();
  return (
    <>
      <p className="hint">{t("capacity.intro")}</p>
      <Form method="post" noValidate>
        <CsrfInput />
        <input type="hidden" name="intent" value="capacity" />
        <Field
          name="unitsPerPeriod"
          type="number"
          inputMode="numeric"
          min={1}
          label={t("capacity.units")}
          hint={t("capacity.unitsHint")}
          defaultValue={values.unitsPerPeriod}
          failure={failure}
        />
        <SelectField
          name="period"
          label={t("capacity.period")}
          options={[
            { value: "WEEK", label: t("capacity.perWeek") },
            { value: "MONTH", label: t("capacity.perMonth") },
          ]}
          defaultValue={values.period}
          failure={failure}
          required
        />
        <Field
          name="leadTimeDays"
          type="number"
          inputMode="numeric"
          min={0}
          label={t("capacity.lead")}
          hint={t("capacity.leadHint")}
          defaultValue={values.leadTimeDays}
          failure={failure}
          required
        />
        <button type="submit">{t("capacity.save")}</button>
      </Form>
    </>
  );
}
