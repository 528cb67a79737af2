/**
 * Shared e2e fixtures: every page visited is checked with axe (no serious or critical
 * violations) and a console error or a 5xx response fails the test.
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Locator, type Page } from "@playwright/test";
import pg from "pg";

export const E2E_DB = `postgresql://postgres:anjung-local@127.0.0.1:${process.env.E2E_PG_PORT ?? "54339"}/anjung`;

export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
  const c = new pg.Client({ connectionString: E2E_DB });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

/** Signs in through the form (Indonesian labels) and waits for the account link. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByRole("button", { name: "Masuk" }).click();
  await expect(page.getByTestId("account-link")).toBeVisible();
}

/** One axe run at a time per page (the background watcher and explicit checks share it). */
const axeLocks = new WeakMap<Page, Promise<unknown>>();
function withAxe<T>(page: Page, run: () => Promise<T>): Promise<T> {
  const prev = axeLocks.get(page) ?? Promise.resolve();
  const next = prev.catch(() => undefined).then(run);
  axeLocks.set(
    page,
    next.catch(() => undefined),
  );
  return next;
}

/** Adds one of a product (its first variant) to the cart from its page, as a buyer taps it. */
export async function addToCart(page: Page, slug: string) {
  await page.goto(`/products/${slug}`);
  await page.getByRole("button", { name: "Tambah ke keranjang" }).click();
  await expect(page.getByTestId("added-to-cart")).toBeVisible();
}

export type Recipient = {
  email?: string;
  name: string;
  phone?: string;
  province: string;
  regency?: string;
  city: string;
  address: string;
  postcode: string;
};

/** Fills the checkout's contact and address (Indonesian labels); the e-mail is left as it is when not given. */
export async function fillRecipient(page: Page, r: Recipient) {
  if (r.email) await page.getByLabel("Email").fill(r.email);
  await page.getByLabel("Nama penerima").fill(r.name);
  await page.getByLabel("Nomor HP").fill(r.phone ?? "+62 812 3456 7890");
  await page.getByLabel("Provinsi").selectOption(r.province);
  if (r.regency) await page.getByLabel("Kabupaten/kota (Kalimantan Tengah & Selatan)").selectOption(r.regency);
  await page.getByLabel("Kota/kabupaten", { exact: true }).fill(r.city);
  await page.getByLabel("Alamat lengkap").fill(r.address);
  await page.getByLabel("Kode pos").fill(r.postcode);
}

export async function expectAccessible(page: Page) {
  const results = await withAxe(page, () => new AxeBuilder({ page }).analyze());
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map(
      (v) =>
        `${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")})`,
    ),
  ).toEqual([]);
}

