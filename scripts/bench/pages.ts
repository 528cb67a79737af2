/**
 * `npx tsx scripts/bench/pages.ts` — page weight and quality on a phone profile.
 * Seeds the demo catalogue into throwaway services, serves the app, then for home,
 * search, product, cart and the producer's product form:
 *   - loads the page in Chromium (Pixel 5 viewport) and sums the bytes it fetched, gzip,
 *     JavaScript apart from the rest;
 *   - runs axe-core (serious and critical violations);
 *   - runs Lighthouse (mobile, simulated slow 4G) for performance, accessibility, best
 *     practices and SEO.
 * Targets: product page ≤ 100 KB JS gzip; Lighthouse ≥ 90 / 95 / 95 / 95; axe 0.
 * Needs Chromium (CHROMIUM_PATH or /usr/bin/chromium).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import zlib from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import { chromium, devices } from "@playwright/test";
import { ensureBuild } from "../lib/build";
import { freePort } from "../lib/ports";
import { benchServices } from "./env";
import { CHROME, CHROME_ARGS as ARGS, lighthouseRun } from "./lighthouse";

const log = (s: string) => console.log(`bench: ${s}`);

async function main() {
  if (!CHROME) throw new Error("no Chromium: install Debian's chromium or set CHROMIUM_PATH");
  const services = await benchServices("pages");
  ensureBuild(log);
  const { seedDemo, DEMO_PASSWORD } = await import("../seed/seed");
  await seedDemo(() => undefined, { uploadsDir: path.join(services.root, "uploads") });
  const { reindexAll } = await import("../../search/indexing");
  await reindexAll();
  const { db } = await import("../../app/lib/db.server");
  const product = await db.product.findFirstOrThrow({
    where: { status: "PUBLISHED", images: { some: { ready: true } } },
    orderBy: { slug: "asc" },
  });
  const mine = await db.product.findFirstOrThrow({ where: { producer: { slug: "jawet-uei-tumbang-samba" } } });
  const port = await freePort();
  // canonical and hreflang links must name the origin the pages are served from
  const server = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/serve.ts", String(port)], {
    env: { ...process.env, APP_URL: `http://127.0.0.1:${port}` },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve) => server.stdout!.on("data", (d) => String(d).includes("READY") && resolve()));
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: CHROME, args: ARGS });
  try {
    // a producer session for the product form, and a cart for the cart page
    const ctx = await browser.newContext({ ...devices["Pixel 5"] });
    const page = await ctx.newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel("Email").fill("producer@anjung.test");
    await page.getByLabel("Kata sandi").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Masuk" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    await page.goto(`${base}/products/${product.slug}`);
    await page.getByRole("button", { name: "Tambah ke keranjang" }).click();
    await page.getByTestId("added-to-cart").waitFor();
    const cookies = (await ctx.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    const pages: Array<[string, string, boolean]> = [
      ["home", "/", false],
      ["search", "/search?q=rotan", false],
      ["product", `/products/${product.slug}`, false],
      ["cart", "/cart", true],
      ["product form", `/sell/products/${mine.id}`, true],
    ];
    const rows: string[] = [];
    for (const [name, p, signedIn] of pages) {
      const c = signedIn ? ctx : await browser.newContext({ ...devices["Pixel 5"] });
      const tab = await c.newPage();
      let js = 0;
      let total = 0;
      tab.on("response", async (res) => {
        try {
          const body = await res.body();
          const gz = zlib.gzipSync(body).length;
          total += gz;
          if (res.request().resourceType() === "script" || /\.js(\?|$)/.test(res.url())) js += gz;
        } catch {
          // redirects and aborted requests have no body
        }
      });
      await tab.goto(`${base}${p}`, { waitUntil: "networkidle" });
      const axe = await new AxeBuilder({ page: tab }).analyze();
      const bad = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      await tab.close();
      if (!signedIn) await c.close();
      const lh = await lighthouseRun(`${base}${p}`, signedIn ? { Cookie: cookies } : undefined);
      const score = (k: "performance" | "accessibility" | "best-practices" | "seo") => lh[k];
      if (lh.seoFailing.length) log(`${name}: SEO audits below full marks: ${lh.seoFailing.join(", ")}`);
      rows.push(
        `${name.padEnd(13)} JS ${(js / 1024).toFixed(1).padStart(5)} KB gz  total ${(total / 1024).toFixed(1).padStart(6)} KB gz  LH perf ${score("performance")} a11y ${score("accessibility")} bp ${score("best-practices")} seo ${score("seo")}  axe serious/critical ${bad.length}${bad.length ? ` (${bad.map((v) => v.id).join(", ")})` : ""}`,
      );
      log(rows[rows.length - 1]);
    }
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    await services.stop();
  }
}

await main();
process.exit(0);
