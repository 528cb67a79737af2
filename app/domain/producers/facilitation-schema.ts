/** A facilitator's visit note (kept apart from schemas.ts: its literals are the facilitation pages' keys). */
import { z } from "zod";
import { optionalText } from "~/lib/form-fields";

export const visitSchema = z.object({
  visitedOn: z
    .string({ error: "errors.required" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "facilitation.errors.date" })
    .transform((v) => new Date(`${v}T00:00:00Z`))
    .refine((d) => !Number.isNaN(d.getTime()) && d.getTime() <= Date.now() + 86_400_000, {
      error: "facilitation.errors.date",
    }),
  notes: z
    .string({ error: "errors.required" })
    .trim()
    .min(3, { error: "facilitation.errors.notes" })
    .max(2000, { error: "errors.tooLong" }),
  nextSteps: optionalText(1000).transform((v) => v ?? null),
});
