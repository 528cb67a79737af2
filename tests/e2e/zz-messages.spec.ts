/**
 * What each role is told on a phone, in both languages, with JavaScript on and off: the staff desk
 * and menu, the way to a quote, names in the reader's language, truthful counts and dates, and a
 * message after every action. Runs after the journeys (file order, one worker): it reads the orders
 * and export lots they made.
 */
import fs from "node:fs";
import type { Browser, Page } from "@playwright/test";
import { test, expect, query, signedInContext } from "./fixtures";

function signedIn(browser: Browser, email: string, javaScriptEnabled = true) {
  return signedInContext(browser, email, { javaScriptEnabled });
}

/** A business waiting for verification, as registration leaves it. */
async function pendingProducer(name: string) {
  const tag = `${Date.now()}${Math.floor(Math.random() * 1000)}`.slice(-12);
  await query(
    `INSERT INTO "Producer" (id, slug, "legalName", nib, scale, "provinceCode", "regencyCode", address, "storyId", "contactName", "contactPhone", "contactEmail", status, "updatedAt")
     VALUES ($1, $1, $2, $3, 'MIKRO', '62', '62.06', 'Desa Tumbang Samba', 'Penganyam rotan.', 'Ina', '+62 812 0000 0000', 'ina@example.test', 'PENDING', now())`,
    [`e2e-${tag}`, name, `8${tag.padStart(12, "0")}`],
  );
}

for (const js of [true, false]) {
  test(`staff land on a desk, find every page in the menu and are told what an approval did (JS ${js ? "on" : "off"})`, async ({
    browser,
  }) => {
    const name = `Kelompok Anyam Uji ${js ? "JS" : "HTML"} ${Date.now()}`;
    await pendingProducer(name);
    const { ctx, page } = await signedIn(browser, "admin@anjung.test", js);
    await page.getByRole("link", { name: "Rumah dagang" }).click();
    await expect(page).toHaveURL(/\/trade$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Meja kerja rumah dagang");
    const [{ pending }] = await query<{ pending: number }>(
      `SELECT count(*)::int AS pending FROM "Producer" WHERE status = 'PENDING'`,
    );
    await expect(page.getByTestId("desk-producersToVerify")).toContainText(`${pending}`);
    await expect(page.getByTestId("desk-producersToVerify")).toContainText("UMKM menunggu verifikasi");

    const menu = page.getByRole("navigation", { name: "Rumah dagang" });
    for (const item of [
      "Verifikasi",
      "Transfer masuk",
      "Pesanan",
      "Permintaan penawaran",
      "Lot ekspor",
      "Pembayaran UMKM",
    ])
      await expect(menu.getByRole("link", { name: item, exact: true })).toBeVisible();
    await menu.getByRole("link", { name: "Transfer masuk" }).click();
    await expect(page).toHaveURL(/\/trade\/payments$/);
    await expect(page.getByRole("navigation", { name: "Rumah dagang" })).toBeVisible();
    await menu.getByRole("link", { name: "Verifikasi" }).click();

    const row = page.getByTestId("queue-producer").filter({ hasText: name });
    await row.getByRole("button", { name: "Setujui" }).click();
    await expect(page.getByTestId("notice")).toHaveText(`${name} sudah diverifikasi dan kini bisa berjualan.`);
    await expect(page.getByTestId("queue-producer").filter({ hasText: name })).toHaveCount(0);

    // the same desk in English
    await page.goto("/en/trade");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Trading house desk");
    await expect(
      page.getByRole("navigation", { name: "Trading house" }).getByRole("link", { name: "Desk" }),
    ).toHaveAttribute("aria-current", "page");
    await ctx.close();
  });
}

test("a guest finds the quote request on export-ready goods and is told why to sign in, in both languages", async ({
  page,
}) => {
  const [product] = await query<{ slug: string; category: string }>(
    `SELECT p.slug, COALESCE(parent.slug, c.slug) AS category FROM "Product" p JOIN "Category" c ON c.id = p."categoryId" LEFT JOIN "Category" parent ON parent.id = c."parentId"
      WHERE p."exportReady" AND p.status = 'PUBLISHED' ORDER BY p.slug LIMIT 1`,
  );
  await page.goto(`/products/${product.slug}`);
  await page.getByTestId("quote-invitation").getByRole("link", { name: "Minta penawaran ekspor" }).click();
  await expect(page).toHaveURL(/\/login\?reason=rfq/);
  await expect(page.getByTestId("login-reason")).toContainText("Masuk atau buat akun untuk meminta penawaran ekspor");
  await page.goto(`/en/categories/${product.category}`);
  await page.getByTestId("quote-invitation").getByRole("link", { name: "Request an export quote" }).click();
  await expect(page.getByTestId("login-reason")).toContainText(
    "Sign in or create an account to request an export quote",
  );
  await expect(page.getByRole("link", { name: "Business & export buyers: request a quote" })).toBeVisible();
});

test("an order reads in the page's language, with the province and the country's name", async ({ page }) => {
  const [line] = await query<{ number: string; key: string; en: string; id: string; province: string | null }>(
    `SELECT o.number, o."accessToken" AS key, l."productNameEn" AS en, l."productName" AS id, o."shippingProvince" AS province
       FROM "Order" o JOIN "OrderLine" l ON l."orderId" = o.id WHERE o."shippingCountry" = 'ID' ORDER BY o."createdAt" LIMIT 1`,
  );
  expect(line, "an order from the checkout journey").toBeTruthy();
  await page.goto(`/en/orders/${line.number}?key=${line.key}`);
  await expect(page.locator("main")).toContainText(line.en);
  await expect(page.getByTestId("ship-to")).toContainText(/, Indonesia$/);
  await page.goto(`/orders/${line.number}?key=${line.key}`);
  await expect(page.locator("main")).toContainText(line.id);
  await expect(page.getByTestId("ship-to")).toContainText(/Kalimantan Selatan, Indonesia$/);
});

test("lot pages say what is true: tense by status, producers counted once, units in words", async ({ browser }) => {
  const [lot] = await query<{ id: string; code: string; status: string; producers: number; lines: number }>(
    `SELECT l.id, l.code, l.status, count(DISTINCT a."producerId")::int AS producers, count(*)::int AS lines
       FROM "ExportLot" l JOIN "LotAllocation" a ON a."lotId" = l.id WHERE a.status = 'QC_PASSED' GROUP BY l.id ORDER BY l."createdAt" LIMIT 1`,
  );
  expect(lot, "an export lot from the trading-house journey").toBeTruthy();
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`/en/lots/${lot.code}`);
  const shipped = lot.status === "SHIPPED" || lot.status === "DELIVERED";
  await expect(page.getByTestId("lot-summary")).toContainText(
    shipped ? "shipped to" : "being prepared for shipment to",
  );
  await expect(page.getByTestId("lot-summary")).toContainText(/\d+ (pieces|sheets|bottles|jars|packs|kg)/);
  await page.goto(`/lots/${lot.code}`);
  await expect(page.getByTestId("lot-summary")).toContainText(shipped ? "dikirim ke" : "sedang disiapkan");
  await ctx.close();
});

