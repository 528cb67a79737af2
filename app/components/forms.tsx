import { useRouteLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "~/lib/translate";
import type { RootData } from "~/root";
import { CSRF_FIELD } from "~/lib/csrf-cookie";
import { readNotice } from "~/lib/notice";

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

/**
 * What a field's control needs to be labelled and described: its id, the error the server
 * gave for it (by `errorKey`, or its name), and the aria attributes that point at hint and error.
 */
export function fieldState(
  name: string,
  failure: ActionFailure | undefined,
  opts: { errorKey?: string; hint?: string; id?: string } = {},
) {
  const id = opts.id ?? `f-${name}`;
  const error = failure?.fieldErrors[opts.errorKey ?? name];
  const describedBy =
    [opts.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return {
    id,
    error,
    control: { id, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy },
  };
}

/** The frame every field shares: the label, the control, an optional hint and the error, in the page's language. */
export function FieldShell(props: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={`field${props.error ? " has-error" : ""}`}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.hint && (
        <p className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="error" id={`${props.id}-error`}>
          {t(props.error)}
        </p>
      )}
    </div>
  );
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
  const f = fieldState(name, failure, { errorKey, hint, id: `f-${idPrefix}${name.replace(/[^a-zA-Z0-9_-]/g, "-")}` });
  return (
    <FieldShell {...f} label={label} hint={hint}>
      <input
        {...f.control}
        type={type}
        autoComplete={autoComplete}
        inputMode={inputMode}
        min={min}
        step={step}
        required={required}
        defaultValue={type === "password" ? undefined : (failure?.values[name] ?? defaultValue)}
      />
    </FieldShell>
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
  /** makes the select's id unique when the same form repeats on a page */
  idPrefix?: string;
};

export function SelectField({ name, label, options, defaultValue, failure, required, idPrefix = "" }: SelectProps) {
  const { t } = useTranslation();
  const f = fieldState(name, failure, { id: `f-${idPrefix}${name}` });
  return (
    <FieldShell {...f} label={label}>
      <select {...f.control} defaultValue={failure?.values[name] ?? defaultValue ?? ""} required={required}>
        <option value="">{t("form.choose")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function TextArea({
  name,
  label,
  defaultValue,
  failure,
  hint,
  idPrefix = "",
}: {
  name: string;
  label: string;
  defaultValue?: string;
  failure?: ActionFailure;
  hint?: string;
  /** makes the textarea's id unique when the same form repeats on a page */
  idPrefix?: string;
}) {
  const f = fieldState(name, failure, { hint, id: `f-${idPrefix}${name}` });
  return (
    <FieldShell {...f} label={label} hint={hint}>
      <textarea {...f.control} rows={4} defaultValue={failure?.values[name] ?? defaultValue} />
    </FieldShell>
  );
}

/** The outcome of the action that led here (see ~/lib/notice), at the top of every page. */
export function NoticeBanner() {
  const [sp] = useSearchParams();
  const { t } = useTranslation();
  const notice = readNotice(sp);
  if (!notice) return null;
  return (
    <div className="container">
      <p className="notice" role="status" data-testid="notice">
        {t(`notice.${notice.key}`, { name: notice.name ?? "", count: notice.count })}
      </p>
    </div>
  );
}
