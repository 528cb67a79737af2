/**
 * Phone numbers in one form, E.164 ("+6281234567890"), for matching people by number and for
 * SMS/WhatsApp. People type Indonesian numbers as 0812-…, 62812…, +62 812 … or 812…; all of
 * them mean the same number. Numbers of other countries must start with "+".
 */
import { z } from "zod";

export function normalizePhone(raw: string): string | null {
  const s = raw.trim().replace(/[\s().-]/g, "");
  let e164: string;
  if (/^\+\d+$/.test(s)) e164 = s;
  else if (/^0\d+$/.test(s)) e164 = `+62${s.slice(1)}`;
  else if (/^62\d+$/.test(s)) e164 = `+${s}`;
  else if (/^8\d+$/.test(s)) e164 = `+62${s}`;
  else return null;
  if (!/^\+[1-9]\d{7,14}$/.test(e164)) return null;
  // an Indonesian number: 9 to 12 digits after the country code, never a leading 0
  if (e164.startsWith("+62") && !/^\+62[1-9]\d{8,11}$/.test(e164)) return null;
  return e164;
}

/** The digits PostgreSQL compares (`phoneDigitsSql`): the E.164 number without its "+". */
export function phoneDigits(e164: string): string {
  return e164.replace(/^\+/, "");
}

/** A phone number field: any way of typing it, stored as E.164; a clear error otherwise. */
export const phoneField = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, { error: "errors.required" })
  .transform((v, ctx) => {
    const n = normalizePhone(v);
    if (!n) {
      ctx.addIssue({ code: "custom", message: "errors.phone" });
      return z.NEVER;
    }
    return n;
  });
