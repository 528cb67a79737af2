/** Form schemas for accounts; messages are locale keys. */
import { z } from "zod";

const email = z
  .string({ error: "errors.required" })
  .trim()
  .toLowerCase()
  .min(1, { error: "errors.required" })
  .max(254, { error: "errors.email" })
  .pipe(z.email({ error: "errors.email" }));

const newPassword = z
  .string({ error: "errors.required" })
  .min(10, { error: "errors.passwordTooShort" })
  .max(200, { error: "errors.passwordTooLong" });

const name = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, { error: "errors.required" })
  .max(100, { error: "errors.nameTooLong" });

export const signUpSchema = z.object({
  email,
  name,
  password: newPassword,
  accountType: z.enum(["buyer", "producer"], { error: "errors.invalidChoice" }).default("buyer"),
  redirectTo: z.string().optional(),
});

export const signInSchema = z.object({
  email,
  password: z
    .string({ error: "errors.required" })
    .min(1, { error: "errors.required" })
    .max(200, { error: "errors.badCredentials" }),
  redirectTo: z.string().optional(),
});

export const forgotSchema = z.object({ email });

export const resetSchema = z.object({
  token: z
    .string({ error: "errors.tokenInvalid" })
    .min(20, { error: "errors.tokenInvalid" })
    .max(100, { error: "errors.tokenInvalid" }),
  password: newPassword,
});

export const profileSchema = z.object({
  intent: z.literal("profile"),
  name,
  locale: z.enum(["id", "en"], { error: "errors.invalidChoice" }),
});
