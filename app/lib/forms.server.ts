/**
 * One way to read a form: check the CSRF token, parse with the form's Zod schema, and
 * either return typed data or the errors (as locale keys) plus what the user typed.
 */
import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import type { z } from "zod";
import { isValidCsrf } from "./csrf.server";
import { CSRF_FIELD } from "./csrf-cookie";

export type FieldErrors = Record<string, string>;
export type FormFailure = { ok: false; formError?: string; fieldErrors: FieldErrors; values: Record<string, string> };

/** Values to send back so the form keeps what was typed (never passwords or tokens). */
function echo(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v !== "string" || k === CSRF_FIELD || /password|token/i.test(k)) continue;
    // multi-value fields (checkbox lists) come back as "name[]:value" = "on"
    if (k.endsWith("[]")) values[`${k}:${v.slice(0, 100)}`] = "on";
    else values[k] = v.slice(0, 5000);
  }
  return values;
}

/** Largest file a form may carry, and the whole multipart body (8 photos). */
export const MAX_FILE_BYTES = 15 * 1024 * 1024;
export const MAX_MULTIPART_BYTES = 8 * MAX_FILE_BYTES + 1024 * 1024;
/** A plain (urlencoded) form is text people type: 1 MB is far more than any of ours needs. */
export const MAX_FORM_BYTES = 1024 * 1024;

async function readForm(request: Request, multipart: boolean): Promise<FormData | "too-large" | "invalid"> {
  try {
    if (!multipart) {
      if (Number(request.headers.get("Content-Length") ?? "0") > MAX_FORM_BYTES) return "too-large";
      return await request.formData();
    }
    const length = Number(request.headers.get("Content-Length") ?? "0");
    if (length > MAX_MULTIPART_BYTES) return "too-large";
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_FILE_BYTES }));
  } catch (err) {
    if (err instanceof MaxPartSizeExceededError) return "too-large";
    return "invalid";
  }
}

/** The uploaded files of a field (empty file inputs are ignored). */
export async function filesOf(form: FormData, field: string): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (const v of form.getAll(field)) {
    if (typeof v === "string" || v.size === 0) continue;
    out.push(Buffer.from(await v.arrayBuffer()));
  }
  return out;
}

export async function parseForm<S extends z.ZodType>(
  request: Request,
  schema: S,
  opts: { multipart?: boolean; shape?: (form: FormData) => Record<string, unknown> } = {},
): Promise<{ ok: true; data: z.infer<S>; form: FormData } | { ok: false; response: ReturnType<typeof data<FormFailure>> }> {
  const form = await readForm(request, !!opts.multipart);
  if (form === "too-large") return { ok: false, response: failure(413, { formError: "errors.fileTooLarge", fieldErrors: {}, values: {} }) };
  if (form === "invalid") return { ok: false, response: failure(400, { formError: "errors.formInvalid", fieldErrors: {}, values: {} }) };
  if (!isValidCsrf(request, form)) {
    return { ok: false, response: failure(403, { formError: "errors.csrf", fieldErrors: {}, values: echo(form) }) };
  }
  const raw = opts.shape ? opts.shape(form) : Object.fromEntries([...form.keys()].map((k) => [k, form.get(k)]));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join(".") || "_form";
      fieldErrors[key] ??= issue.message.startsWith("errors.") ? issue.message : "errors.formInvalid";
    }
    return { ok: false, response: failure(400, { formError: "errors.formInvalid", fieldErrors, values: echo(form) }) };
  }
  return { ok: true, data: parsed.data, form };
}

export function failure(status: number, body: Omit<FormFailure, "ok">) {
  return data<FormFailure>({ ok: false, ...body }, { status });
}

/** A domain-level refusal of an otherwise valid form (e.g. email taken). */
export function formError(status: number, form: FormData | null, formErrorKey: string, fieldErrors: FieldErrors = {}, params?: Record<string, unknown>) {
  return data<FormFailure & { params?: Record<string, unknown> }>(
    { ok: false, formError: formErrorKey, fieldErrors, values: form ? echo(form) : {}, params },
    { status },
  );
}
