/** The two steps of signing in by phone (kept apart from schemas.ts: its literals are the phone page's keys). */
import { z } from "zod";
import { optionalText } from "~/lib/form-fields";
import { phoneField } from "~/lib/phone";

export const phoneSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("send"), phone: phoneField, redirectTo: z.string().optional() }),
  z.object({
    intent: z.literal("verify"),
    phone: phoneField,
    code: z
      .string({ error: "errors.required" })
      .trim()
      .regex(/^\d{6}$/, { error: "phone.errors.code" }),
    name: optionalText(100),
    redirectTo: z.string().optional(),
  }),
]);
