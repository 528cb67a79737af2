import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const STRIPE_PORT = Number(process.env.E2E_STRIPE_PORT ?? 12119);
/** The e2e app takes cards through the local Stripe fake (same SDK code path as production). */
const stripeEnv = {
  STRIPE_SECRET_KEY: "sk_test_anjung_e2e",
  STRIPE_WEBHOOK_SECRET: "whsec_anjung_e2e",
};

/** A browser we can launch offline: CHROMIUM_PATH, Debian's Chromium, or Playwright's own. */
function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
    Boolean,
  ) as string[];
  const found = candidates.find((p) => fs.existsSync(p));
  if (found) return found;
  const bundled = (() => {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return require("playwright-core").chromium.executablePath() as string;
    } catch {
      return undefined;
    }
  })();
  if (bundled && fs.existsSync(bundled)) return undefined; // Playwright finds its own
  throw new Error(
    "No Chromium found for the e2e tests: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH.",
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
      executablePath: chromiumPath(),
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
      // a clean embedded database and index for every run, on ports of its own
      command: "rm -rf .data/e2e && npx tsx scripts/start.ts",
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
      },
    },
  ],
});
