import { Form } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import type { AppLocale } from "~/lib/i18n";
import { CsrfInput, Field, FormError, SelectField, TextArea, type ActionFailure } from "./forms";

export type ProductFormValues = {
  nameId: string;
  nameEn: string;
  descriptionId: string;
  descriptionEn: string;
  categoryId: string;
  hsCode: string | null;
  unit: string;
  weightGrams: number;
  exportReady: boolean;
  certificationIds: string[];
  variants: Array<{
    id?: string;
    sku: string;
    gtin: string;
    nameId: string;
    nameEn: string;
    price: string;
    stock: number;
    minOrderQty: number;
    weightGrams: number | null;
    packedSize: string;
    cartonUnits: number | null;
    cartonSize: string;
    cartonGrossKg: string;
    tiers: Array<{ minQty: number; price: string }>;
  }>;
};

type Props = {
  locale: AppLocale;
  values?: ProductFormValues;
  categories: Array<{ id: string; nameId: string; nameEn: string; parentId: string | null }>;
  certificates: Array<{ id: string; type: string; number: string; status: string }>;
  failure?: ActionFailure;
  submitLabel: string;
};

const UNITS = ["pcs", "lembar", "botol", "toples", "bungkus", "kg"];

/** The product form; works without JavaScript (one spare variant row for adding a variant). */
export function ProductForm({ locale, values, categories, certificates, failure, submitLabel }: Props) {
  const { t } = useTranslation();
  const v = values;
  const rows = [
    ...(v?.variants ?? []),
    {
      sku: "",
      gtin: "",
      nameId: "",
      nameEn: "",
      price: "",
      stock: 0,
      minOrderQty: 1,
      weightGrams: null,
      packedSize: "",
      cartonUnits: null,
      cartonSize: "",
      cartonGrossKg: "",
      tiers: [],
    },
  ];
  const byId = new Map(categories.map((c) => [c.id, c]));
  const catLabel = (c: (typeof categories)[number]) => {
    const name = locale === "en" ? c.nameEn : c.nameId;
    const parent = c.parentId ? byId.get(c.parentId) : undefined;
    return parent ? `${locale === "en" ? parent.nameEn : parent.nameId} › ${name}` : name;
  };
  const checkedCerts = new Set(
    failure
      ? Object.keys(failure.values)
          .filter((k) => k.startsWith("certificationIds[]:"))
          .map((k) => k.slice("certificationIds[]:".length))
      : (v?.certificationIds ?? []),
  );
  const val = (name: string, fallback: string | number | undefined | null) =>
    failure?.values[name] ??
    (fallback === null || fallback === undefined || fallback === 0 ? (fallback === 0 ? "0" : "") : String(fallback));
  return (
    <Form method="post" noValidate>
      <CsrfInput />
      <input type="hidden" name="intent" value="save" />
      <FormError failure={failure} />
      <Field name="nameId" label={t("sell.nameId")} defaultValue={v?.nameId} required failure={failure} />
      <Field name="nameEn" label={t("sell.nameEn")} defaultValue={v?.nameEn} required failure={failure} />
      <TextArea
        name="descriptionId"
        label={t("sell.descriptionId")}
        defaultValue={v?.descriptionId}
        failure={failure}
      />
      <TextArea
        name="descriptionEn"
        label={t("sell.descriptionEn")}
        defaultValue={v?.descriptionEn}
        failure={failure}
      />
      <SelectField
        name="categoryId"
        label={t("search.category")}
        required
        defaultValue={v?.categoryId}
        failure={failure}
        options={categories.map((c) => ({ value: c.id, label: catLabel(c) }))}
      />
      <SelectField
        name="unit"
        label={t("sell.unit")}
        required
        defaultValue={v?.unit ?? "pcs"}
        failure={failure}
        options={UNITS.map((u) => ({ value: u, label: t(`unit.${u}`) }))}
      />
      <Field
        name="weightGrams"
        type="number"
        inputMode="numeric"
        min={1}
        label={t("sell.weightGrams")}
        defaultValue={v ? String(v.weightGrams) : undefined}
        required
        failure={failure}
      />
      <Field
        name="hsCode"
        label={t("product.hsCode")}
        hint={t("sell.hsHint")}
        defaultValue={v?.hsCode ?? undefined}
        failure={failure}
      />
      <label className="facet">
        <input
          type="checkbox"
          name="exportReady"
          defaultChecked={failure ? failure.values.exportReady === "on" : v?.exportReady}
        />{" "}
        {t("product.exportReady")}
      </label>
      <fieldset>
        <legend>{t("sell.coveredBy")}</legend>
        {certificates.length === 0 && <p className="hint">{t("sell.noCertificates")}</p>}
        {certificates.map((c) => (
          <label key={c.id} className="facet">
            <input type="checkbox" name="certificationIds[]" value={c.id} defaultChecked={checkedCerts.has(c.id)} />{" "}
            {t(`cert.${c.type}`)} {c.number} ({t(`certStatus.${c.status}`)})
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t("product.variants")}</legend>
        <p className="hint">{t("sell.variantHint")}</p>
        {rows.map((row, i) => {
          const n = (f: string) => `variants[${i}].${f}`;
          const e = (f: string) => `variants.${i}.${f}`;
          return (
            <div key={row.id ?? `new-${i}`} className="variant-row">
              {row.id && <input type="hidden" name={n("id")} value={row.id} />}
              {row.id && <input type="hidden" name={n("stockShown")} value={val(n("stockShown"), row.stock)} />}
              <Field
                name={n("sku")}
                errorKey={e("sku")}
                label={t("sell.sku")}
                defaultValue={val(n("sku"), row.sku)}
                failure={failure}
              />
              <Field
                name={n("gtin")}
                errorKey={e("gtin")}
                label={t("sell.gtin")}
                hint={t("sell.gtinHint")}
                inputMode="numeric"
                defaultValue={val(n("gtin"), row.gtin)}
                failure={failure}
              />
              <Field
                name={n("nameId")}
                errorKey={e("nameId")}
                label={t("sell.variantNameId")}
                defaultValue={val(n("nameId"), row.nameId)}
                failure={failure}
              />
              <Field
                name={n("nameEn")}
                errorKey={e("nameEn")}
                label={t("sell.variantNameEn")}
                defaultValue={val(n("nameEn"), row.nameEn)}
                failure={failure}
              />
              <Field
                name={n("price")}
                errorKey={e("price")}
                type="number"
                inputMode="numeric"
                min={0}
                step={100}
                label={t("sell.priceRp")}
                defaultValue={val(n("price"), row.id ? row.price : "")}
                failure={failure}
              />
              <Field
                name={n("stock")}
                errorKey={e("stock")}
                type="number"
                inputMode="numeric"
                min={0}
                label={t("product.stock")}
                defaultValue={val(n("stock"), row.id ? row.stock : "")}
                failure={failure}
              />
              <Field
                name={n("minOrderQty")}
                errorKey={e("minOrderQty")}
                type="number"
                inputMode="numeric"
                min={1}
                label={t("sell.moq")}
                defaultValue={val(n("minOrderQty"), row.id ? row.minOrderQty : "")}
                failure={failure}
              />
              <Field
                name={n("weightGrams")}
                errorKey={e("weightGrams")}
                type="number"
                inputMode="numeric"
                min={1}
                label={t("sell.variantWeight")}
                defaultValue={val(n("weightGrams"), row.weightGrams)}
                failure={failure}
              />
              <Field
                name={n("packedSize")}
                errorKey={e("packedSize")}
                label={t("sell.packedSize")}
                hint={t("sell.packedSizeHint")}
                defaultValue={val(n("packedSize"), row.packedSize)}
                failure={failure}
              />
              <Field
                name={n("cartonUnits")}
                errorKey={e("cartonUnits")}
                type="number"
                inputMode="numeric"
                min={1}
                label={t("sell.cartonUnits")}
                hint={t("sell.cartonHint")}
                defaultValue={val(n("cartonUnits"), row.cartonUnits)}
                failure={failure}
              />
              <Field
                name={n("cartonSize")}
                errorKey={e("cartonSize")}
                label={t("sell.cartonSize")}
                defaultValue={val(n("cartonSize"), row.cartonSize)}
                failure={failure}
              />
              <Field
                name={n("cartonGrossKg")}
                errorKey={e("cartonGrossKg")}
                inputMode="decimal"
                label={t("sell.cartonGrossKg")}
                defaultValue={val(n("cartonGrossKg"), row.cartonGrossKg)}
                failure={failure}
              />
              {[1, 2].map((k) => (
                <div key={k}>
                  <Field
                    name={n(`tier${k}Qty`)}
                    errorKey={e(`tier${k}Qty`)}
                    type="number"
                    inputMode="numeric"
                    min={2}
                    label={t("sell.tierQty", { n: k })}
                    defaultValue={val(n(`tier${k}Qty`), row.tiers[k - 1]?.minQty)}
                    failure={failure}
                  />
                  <Field
                    name={n(`tier${k}Price`)}
                    errorKey={e(`tier${k}Price`)}
                    type="number"
                    inputMode="numeric"
                    min={0}
                    label={t("sell.tierPrice", { n: k })}
                    defaultValue={val(n(`tier${k}Price`), row.tiers[k - 1]?.price)}
                    failure={failure}
                  />
                </div>
              ))}
            </div>
          );
        })}
        {failure?.fieldErrors.variants && <p className="error">{t(failure.fieldErrors.variants)}</p>}
      </fieldset>
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
