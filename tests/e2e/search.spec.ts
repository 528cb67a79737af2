import { test, expect, expectAccessible } from "./fixtures";

test("search → filter → product page in Indonesian, results following the typing", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Cari produk" }).fill("anyaman rotan");
  await page.getByRole("button", { name: "Cari" }).click();
  await expect(page).toHaveURL(/\/search\?q=anyaman\+rotan/);
  await expect(page.getByTestId("search-results").locator("article").first()).toBeVisible();
  await expectAccessible(page);

  // typing a typo updates the results in place (no full reload)
  await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));
  await page.getByLabel("Kata kunci").fill("madu kelullut");
  await expect(page).toHaveURL(/q=madu\+kelullut/);
  await expect(page.getByTestId("search-results")).toContainText("Madu kelulut");
  expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);

  // a facet narrows the results and lives in the URL
  await page.getByRole("group", { name: "Sertifikat" }).getByLabel(/Halal/).check();
  await expect(page).toHaveURL(/cert=HALAL/);
  const cards = page.getByTestId("search-results").locator("article");
  await expect(cards.first().locator(".cert", { hasText: "Halal" })).toBeVisible();
  const count = await cards.count();
  for (let i = 0; i < count; i++) await expect(cards.nth(i).locator(".cert", { hasText: "Halal" })).toBeVisible();

  await cards.first().getByRole("link").click();
  await expect(page).toHaveURL(/\/products\//);
  await expect(page.getByTestId("certifications")).toContainText("Halal");
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("search → filter → product page in English", async ({ page }) => {
    await page.goto("/en/search?q=rattan");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results for “rattan”");
    await expect(page.getByTestId("search-results").locator("article").first()).toBeVisible();
    await page
      .getByRole("group", { name: "Regency or city" })
      .getByLabel(/Katingan/)
      .check();
    await page.getByRole("complementary", { name: "Filters" }).getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/regency=62\.09/);
    const first = page.getByTestId("search-results").locator("article").first();
    await expect(first).toContainText("Kab. Katingan");
    await first.getByRole("link").click();
    await expect(page).toHaveURL(/\/en\/products\//);
    await expect(page.locator("h1")).toBeVisible();
    await expect(page.getByText("Kab. Katingan").first()).toBeVisible();
  });

  test("search → filter → product page in Indonesian", async ({ page }) => {
    await page.goto("/search?q=madu");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hasil untuk “madu”");
    await page
      .getByRole("group", { name: "Provinsi" })
      .getByLabel(/Kalimantan Tengah/)
      .check();
    await page.getByRole("complementary", { name: "Filter" }).getByRole("button", { name: "Terapkan" }).click();
    await expect(page).toHaveURL(/province=62/);
    const first = page.getByTestId("search-results").locator("article").first();
    await expect(first).toContainText("Madu");
    await first.getByRole("link").click();
    await expect(page).toHaveURL(/\/products\/madu/);
    await expect(page.getByRole("heading", { name: "Pilihan & harga" })).toBeVisible();
  });

  test("the display currency choice persists", async ({ page }) => {
    await page.goto("/en/products/madu-kelulut-asli-pisau");
    await page.getByLabel("Also show prices in").selectOption("USD");
    await page.locator(".currency-form").getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/\/en\/products\/madu-kelulut-asli-pisau$/);
    await expect(page.locator(".big-price .price-alt")).toContainText("US$");
    await page.goto("/en");
    await expect(page.locator(".price-alt").first()).toContainText("US$");
  });
});

test("category and region pages list products, unknown ones are 404", async ({ page }) => {
  await page.goto("/categories/anyaman");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anyaman rotan & purun");
  await expect(page.getByRole("link", { name: "Anyaman purun" })).toBeVisible();
  await expect(page.getByTestId("product-grid").locator("article").first()).toBeVisible();
  await page.goto("/en/regions/kalsel");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kalimantan Selatan");
  await page.getByRole("link", { name: /^Kab\. Hulu Sungai Selatan/ }).click();
  await expect(page.getByTestId("product-grid")).toContainText("Purun");
  await expectAccessible(page);
  expect((await page.goto("/en/categories/unknown"))?.status()).toBe(404);
});
