/**
 * Forms of the producer portal, validated the same way everywhere (web forms and the
 * registry CSV import). Error messages are locale keys.
 */
import { z } from "zod";
import { optionalText, text } from "~/lib/form-fields";
import { regency } from "../regions";
import { moneyField } from "../money/fields";
import { NIB_RE } from "../certification/index.server";
import { normalizePhone } from "~/lib/phone";

const nib = z.string({ error: "errors.required" }).trim().regex(NIB_RE, { error: "workErrors.nib" });

/** Who a producer is and how to reach it: the same fields wherever a producer is registered. */
const identity = {
  legalName: text(150),
  nib,
  scale: z.enum(["MIKRO", "KECIL", "MENENGAH"], { error: "errors.invalidChoice" }),
  regencyCode: z.string({ error: "errors.required" }).refine((c) => !!regency(c), { error: "errors.invalidChoice" }),
  address: text(300),
  contactName: text(100),
  contactPhone: z
    .string({ error: "errors.required" })
    .trim()
    .regex(/^\+?[0-9 ()-]{8,20}$/, { error: "errors.phone" }),
};

export const producerProfileSchema = z
  .object({
    ...identity,
    storyId: text(2000),
    storyEn: optionalText(2000),
    /** optional: many micro producers have WhatsApp but no email (mail then goes to the owner's account, if any) */
    contactEmail: z
      .string()
      .trim()
      .toLowerCase()
      .optional()
      .transform((v) => v || null)
      .pipe(z.email({ error: "errors.email" }).nullable()),
    bankName: optionalText(100),
    bankAccountNo: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v.replace(/[\s-]/g, "") : undefined))
      .pipe(
        z
          .string()
          .regex(/^\d{6,20}$/, { error: "workErrors.bankAccount" })
          .optional(),
      ),
    bankAccountName: optionalText(150),
    provenanceConsent: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
    /** goods from this amount ship free to the buyer; an empty field turns it off, an absent one (CSV) leaves it */
    freeShippingMin: z.preprocess((v) => (v === "" ? null : v), moneyField("IDR", { min: 1n }).nullable().optional()),
  })
  .transform(({ freeShippingMin, ...v }) => ({
    ...v,
    provinceCode: regency(v.regencyCode)!.provinceCode,
    ...(freeShippingMin === undefined ? {} : { freeShippingMinAmount: freeShippingMin }),
  }));

export type ProducerProfileInput = z.infer<typeof producerProfileSchema>;

/**
 * A member staff onboard into a koperasi or kelompok usaha at the desk or in the field: who it
 * is and how to reach it; an email only if it has one (it claims its account later with a code).
 */
export const memberSchema = z.object({
  ...identity,
  contactEmail: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.email({ error: "errors.email" }).optional()),
});

export type MemberInput = z.infer<typeof memberSchema>;

/** A person claims the producer staff onboarded for it: its NIB and the code it was given. */
export const claimSchema = z.object({
  /** its NIB, or the phone number it was registered with (as E.164) */
  nib: z
    .string({ error: "errors.required" })
    .trim()
    .transform((v, ctx) => {
      const id = NIB_RE.test(v) ? v : normalizePhone(v);
      if (!id) {
        ctx.addIssue({ code: "custom", message: "claims.errors.identifier" });
        return z.NEVER;
      }
      return id;
    }),
  code: z
    .string({ error: "errors.required" })
    .trim()
    .min(8, { error: "claims.errors.code" })
    .max(20, { error: "claims.errors.code" }),
});
