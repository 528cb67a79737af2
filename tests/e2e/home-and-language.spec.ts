import { test, expect, expectAccessible } from "./fixtures";

test("the Indonesian home page shows the seeded catalogue", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/Anjung/);
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Produk UMKM Kalimantan");
  const cards = page.getByTestId("featured").locator("article");
  await expect(cards).toHaveCount(12);
  await expect(cards.first().locator("img")).toHaveAttribute("src", /\/media\/[a-f0-9]+-\d+\.webp$/);
  await expect(page.getByRole("heading", { name: "Kategori" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Anyaman rotan & purun/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Kab\. Katingan \(/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "UMKM terverifikasi" })).toBeVisible();
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute("href", /\/en$/);
  // the price format of the locale
  await expect(cards.first().locator(".price")).toHaveText(/^Rp\d{1,3}(\.\d{3})+$/);
  await expectAccessible(page);
});

test("the language switch keeps the page, both ways", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Tampilkan dalam bahasa Inggris" }).click();
  await expect(page).toHaveURL(/\/en\/login$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to Anjung");
  await page.getByRole("link", { name: "Show in Indonesian" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Masuk ke Anjung");
});

test("the English home page is in English with English prices", async ({ page }) => {
  await page.goto("/en");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Kalimantan's small makers");
  await expect(page.getByRole("link", { name: /Rattan & sedge weaving/ })).toBeVisible();
  await expect(page.getByTestId("featured").locator(".price").first()).toHaveText(/^IDR \d{1,3}(,\d{3})+$/);
  await expectAccessible(page);
});

test("an unknown page is a localised 404", async ({ page }) => {
  const res = await page.goto("/en/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  const res2 = await page.goto("/halaman-tidak-ada");
  expect(res2?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Halaman tidak ditemukan");
});

test("health reports database and search up", async ({ request }) => {
  const res = await request.get("/healthz");
  expect(res.ok()).toBe(true);
  const body = await res.json();
  expect(body).toMatchObject({ status: "ok", database: { status: "up" }, search: { status: "up" } });
  expect(body.search.documents).toBeGreaterThanOrEqual(80);
});
