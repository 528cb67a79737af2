import type { Browser } from "@playwright/test";
import { test, expect, expectAccessible, query, signIn, addToCart, fillRecipient } from "./fixtures";

/** Staff create a code on /trade/vouchers; a guest applies it at checkout and pays the discounted total. */
async function voucherJourney(browser: Browser, javaScriptEnabled: boolean) {
  const code = `E2E${javaScriptEnabled ? "JS" : "NOJS"}${Date.now().toString(36).toUpperCase()}`.slice(0, 24);
  const staffCtx = await browser.newContext({ javaScriptEnabled });
  const staff = await staffCtx.newPage();
  await signIn(staff, "admin@anjung.test"); // (accounts.spec resets staff@anjung.test's password)
  await staff.goto("/trade/vouchers");
  await staff.getByLabel("Kode", { exact: true }).fill(code.toLowerCase()); // typed in small letters: stored in capitals
  await staff.getByLabel("Jenis").selectOption("PERCENT");
  await staff.getByLabel("Persen").fill("101"); // wrong first
  await staff.getByLabel("Potongan maksimal (Rp)").fill("20000");
  await staff.getByLabel("Berlaku sampai").fill("2030-12-31");
  await staff.getByLabel("Kuota total").fill("5");
  await staff.getByRole("button", { name: "Simpan voucher" }).click();
  await expect(staff.getByText("Masukkan persen 0,01–100, mis. 10 atau 12,5.")).toBeVisible();
  await expect(staff.getByLabel("Kuota total")).toHaveValue("5");
  await staff.getByLabel("Persen").fill("10");
  await staff.getByRole("button", { name: "Simpan voucher" }).click();
  await expect(staff.getByTestId("voucher-saved")).toHaveText(`Voucher ${code} disimpan.`);
  await expect(staff.getByTestId("voucher-list")).toContainText(code);
  if (javaScriptEnabled) await expectAccessible(staff);
  await staffCtx.close();

  // a guest buys one unit of a product (sold in one variant) priced at Rp50.000 or more
  const [product] = await query<{ slug: string; price: string }>(
    `SELECT p.slug, v."priceAmount"::text AS price FROM "Product" p JOIN "Variant" v ON v."productId" = p.id
       JOIN "Producer" pr ON pr.id = p."producerId"
      WHERE p.status = 'PUBLISHED' AND pr.status = 'VERIFIED' AND v."minOrderQty" = 1 AND v.stock >= 5
        AND v."priceAmount" >= 5000000
        AND (SELECT count(*) FROM "Variant" w WHERE w."productId" = p.id) = 1
      ORDER BY p.slug LIMIT 1`,
  );
  const ctx = await browser.newContext({ javaScriptEnabled });
  const buyer = await ctx.newPage();
  await addToCart(buyer, product.slug);
  await buyer.goto("/checkout");
  await fillRecipient(buyer, {
    email: "voucher@example.test",
    name: "Siti Rahmah",
    province: "63",
    city: "Banjarmasin",
    address: "Jl. Lambung Mangkurat 12",
    postcode: "70111",
  });
  await buyer.getByLabel(/Kartu kredit\/debit/).check();
  await buyer.getByLabel("Kode voucher").fill("SALAH-KODE");
  await buyer.getByRole("button", { name: "Periksa pesanan" }).click();
  await expect(buyer.getByTestId("voucher-status")).toHaveText(
    "Kode voucher tidak dikenal. Periksa lagi huruf dan angkanya.",
  );
  await expect(buyer.getByTestId("checkout-discount")).toHaveCount(0);
  await buyer.getByLabel("Kode voucher").fill(code.toLowerCase());
  await buyer.getByRole("button", { name: "Hitung ulang" }).click();
  await expect(buyer.getByTestId("voucher-status")).toContainText(`Voucher ${code} dipakai`);
  const price = BigInt(product.price);
  const off = price / 10n > 2_000_000n ? 2_000_000n : ((price / 10n + 50n) / 100n) * 100n;
  const rupiah = (minor: bigint) => `Rp${(Number(minor) / 100).toLocaleString("id-ID")}`;
  await expect(buyer.getByTestId("checkout-discount")).toContainText(rupiah(off));
  await expect(buyer.getByTestId("parcel-discount")).toContainText(rupiah(off));
  if (javaScriptEnabled) await expectAccessible(buyer);

  await buyer.getByRole("button", { name: "Buat pesanan dan bayar dengan kartu" }).click();
  await expect(buyer.getByRole("heading", { name: "Fake Stripe Checkout" })).toBeVisible();
  const [order] = await query<{ number: string; total: string; discount: string }>(
    `SELECT number, "totalAmount"::text AS total, "discountAmount"::text AS discount FROM "Order"
      WHERE "voucherCode" = $1`,
    [code],
  );
  expect(BigInt(order.discount)).toBe(off);
  // Stripe is asked for the discounted total: the order's, to the rupiah
  await expect(buyer.getByTestId("amount")).toHaveText(
    `IDR ${(Number(BigInt(order.total)) / 100).toLocaleString("id-ID")}`,
  );
  await buyer.getByRole("button", { name: "Pay" }).click();
  await expect(buyer.getByTestId("order-status")).toHaveText("Dibayar");
  await expect(buyer.getByTestId("order-discount")).toContainText(rupiah(off));
  const [{ usedCount }] = await query<{ usedCount: number }>(`SELECT "usedCount" FROM "Voucher" WHERE code = $1`, [
    code,
  ]);
  expect(usedCount).toBe(1);
  await ctx.close();
}

test.describe("vouchers", () => {
  test.describe.configure({ timeout: 120_000 });
  test("staff create a code and a guest pays by card with it, without JavaScript", async ({ browser }) => {
    await voucherJourney(browser, false);
  });
  test("staff create a code and a guest pays by card with it, with JavaScript", async ({ browser }) => {
    await voucherJourney(browser, true);
  });
});
