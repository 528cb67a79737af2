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
export function formValues(form: FormData): Record<string, string> {
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

/**
 * The request with its body cut off as bytes arrive: past `max` bytes the form reader fails
 * (a chunked body has no Content-Length to check first). The client's stream is left
 * unread, not destroyed, so the refusal (413) still goes out before the HTTP layer closes
 * the connection.
 */
function bounded(request: Request, max: number): { request: Request; overflowed: () => boolean } {
  if (!request.body) return { request, overflowed: () => false };
  const reader = request.body.getReader();
  let seen = 0;
  let over = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      seen += value.byteLength;
      if (seen > max) {
        over = true;
        reader.releaseLock();
        return controller.error(new Error(`body over ${max} bytes`));
      }
      controller.enqueue(value);
    },
    cancel(reason) {
      if (!over) return reader.cancel(reason);
    },
  });
  const init = {
    method: request.method,
    headers: request.headers,
    body,
    duplex: "half",
    signal: request.signal,
  } as RequestInit;
  return { request: new Request(request.url, init), overflowed: () => over };
}

async function readForm(request: Request, multipart: boolean): Promise<FormData | "too-large" | "invalid"> {
  const max = multipart ? MAX_MULTIPART_BYTES : MAX_FORM_BYTES;
  if (Number(request.headers.get("Content-Length") ?? "0") > max) return "too-large";
  const limited = bounded(request, max);
  try {
    if (!multipart) return await limited.request.formData();
    return await unstable_parseMultipartFormData(
      limited.request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_FILE_BYTES }),
    );
  } catch (err) {
    if (err instanceof MaxPartSizeExceededError || limited.overflowed()) return "too-large";
    return "invalid";
  }
}

/** A plain form read within the form limit, for actions that only need to look at it (logout, an intent); 413 past it. */
export async function readSmallForm(request: Request): Promise<FormData> {
  const form = await readForm(request, false);
  if (form === "too-large") throw new Response("Payload Too Large", { status: 413 });
  if (form === "invalid") throw new Response("Bad Request", { status: 400 });
  return form;
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
): Promise<
  { ok: true; data: z.infer<S>; form: FormData } | { ok: false; response: ReturnType<typeof data<FormFailure>> }
> {
  const form = await readForm(request, !!opts.multipart);
  if (form === "too-large")
    return { ok: false, response: failure(413, { formError: "errors.fileTooLarge", fieldErrors: {}, values: {} }) };
  if (form === "invalid")
    return { ok: false, response: failure(400, { formError: "errors.formInvalid", fieldErrors: {}, values: {} }) };
  if (!isValidCsrf(request, form)) {
    return {
      ok: false,
      response: failure(403, { formError: "errors.csrf", fieldErrors: {}, values: formValues(form) }),
    };
  }
  const raw = opts.shape ? opts.shape(form) : Object.fromEntries([...form.keys()].map((k) => [k, form.get(k)]));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join(".") || "_form";
      // our messages are locale keys (in errors, workErrors or a page namespace's errors); anything else is Zod's own
      fieldErrors[key] ??= /^((errors|workErrors)\.|[a-zA-Z]+\.errors\.)/.test(issue.message)
        ? issue.message
        : "errors.formInvalid";
    }
    return {
      ok: false,
      response: failure(400, { formError: "errors.formInvalid", fieldErrors, values: formValues(form) }),
    };
  }
  return { ok: true, data: parsed.data, form };
}

export function failure(status: number, body: Omit<FormFailure, "ok">) {
  return data<FormFailure>({ ok: false, ...body }, { status });
}

/** A domain-level refusal of an otherwise valid form (e.g. email taken). */
export function formError(
  status: number,
  form: FormData | null,
  formErrorKey: string,
  fieldErrors: FieldErrors = {},
  params?: Record<string, unknown>,
) {
  return data<FormFailure & { params?: Record<string, unknown> }>(
    { ok: false, formError: formErrorKey, fieldErrors, values: form ? formValues(form) : {}, params },
    { status },
  );
}
