import type { Browser, Page } from "@playwright/test";
import { test, expect, expectAccessible, query, signIn, addToCart } from "./fixtures";

/** One product of the demo producer account's UMKM and one of another UMKM, both sold by the unit. */
async function twoProducersProducts() {
  const rows = await query<{ slug: string; producer: string; sku: string }>(
    `SELECT DISTINCT ON (pr.slug = 'jawet-uei-tumbang-samba') p.slug, pr.slug AS producer, v.sku
       FROM "Product" p JOIN "Producer" pr ON pr.id = p."producerId" JOIN "Variant" v ON v."productId" = p.id
      WHERE p.status = 'PUBLISHED' AND pr.status = 'VERIFIED' AND v."minOrderQty" = 1 AND v.stock >= 5 AND v.position = 0
      ORDER BY (pr.slug = 'jawet-uei-tumbang-samba'), p.slug`,
  );
  const mine = rows.find((r) => r.producer === "jawet-uei-tumbang-samba")!;
  const other = rows.find((r) => r.producer !== "jawet-uei-tumbang-samba")!;
  return [mine, other];
}

async function fillCheckout(page: Page, method: "Transfer bank" | "Kartu kredit/debit") {
  await page.getByLabel("Email").fill("tamu@example.test");
  await page.getByLabel("Nama penerima").fill("Siti Rahmah");
  await page.getByLabel("Nomor HP").fill("+62 812 3456 7890");
  await page.getByLabel("Provinsi").selectOption("63");
  await page.getByLabel("Kabupaten/kota (Kalimantan Tengah & Selatan)").selectOption("63.71");
  await page.getByLabel("Kota/kabupaten", { exact: true }).fill("Banjarmasin");
  await page.getByLabel("Alamat lengkap").fill("Jl. Lambung Mangkurat 12");
  await page.getByLabel("Kode pos").fill("701"); // wrong first
  await page.getByLabel(new RegExp(method)).check();
  await page.getByRole("button", { name: "Periksa pesanan" }).click();
  await expect(page.getByText("Kode pos Indonesia terdiri dari 5 angka.")).toBeVisible();
  // what was typed is kept
  await expect(page.getByLabel("Alamat lengkap")).toHaveValue("Jl. Lambung Mangkurat 12");
  await page.getByLabel("Kode pos").fill("70111");
  await page.getByRole("button", { name: "Periksa pesanan" }).click();
  await expect(page.getByTestId("checkout-total")).toBeVisible();
  // one parcel per producer, each with the couriers that reach Banjarmasin from its kabupaten; the
  // cheapest is chosen until the buyer picks another and recalculates
  const parcels = page.getByTestId("parcel");
  await expect(parcels).toHaveCount(2);
  const shippingBefore = await page.getByTestId("checkout-shipping").textContent();
  await parcels.first().getByRole("radio").nth(1).check();
  await page.getByRole("button", { name: "Hitung ulang" }).click();
  await expect(page.getByTestId("parcel").first().getByRole("radio").nth(1)).toBeChecked();
  await expect(page.getByTestId("checkout-shipping")).not.toHaveText(shippingBefore!);
}

