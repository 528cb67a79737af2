import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
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
  label: string;
  type?: string;
  autoComplete?: string;
  hint?: string;
  required?: boolean;
  defaultValue?: string;
  failure?: ActionFailure;
};

/** A labelled input that shows its error and keeps what the user typed. */
export function Field({ name, label, type = "text", autoComplete, hint, required, defaultValue, failure }: FieldProps) {
  const { t } = useTranslation();
  const error = failure?.fieldErrors[name];
  const id = `f-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        autoComplete={autoComplete}
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
