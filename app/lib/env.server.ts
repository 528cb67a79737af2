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
  MEILI_INDEX_PREFIX: z.string().regex(/^[a-z0-9_]*$/).default("anjung_"),
  SESSION_SECRET: z.string().min(16),
  SECURE_COOKIES: z.enum(["auto", "true", "false"]).default("auto"),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** where the Stripe SDK sends its requests; unset means api.stripe.com (tests point it at a local fake) */
  STRIPE_API_URL: z.string().url().optional(),
  MAIL_TRANSPORT: z.enum(["log"]).default("log"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Env = z.infer<typeof schema>;

let cached: { key: string; env: Env } | undefined;

export function getEnv(): Env {
  // Tests switch DATABASE_URL per file; re-parse when it changes.
  const key = `${process.env.DATABASE_URL}|${process.env.MEILI_INDEX_PREFIX}|${process.env.MEILI_HOST}|${process.env.STRIPE_SECRET_KEY}|${process.env.STRIPE_API_URL}|${process.env.STRIPE_WEBHOOK_SECRET}`;
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
