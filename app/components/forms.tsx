import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import type { RootData } from "~/root";
import { CSRF_FIELD } from "~/lib/csrf-cookie";

export function CsrfInput({ value }: { value?: string }) {
  const root = useRouteLoaderData<RootData>("root");
  return <input type="hidden" name={CSRF_FIELD} value={value ?? root?.csrf ?? ""} />;
}

export type ActionFailure = {
  ok: false;
  formError?: string;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
  params?: Record<string, unknown>;
};

export function isFailure(x: unknown): x is ActionFailure {
  return !!x && typeof x === "object" && (x as { ok?: unknown }).ok === false;
}

type FieldProps = {
  name: string;
  /** where the schema reports this field's error, when it differs from the name (e.g. variants.0.sku) */
  errorKey?: string;
  inputMode?: "numeric" | "decimal" | "tel" | "email" | "text";
  min?: number;
  step?: number;
  label: string;
  type?: string;
  autoComplete?: string;
  hint?: string;
  required?: boolean;
  defaultValue?: string;
  failure?: ActionFailure;
  /** makes the input's id unique when the same form repeats on a page */
  idPrefix?: string;
};

/** A labelled input that shows its error and keeps what the user typed. */
export function Field({
  name,
  errorKey,
  label,
  type = "text",
  autoComplete,
  hint,
  required,
  defaultValue,
  failure,
  inputMode,
  min,
  step,
  idPrefix = "",
}: FieldProps) {
  const { t } = useTranslation();
  const error = failure?.fieldErrors[errorKey ?? name];
  const id = `f-${idPrefix}${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
        inputMode={inputMode}
        min={min}
        step={step}
        required={required}
        defaultValue={type === "password" ? undefined : (failure?.values[name] ?? defaultValue)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error" id={`${id}-error`}>
          {t(error)}
        </p>
      )}
    </div>
  );
}

export function FormError({ failure }: { failure?: ActionFailure }) {
  const { t } = useTranslation();
  if (!failure?.formError) return null;
  return (
    <p className="form-error" role="alert">
      {t(failure.formError, failure.params ?? {})}
    </p>
  );
}

type SelectProps = {
  name: string;
  label: string;
  options: Array<{ value: string; label: string }>;
  defaultValue?: string;
  failure?: ActionFailure;
  required?: boolean;
};

export function SelectField({ name, label, options, defaultValue, failure, required }: SelectProps) {
  const { t } = useTranslation();
  const error = failure?.fieldErrors[name];
  const id = `f-${name}`;
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={failure?.values[name] ?? defaultValue ?? ""}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">{t("form.choose")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p className="error" id={`${id}-error`}>
          {t(error)}
        </p>
      )}
    </div>
  );
}

export function TextArea({
  name,
  label,
  defaultValue,
  failure,
  hint,
}: {
  name: string;
  label: string;
  defaultValue?: string;
  failure?: ActionFailure;
  hint?: string;
}) {
  const { t } = useTranslation();
  const error = failure?.fieldErrors[name];
  const id = `f-${name}`;
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        rows={4}
        defaultValue={failure?.values[name] ?? defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {hint && <p className="hint">{hint}</p>}
      {error && (
        <p className="error" id={`${id}-error`}>
          {t(error)}
        </p>
      )}
    </div>
  );
}
