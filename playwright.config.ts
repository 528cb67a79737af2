import { defineConfig, devices } from "@playwright/test";
import { findBrowser } from "./scripts/lib/browser";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const STRIPE_PORT = Number(process.env.E2E_STRIPE_PORT ?? 12119);
/** The e2e app takes cards through the local Stripe fake (same SDK code path as production). */
const stripeEnv = {
  STRIPE_SECRET_KEY: "sk_test_anjung_e2e",
  STRIPE_WEBHOOK_SECRET: "whsec_anjung_e2e",
};
const XENDIT_PORT = Number(process.env.E2E_XENDIT_PORT ?? 12118);
/** …and QRIS and virtual accounts through the local Xendit fake (the official xendit-node SDK pointed at it). */
const xenditEnv = {
  XENDIT_SECRET_KEY: "xnd_development_anjung_e2e",
  XENDIT_CALLBACK_TOKEN: "anjung-e2e-callback-token",
};

const WHATSAPP_PORT = Number(process.env.E2E_WHATSAPP_PORT ?? 12117);
/** …and phone sign-in codes through the local WhatsApp Cloud API fake (the journeys read the code a phone would get). */
const whatsappEnv = {
  WHATSAPP_TOKEN: "EAAG-anjung-e2e",
  WHATSAPP_PHONE_NUMBER_ID: "100000000000777",
};

/** A browser we can launch offline (see scripts/lib/browser.ts; `npm test` unpacks one when the system has none). */
const browser = findBrowser();
if (!browser) {
  throw new Error(
    "No Chromium for the e2e tests: run `npx tsx scripts/ensure-browser.ts` first, or set CHROMIUM_PATH.",
  );
}

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    ...devices["Pixel 5"],
    browserName: "chromium",
    launchOptions: {
      executablePath: browser.executablePath,
      env: { ...process.env, ...browser.env } as Record<string, string>,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
    trace: "retain-on-failure",
  },
  webServer: [
    {
      command: "npx tsx tests/fakes/stripe-server.ts",
      url: `http://127.0.0.1:${STRIPE_PORT}/healthz`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        ...stripeEnv,
        STRIPE_FAKE_PORT: String(STRIPE_PORT),
        STRIPE_WEBHOOK_URL: `http://localhost:${PORT}/webhooks/stripe`,
      },
    },
    {
      command: "npx tsx tests/fakes/xendit-server.ts",
      url: `http://127.0.0.1:${XENDIT_PORT}/healthz`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        ...xenditEnv,
        XENDIT_FAKE_PORT: String(XENDIT_PORT),
        XENDIT_CALLBACK_URL: `http://localhost:${PORT}/webhooks/xendit`,
      },
    },
    {
      command: "npx tsx tests/fakes/whatsapp-server.ts",
      url: `http://127.0.0.1:${WHATSAPP_PORT}/healthz`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: { ...whatsappEnv, WHATSAPP_FAKE_PORT: String(WHATSAPP_PORT) },
    },
    {
      // a clean embedded database and index for every run, on ports of its own
      command: "rm -rf .data/e2e && exec node --import tsx scripts/start.ts",
      url: `http://localhost:${PORT}/healthz`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGINT", timeout: 20_000 },
      env: {
        PORT: String(PORT),
        DATA_DIR: ".data/e2e",
        EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? "54339",
        EMBEDDED_MEILI_PORT: process.env.E2E_MEILI_PORT ?? "7711",
        APP_URL: `http://localhost:${PORT}`,
        NODE_ENV: "production",
        ...stripeEnv,
        STRIPE_API_URL: `http://127.0.0.1:${STRIPE_PORT}`,
        ...xenditEnv,
        XENDIT_API_URL: `http://127.0.0.1:${XENDIT_PORT}`,
        ...whatsappEnv,
        WHATSAPP_API_URL: `http://127.0.0.1:${WHATSAPP_PORT}`,
      },
    },
  ],
});