async function journey(browser: Browser, method: "bank" | "card", javaScriptEnabled: boolean) {
  const [mine, other] = await twoProducersProducts();
  const buyerCtx = await browser.newContext({ javaScriptEnabled });
  const buyer = await buyerCtx.newPage();

  // a guest fills a cart from two producers
  await addToCart(buyer, mine.slug);
  await addToCart(buyer, other.slug);
  await buyer.getByRole("link", { name: "Lihat keranjang" }).click();
  await expect(buyer.getByTestId("cart-line")).toHaveCount(2);
  if (javaScriptEnabled) await expectAccessible(buyer);
  await buyer.getByRole("link", { name: "Lanjut ke pembayaran" }).click();
  await fillCheckout(buyer, method === "bank" ? "Transfer bank" : "Kartu kredit/debit");
  if (javaScriptEnabled) await expectAccessible(buyer);

  if (method === "bank") {
    await buyer.getByRole("button", { name: "Buat pesanan dan bayar dengan transfer" }).click();
    await expect(buyer.getByTestId("transfer-instructions")).toBeVisible();
    await expect(buyer.getByTestId("order-status")).toHaveText("Menunggu transfer");
    if (javaScriptEnabled) await expectAccessible(buyer);
  } else {
    await buyer.getByRole("button", { name: "Buat pesanan dan bayar dengan kartu" }).click();
    await expect(buyer.getByRole("heading", { name: "Fake Stripe Checkout" })).toBeVisible();
    await buyer.getByRole("button", { name: "Pay" }).click();
    // the signed webhook arrived before the buyer came back
    await expect(buyer.getByTestId("order-status")).toHaveText("Dibayar");
  }
  const orderUrl = buyer.url();
  expect(orderUrl).toMatch(/\/orders\/AJ\d{6}-[A-Z0-9]{6}\?key=/);
  const number = /\/orders\/(AJ[^?]+)/.exec(orderUrl)![1];
  expect(await query(`SELECT 1 FROM "Order" WHERE number = $1`, [number])).toHaveLength(1);

  // the cart is empty now
  await expect(buyer.getByTestId("cart-count")).toHaveText("0");

  if (method === "bank") {
    // staff see the transfer on the statement and confirm it
    const [{ transferAmount }] = await query<{ transferAmount: number }>(
      `SELECT "transferAmount" FROM "Order" WHERE number = $1`,
      [number],
    );
    const staffCtx = await browser.newContext({ javaScriptEnabled });
    const staff = await staffCtx.newPage();
    await signIn(staff, "admin@anjung.test");
    await staff.goto("/trade/payments");
    const card = staff.getByTestId("awaiting-transfer").filter({ hasText: number });
    await card.getByLabel("Jumlah yang diterima (Rp)").fill(String(transferAmount / 100 - 1)); // a wrong amount first
    await card.getByRole("button", { name: "Konfirmasi pembayaran" }).click();
    await expect(staff.getByText("Jumlah tidak cocok dengan jumlah unik pesanan.")).toBeVisible();
    await staff
      .getByTestId("awaiting-transfer")
      .filter({ hasText: number })
      .getByLabel("Jumlah yang diterima (Rp)")
      .fill(String(transferAmount / 100));
    await staff
      .getByTestId("awaiting-transfer")
      .filter({ hasText: number })
      .getByRole("button", { name: "Konfirmasi pembayaran" })
      .click();
    await expect(staff.getByRole("status")).toHaveText("Pembayaran dikonfirmasi; pesanan diteruskan ke UMKM.");
    if (javaScriptEnabled) await expectAccessible(staff);
    await staffCtx.close();
  }

  // the producer ships its part
  const producerCtx = await browser.newContext({ javaScriptEnabled });
  const producer = await producerCtx.newPage();
  await signIn(producer, "producer@anjung.test");
  await producer.goto("/sell/orders");
  const parcel = producer.getByTestId("fulfilment").filter({ hasText: number });
  await expect(parcel).toBeVisible();
  if (javaScriptEnabled) await expectAccessible(producer);
  await parcel.getByLabel("Kurir").fill("JNE");
  await parcel.getByLabel("Nomor resi").fill(`JNE${Date.now()}`.slice(0, 16));
  await parcel.getByRole("button", { name: "Tandai dikirim" }).click();
  await expect(producer.getByRole("status")).toHaveText("Paket ditandai dikirim; pembeli sudah diberi tahu.");
  await producerCtx.close();

  // the buyer sees each producer's parcel with its own status
  await buyer.goto(orderUrl);
  await expect(buyer.getByTestId("order-status")).toHaveText("Sebagian dikirim");
  const statuses = await buyer.getByTestId("parcel-status").allTextContents();
  expect(statuses.sort()).toEqual(["Dikirim", "Sedang disiapkan"]);
  await expect(buyer.getByTestId("tracking")).toContainText("JNE");
  // JNE is a courier we know: the waybill links to its tracking page
  await expect(buyer.getByRole("link", { name: "Lacak paket" })).toHaveAttribute("href", /jne\.co\.id/);
  await expect(buyer.getByTestId("receipt")).toContainText("selesai otomatis pada");

  // the buyer confirms that parcel arrived: it completes, and its sale becomes payable to the producer
  await buyer.getByRole("button", { name: "Pesanan diterima" }).click();
  await expect(buyer.getByTestId("received-notice")).toBeVisible();
  // with JavaScript the page's data follows the action's answer: wait for it rather than read once
  await expect
    .poll(async () => (await buyer.getByTestId("parcel-status").allTextContents()).sort())
    .toEqual(["Sedang disiapkan", "Selesai"]);
  await expect(buyer.getByRole("button", { name: "Pesanan diterima" })).toHaveCount(0);
  await buyerCtx.close();
  const [{ status }] = await query<{ status: string }>(
    `SELECT f.status::text FROM "Fulfilment" f JOIN "Order" o ON o.id = f."orderId" JOIN "Producer" p ON p.id = f."producerId"
      WHERE o.number = $1 AND p.slug = 'jawet-uei-tumbang-samba'`,
    [number],
  );
  expect(status).toBe("COMPLETED");
}

test.describe("checkout", () => {
  // each journey is four people on their phones (buyer, staff, producer, buyer again) with accessibility scans
  test.describe.configure({ timeout: 120_000 });
  test("a guest buys from two producers by bank transfer, without JavaScript", async ({ browser }) => {
    await journey(browser, "bank", false);
  });

  test("a guest buys from two producers by bank transfer, with JavaScript", async ({ browser }) => {
    await journey(browser, "bank", true);
  });

  test("a guest buys from two producers by card through Stripe (fake)", async ({ browser }) => {
    await journey(browser, "card", true);
  });
});