/** Console errors, page errors and 5xx answers on a page are collected into `errors`. */
function watchErrors(page: Page, errors: string[]) {
  page.on("console", (msg) => {
    // a 4xx answer to a bad form or an unknown page is what the test asserts on; anything else is an error
    if (msg.type() === "error" && !/status of 4\d\d/.test(msg.text())) errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(err.message));
  page.on("response", (res) => {
    if (res.status() >= 500) errors.push(`${res.status()} ${res.url()}`);
  });
}

/**
 * Axe on every page a test visits (JavaScript on): after each main-frame navigation settles,
 * serious and critical violations are collected. A page left before axe finished is skipped.
 */
function watchAccessibility(page: Page, found: string[], pending: Array<Promise<void>>) {
  const seen = new Set<string>();
  page.on("framenavigated", (frame) => {
    if (frame !== page.mainFrame()) return;
    const url = frame.url();
    if (seen.has(url) || !url.startsWith("http")) return;
    seen.add(url);
    pending.push(
      (async () => {
        try {
          await page.waitForLoadState("load", { timeout: 5_000 });
          if (page.url() !== url) return;
          const results = await withAxe(page, () =>
            Promise.race([
              new AxeBuilder({ page }).analyze(),
              new Promise<never>((_, reject) => setTimeout(() => reject(new Error("axe timed out")), 15_000)),
            ]),
          );
          for (const v of results.violations)
            if (v.impact === "serious" || v.impact === "critical")
              found.push(`${new URL(url).pathname}: ${v.id}: ${v.help}`);
        } catch {
          // navigated away or closed meanwhile: that page is checked where the test stays on it
        }
      })(),
    );
  });
}

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page, browser, javaScriptEnabled }, use) => {
      const errors: string[] = [];
      const violations: string[] = [];
      const pending: Array<Promise<void>> = [];
      watchErrors(page, errors);
      // axe runs inside the page: only where JavaScript is on
      if (javaScriptEnabled !== false) watchAccessibility(page, violations, pending);
      // pages of the contexts a test opens itself are watched the same way
      const newContext = browser.newContext.bind(browser);
      browser.newContext = (async (options?: Parameters<typeof newContext>[0]) => {
        const ctx = await newContext(options);
        ctx.on("page", (p) => {
          watchErrors(p, errors);
          if (options?.javaScriptEnabled !== false) watchAccessibility(p, violations, pending);
        });
        return ctx;
      }) as typeof browser.newContext;
      try {
        await use(errors);
      } finally {
        browser.newContext = newContext;
      }
      await Promise.all(pending);
      expect(errors, "console errors on the page").toEqual([]);
      expect(violations, "axe: serious or critical violations on a visited page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
}

export const DEMO_PASSWORD = "anjung-demo-2026";

/** A context of its own (a phone by default), signed in as `email` through the sign-in form. */
export async function signedInContext(
  browser: import("@playwright/test").Browser,
  email: string,
  options: import("@playwright/test").BrowserContextOptions = {},
) {
  const ctx = await browser.newContext(options);
  const page = await ctx.newPage();
  await signIn(page, email);
  return { ctx, page };
}

/** Presses every button of this name on the page, one after the other, each time waiting for it to go. */
export async function pressEach(page: Page, name: string, fill?: (form: Locator) => Promise<void>) {
  const buttons = page.getByRole("button", { name });
  for (let open = await buttons.count(); open > 0; open--) {
    const form = page
      .locator("form")
      .filter({ has: page.getByRole("button", { name }) })
      .first();
    if (fill) await fill(form);
    await form.getByRole("button", { name }).click();
    await expect(buttons).toHaveCount(open - 1);
  }
}

/** A receipt form's batch code and expiry, when the lot is food (they are asked only then). */
export async function fillBatch(form: Locator, code = `B-${Date.now() % 100000}`, daysLeft = 365) {
  const batch = form.getByLabel("Kode batch produksi");
  if ((await batch.count()) === 0) return;
  await batch.fill(code);
  await form
    .getByLabel("Tanggal kedaluwarsa")
    // days are counted in WIB (UTC+7): from 17:00 UTC it is already tomorrow there
    .fill(new Date(Date.now() + 7 * 3_600_000 + daysLeft * 86_400_000).toISOString().slice(0, 10));
}

/** Clicks a link that downloads a PDF and returns the PDF's text. */
export async function downloadPdfText(page: Page, link: string | RegExp) {
  const { pdfText } = await import("../helpers/files");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).click()]);
  const chunks: Buffer[] = [];
  for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
  return pdfText(Buffer.concat(chunks));
}

/**
 * A food lot to Malaysia on the staff lot page: READY is refused while the label checklist is
 * open; the halal logo's photo is attached and the other items waived with a reason; then READY.
 */
export async function clearChecklistToReady(staff: Page) {
  const checklist = staff.getByTestId("checklist");
  await expect(checklist).toContainText("butir belum dipenuhi");
  await staff.getByRole("button", { name: "Tandai siap kirim" }).click();
  await expect(staff.getByRole("alert")).toContainText("Daftar periksa label belum lengkap");
  await expect(staff.getByTestId("lot-status")).toHaveText("Pemeriksaan mutu");
  const halal = staff.getByTestId("checklist-item").filter({ hasText: "Logo halal" });
  const sharp = (await import("sharp")).default;
  const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: "#2a7" } })
    .png()
    .toBuffer();
  await halal
    .getByLabel("Bukti (foto atau PDF)")
    .setInputFiles({ name: "halal.png", mimeType: "image/png", buffer: photo });
  await halal.getByRole("button", { name: "Lampirkan bukti" }).click();
  await expect(staff.getByRole("status")).toHaveText("Bukti dilampirkan.");
  await expect(staff.getByTestId("checklist-item").filter({ hasText: "Logo halal" })).toHaveAttribute(
    "data-state",
    "met",
  );
  const open = staff.locator('[data-testid="checklist-item"][data-state="open"]');
  for (let left = await open.count(); left > 0; left--) {
    await open.first().getByLabel("Alasan pembebasan").fill("Importir menempel label Melayu di Port Klang");
    await open.first().getByRole("button", { name: "Bebaskan" }).click();
    await expect(open).toHaveCount(left - 1);
  }
  await expect(checklist).toContainText("Semua butir dipenuhi atau dibebaskan.");
  await expectAccessible(staff);
  await staff.getByRole("button", { name: "Tandai siap kirim" }).click();
  await expect(staff.getByTestId("lot-status")).toHaveText("Siap kirim");
}

/** The last sign-in code the WhatsApp fake delivered to a number (what the person reads on their phone). */
export async function whatsAppCode(phone: string) {
  const port = Number(process.env.E2E_WHATSAPP_PORT ?? 12117);
  const to = phone.replace(/^\+/, "");
  const res = await fetch(`http://127.0.0.1:${port}/_fake/messages?to=${to}`);
  const { data } = (await res.json()) as { data: Array<{ code: string }> };
  return data.at(-1)?.code ?? null;
}
