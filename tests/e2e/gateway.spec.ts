import type { Browser } from "@playwright/test";
import { test, expect, expectAccessible, query, addToCart, fillRecipient } from "./fixtures";

const XENDIT = `http://127.0.0.1:${process.env.E2E_XENDIT_PORT ?? 12118}`;

/**
 * A guest pays by QRIS or a bank virtual account through the Xendit fake: the order page shows
 * the code or the account number, "I have paid" before paying says not yet, the buyer's
 * e-wallet pays, the gateway's callback marks the order paid.
 */
async function gatewayJourney(browser: Browser, method: "QRIS" | "VIRTUAL_ACCOUNT", javaScriptEnabled: boolean) {
  const [product] = await query<{ slug: string }>(
    `SELECT p.slug FROM "Product" p JOIN "Variant" v ON v."productId" = p.id JOIN "Producer" pr ON pr.id = p."producerId"
      WHERE p.status = 'PUBLISHED' AND pr.status = 'VERIFIED' AND v."minOrderQty" = 1 AND v.stock >= 5
        AND (SELECT count(*) FROM "Variant" w WHERE w."productId" = p.id) = 1
      ORDER BY p.slug DESC LIMIT 1`,
  );
  const ctx = await browser.newContext({ javaScriptEnabled });
  const buyer = await ctx.newPage();
  await addToCart(buyer, product.slug);
  await buyer.goto("/checkout");
  await fillRecipient(buyer, {
    email: `gateway-${method.toLowerCase()}@example.test`,
    name: "Siti Rahmah",
    province: "62",
    city: "Palangka Raya",
    address: "Jl. Tjilik Riwut km 5",
    postcode: "73112",
  });
  if (method === "QRIS") await buyer.getByLabel(/^QRIS/).check();
  else {
    await buyer.getByLabel(/Virtual account bank/).check();
    await buyer.getByRole("button", { name: "Periksa pesanan" }).click(); // no bank chosen yet
    await expect(buyer.getByText("Pilih bank untuk virtual account.")).toBeVisible();
    await buyer.getByLabel("Bank untuk virtual account").selectOption("BRI");
  }
  await buyer.getByRole("button", { name: "Periksa pesanan" }).click();
  await buyer
    .getByRole("button", {
      name: method === "QRIS" ? "Buat pesanan dan bayar dengan QRIS" : "Buat pesanan dan bayar lewat virtual account",
    })
    .click();
  const panel = buyer.getByTestId("gateway-payment");
  await expect(panel).toBeVisible();
  if (method === "QRIS") await expect(buyer.getByTestId("qris-code").locator("svg")).toBeVisible();
  else {
    await expect(panel).toContainText("BRI");
    await expect(buyer.getByTestId("va-number")).toHaveText(/^\d{16}$/);
  }
  if (javaScriptEnabled) await expectAccessible(buyer);
  const number = /\/orders\/(AJ[^?]+)/.exec(buyer.url())![1];
  const [order] = await query<{ requestId: string; total: string }>(
    `SELECT "gatewayRequestId" AS "requestId", "totalAmount"::text AS total FROM "Order" WHERE number = $1`,
    [number],
  );

  // "I have paid" before paying: not yet, and nothing changes
  await buyer.getByRole("button", { name: "Saya sudah bayar — cek status" }).click();
  await expect(buyer.getByTestId("payment-checked")).toBeVisible();
  await expect(buyer.getByTestId("order-status")).toHaveText("Menunggu pembayaran");

  // the buyer's e-wallet or bank app pays the exact amount
  const wallet = await ctx.newPage();
  await wallet.goto(`${XENDIT}/pay/${order.requestId}`);
  await expect(wallet.getByTestId("amount")).toHaveText(
    `IDR ${(Number(BigInt(order.total)) / 100).toLocaleString("id-ID")}`,
  );
  await wallet.getByRole("button", { name: "Pay" }).click();
  await expect(wallet.getByTestId("result")).toHaveText("Paid");

  // the callback paid the order: with JavaScript the page sees it by itself, without it the buyer asks
  if (!javaScriptEnabled) await buyer.getByRole("button", { name: "Saya sudah bayar — cek status" }).click();
  await expect(buyer.getByTestId("order-status")).toHaveText("Dibayar", { timeout: 20_000 });
  await expect(buyer.getByTestId("gateway-payment")).toHaveCount(0);
  const payments = await query<{ method: string; externalId: string }>(
    `SELECT p.method::text, p."externalId" FROM "Payment" p JOIN "Order" o ON o.id = p."orderId" WHERE o.number = $1`,
    [number],
  );
  expect(payments).toEqual([{ method, externalId: `xendit:${order.requestId}` }]);
  await ctx.close();
}

test.describe("QRIS and virtual accounts", () => {
  test.describe.configure({ timeout: 120_000 });
  test("a guest pays by QRIS, with JavaScript", async ({ browser }) => {
    await gatewayJourney(browser, "QRIS", true);
  });
  test("a guest pays into a BRI virtual account, without JavaScript", async ({ browser }) => {
    await gatewayJourney(browser, "VIRTUAL_ACCOUNT", false);
  });
  test("a guest pays by QRIS, without JavaScript", async ({ browser }) => {
    await gatewayJourney(browser, "QRIS", false);
  });
  test("a guest pays into a BRI virtual account, with JavaScript", async ({ browser }) => {
    await gatewayJourney(browser, "VIRTUAL_ACCOUNT", true);
  });
});
