/** The forms of events: creating one, registering a UMKM at it, closing a follow-up. Errors are locale keys. */
import { z } from "zod";
import { optionalText, text } from "~/lib/form-fields";
import { phoneField } from "~/lib/phone";
import { regency } from "../regions";

const day = z
  .string({ error: "errors.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "events.errors.date" })
  .transform((v) => new Date(`${v}T00:00:00Z`))
  .refine((d) => !Number.isNaN(d.getTime()), { error: "events.errors.date" });

const regencyCode = z
  .string({ error: "errors.required" })
  .refine((c) => !!regency(c), { error: "errors.invalidChoice" });

export const eventSchema = z
  .object({ name: text(150), place: text(200), regencyCode, startsOn: day, endsOn: day })
  .refine((e) => e.endsOn >= e.startsOn, { error: "events.errors.endsBeforeStart", path: ["endsOn"] });

export type EventInput = z.infer<typeof eventSchema>;

export const PERMIT_STATUSES = ["HAS", "IN_PROCESS", "NONE", "NOT_NEEDED"] as const;
export const HELP_NEEDS = [
  "NIB",
  "HALAL",
  "PIRT",
  "BPOM",
  "PACKAGING",
  "PHOTOS",
  "SELLING_ONLINE",
  "EXPORT",
  "FINANCING",
] as const;

const permit = z.enum(PERMIT_STATUSES, { error: "errors.invalidChoice" });
const nib = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .pipe(
    z
      .string()
      .regex(/^\d{13}$/, { error: "events.errors.nib" })
      .optional(),
  );

/** The intake at the venue: short enough to fill in on a phone while the UMKM waits. */
export const intakeSchema = z
  .object({
    name: text(150),
    phone: phoneField,
    regencyCode,
    products: text(500),
    nib,
    nibStatus: permit,
    halalStatus: permit,
    bpomStatus: permit,
    needs: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(HELP_NEEDS, { error: "errors.invalidChoice" })).max(HELP_NEEDS.length),
    ),
    facilitatorId: optionalText(40),
  })
  .refine((i) => i.nibStatus !== "HAS" || !!i.nib, { error: "events.errors.nibMissing", path: ["nib"] });

export type IntakeInput = z.infer<typeof intakeSchema>;

/** A facilitator closes a follow-up: what was done, and the NIB if the UMKM got one meanwhile. */
export const followUpDoneSchema = z.object({
  taskId: z.string().min(1).max(40),
  note: z
    .string({ error: "errors.required" })
    .trim()
    .min(3, { error: "events.errors.note" })
    .max(2000, { error: "errors.tooLong" }),
  nib,
});
