/**
 * Configuration, parsed once. Every variable is listed in the README with its default.
 * `npm start` fills DATABASE_URL, MEILI_HOST, MEILI_MASTER_KEY and SESSION_SECRET for the
 * embedded services before the app reads them.
 */
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(".data"),
  DATABASE_URL: z.string().min(1),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  MEILI_HOST: z.string().url(),
  MEILI_MASTER_KEY: z.string().default(""),
  MEILI_INDEX_PREFIX: z
    .string()
    .regex(/^[a-z0-9_]*$/)
    .default("anjung_"),
  SESSION_SECRET: z.string().min(16),
  SECURE_COOKIES: z.enum(["auto", "true", "false"]).default("auto"),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** where the Stripe SDK sends its requests; unset means api.stripe.com (tests point it at a local fake) */
  STRIPE_API_URL: z.string().url().optional(),
  /** Xendit (QRIS and virtual accounts): the secret API key and the callback verification token */
  XENDIT_SECRET_KEY: z.string().optional(),
  XENDIT_CALLBACK_TOKEN: z.string().optional(),
  /** where the Xendit SDK sends its requests; unset means api.xendit.co (tests point it at a local fake) */
  XENDIT_API_URL: z.string().url().optional(),
  /** the banks offered for virtual accounts, comma-separated Xendit channel codes */
  XENDIT_VA_BANKS: z.string().default("BNI,BRI,MANDIRI,PERMATA,BSI"),
  /** smtp:// or smtps:// URL of the mail server; unset means mails are written to OutboundMail and the log only */
  MAIL_URL: z
    .string()
    .regex(/^smtps?:\/\//, { error: "must start with smtp:// or smtps://" })
    .optional(),
  /** the From address of every mail; defaults to noreply@<APP_URL host> */
  MAIL_FROM: z.string().optional(),
  /** WhatsApp Cloud API for sign-in codes: the business number's id and a system user's token */
  WHATSAPP_PHONE_NUMBER_ID: z.string().optional(),
  WHATSAPP_TOKEN: z.string().optional(),
  /** where the WhatsApp calls go (Meta's Graph API); the tests point it at the local fake */
  WHATSAPP_API_URL: z.string().url().default("https://graph.facebook.com"),
  /** no WhatsApp account: write sign-in codes to the server log (development, or the embedded demo) */
  SIGN_IN_CODES_TO_LOG: z.enum(["", "0", "1"]).default(""),
  /** the approved authentication template that carries the code */
  WHATSAPP_OTP_TEMPLATE: z.string().default("anjung_kode"),
  /** jobs one worker process runs at once */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  /** a worker process unseen for this long is dead and its running jobs go to another worker */
  WORKER_DEAD_AFTER_MS: z.coerce.number().int().min(500).default(30_000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Env = z.infer<typeof schema>;

let cached: { key: string; env: Env } | undefined;

export function getEnv(): Env {
  // Tests switch DATABASE_URL per file; re-parse when it changes.
  const key = `${process.env.DATABASE_URL}|${process.env.MEILI_INDEX_PREFIX}|${process.env.MEILI_HOST}|${process.env.STRIPE_SECRET_KEY}|${process.env.STRIPE_API_URL}|${process.env.STRIPE_WEBHOOK_SECRET}|${process.env.XENDIT_SECRET_KEY}|${process.env.XENDIT_CALLBACK_TOKEN}|${process.env.XENDIT_API_URL}|${process.env.XENDIT_VA_BANKS}|${process.env.MAIL_URL}|${process.env.WORKER_CONCURRENCY}|${process.env.WHATSAPP_PHONE_NUMBER_ID}|${process.env.WHATSAPP_TOKEN}|${process.env.WHATSAPP_API_URL}|${process.env.SIGN_IN_CODES_TO_LOG}|${process.env.WORKER_DEAD_AFTER_MS}`;
  if (cached && cached.key === key) return cached.env;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  cached = { key, env: parsed.data };
  return parsed.data;
}

export function appUrl(): string {
  const env = getEnv();
  return env.APP_URL ?? `http://localhost:${env.PORT}`;
}
