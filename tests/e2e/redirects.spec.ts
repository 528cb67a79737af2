/**
 * What a browser does with our redirects and links: after signing in with a hostile
 * `redirectTo`, and after the language switch of a 404 whose path starts with
 * //evil.example, the browser is still on Anjung (Location headers: tests/security/redirects.test.ts).
 */
import { test, expect } from "./fixtures";

const HOSTILE = ["//evil.example/x", "/%5Cevil.example/x", "/%2F/evil.example/x", "https://evil.example/x"];

for (const target of HOSTILE) {
  test(`signing in with redirectTo=${target} stays on the site`, async ({ browser, baseURL }) => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`/login?redirectTo=${encodeURIComponent(target)}`);
    await page.getByLabel("Email").fill("buyer@anjung.test");
    await page.getByLabel("Kata sandi").fill("anjung-demo-2026");
    await page.getByRole("button", { name: "Masuk" }).click();
    await expect(page.getByTestId("account-link")).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    expect(new URL(page.url()).pathname).toBe("/");
    await ctx.close();
  });
}

test("the language switch of a 404 at /en//evil.example/x stays on the site", async ({ page, baseURL }) => {
  expect((await page.goto("/en//evil.example/x"))?.status()).toBe(404);
  await page.locator("a.lang-switch").click();
  await page.waitForLoadState();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
});
