/** The certificate form and the number format of each certificate type (shared/data/kalimantan.json). */
import { z } from "zod";
import { text } from "~/lib/form-fields";

export const NIB_RE = /^\d{13}$/;

/** Certificate number formats per type (shared/data/kalimantan.json). */
export const CERT_NUMBER: Record<"NIB" | "HALAL" | "BPOM_MD" | "BPOM_ML" | "PIRT" | "SNI", RegExp> = {
  NIB: /^\d{13}$/,
  PIRT: /^\d{15}$/,
  BPOM_MD: /^MD\d{12}$/,
  BPOM_ML: /^ML\d{12}$/,
  HALAL: /^ID\d{10,20}$/,
  SNI: /^SNI[\s\S]{3,60}$/,
};
export const CERT_TYPES = ["HALAL", "BPOM_MD", "BPOM_ML", "PIRT", "SNI"] as const;

const isoDate = z
  .string({ error: "errors.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "errors.date" })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), { error: "errors.date" })
  .transform((s) => new Date(`${s}T00:00:00Z`));

export const certificateSchema = z
  .object({
    type: z.enum(CERT_TYPES, { error: "errors.invalidChoice" }),
    number: z
      .string({ error: "errors.required" })
      .trim()
      .toUpperCase()
      .min(1, { error: "errors.required" })
      .max(80, { error: "errors.tooLong" }),
    issuer: text(150),
    issuedAt: isoDate,
    expiresAt: z.preprocess((v) => (v === "" ? undefined : v), isoDate.optional()),
  })
  .superRefine((v, ctx) => {
    if (!CERT_NUMBER[v.type].test(v.number))
      ctx.addIssue({ code: "custom", path: ["number"], message: `workErrors.certNumber_${v.type}` });
    if (v.issuedAt.getTime() > Date.now() + 86_400_000)
      ctx.addIssue({ code: "custom", path: ["issuedAt"], message: "workErrors.dateFuture" });
    if (v.expiresAt && v.expiresAt <= v.issuedAt)
      ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "workErrors.expiryBeforeIssue" });
  });

export type CertificateInput = z.infer<typeof certificateSchema>;