test("home counts what a category holds and features only goods in stock", async ({ page }) => {
  const [cat] = await query<{ slug: string; count: number }>(
    `SELECT parent.slug, count(p.id)::int AS count FROM "Category" parent JOIN "Category" c ON c.id = parent.id OR c."parentId" = parent.id
       JOIN "Product" p ON p."categoryId" = c.id JOIN "Producer" pr ON pr.id = p."producerId"
      WHERE parent."parentId" IS NULL AND p.status = 'PUBLISHED' AND pr.status = 'VERIFIED' GROUP BY parent.slug ORDER BY count DESC LIMIT 1`,
  );
  await page.goto("/");
  await expect(page.locator(`a[href="/categories/${cat.slug}"]`).first()).toContainText(`${cat.count}`);
  const featured = await page
    .getByTestId("featured")
    .locator('a[href^="/products/"]')
    .evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute("href")!.split("/")[2]))]);
  expect(featured.length).toBeGreaterThan(0);
  const soldOut = await query<{ slug: string }>(
    `SELECT p.slug FROM "Product" p WHERE p.slug = ANY($1) AND NOT EXISTS (SELECT 1 FROM "Variant" v WHERE v."productId" = p.id AND v.stock > 0)`,
    [featured],
  );
  expect(soldOut).toEqual([]);
});

test("a certificate without expiry reads as issued, not as expiring", async ({ browser }) => {
  const { ctx, page } = await signedIn(browser, "producer@anjung.test");
  await page.goto("/sell/certificates");
  const nib = page.getByTestId("certificates").getByRole("row").filter({ hasText: "NIB" });
  await expect(nib).toContainText("tanpa batas waktu");
  await page.goto("/en/sell/certificates");
  await expect(page.getByTestId("certificates").getByRole("row").filter({ hasText: "NIB" })).toContainText("no expiry");
  await ctx.close();
});

test("without JavaScript a first-time visitor's first add shows in the header cart", async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  const [product] = await query<{ slug: string }>(
    `SELECT p.slug FROM "Product" p JOIN "Variant" v ON v."productId" = p.id WHERE p.status = 'PUBLISHED' AND v.stock > 5 AND v."minOrderQty" = 1 AND v.position = 0 ORDER BY p.slug LIMIT 1`,
  );
  await page.goto(`/en/products/${product.slug}`);
  await expect(page.getByTestId("cart-count")).toHaveText("0");
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByTestId("added-to-cart")).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveText("1");
  // a reload does not add it again
  await page.reload();
  await expect(page.getByTestId("cart-count")).toHaveText("1");
  await ctx.close();
});

async function producerAction(page: Page, button: string, notice: RegExp) {
  await page.getByRole("button", { name: button, exact: true }).click();
  await expect(page.getByTestId("notice")).toHaveText(notice);
}

for (const js of [true, false]) {
  test(`a producer is told what taking a product off the shop and back did (JS ${js ? "on" : "off"})`, async ({
    browser,
  }) => {
    const { ctx, page } = await signedIn(browser, "producer@anjung.test", js);
    const [p] = await query<{ id: string }>(
      `SELECT p.id FROM "Product" p JOIN "ProducerMember" m ON m."producerId" = p."producerId" JOIN "User" u ON u.id = m."userId"
        WHERE u.email = 'producer@anjung.test' AND p.status = 'PUBLISHED' ORDER BY p.slug DESC LIMIT 1`,
    );
    await page.goto(`/sell/products/${p.id}`);
    await producerAction(page, "Turunkan", /Produk diturunkan dari toko\./);
    await producerAction(page, "Tayangkan", /Produk tayang di toko\./);
    await page.goto(`/en/sell/products/${p.id}`);
    await producerAction(page, "Unpublish", /The product was taken off the shop\./);
    await producerAction(page, "Publish", /The product is live in the shop\./);
    await ctx.close();
  });
}

test("the app printed no process warning while serving every test before this one", () => {
  // scripts/start.ts keeps each warning (listener leaks, deprecated calls) in DATA_DIR/warnings.log
  const file = ".data/e2e/warnings.log"; // the e2e server's DATA_DIR (playwright.config.ts), from the repository root
  const log = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  expect(log).toBe("");
});
