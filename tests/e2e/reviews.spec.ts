import type { Browser } from "@playwright/test";
import { test, expect, expectAccessible, query, signIn, addToCart, fillRecipient } from "./fixtures";

/**
 * A signed-in buyer receives a product of the demo producer, reviews it from the order page
 * (its text shows as text, never as markup), edits it; the producer replies once; staff hide
 * it with a reason and it leaves the product page.
 */
async function reviewJourney(browser: Browser, javaScriptEnabled: boolean) {
  const tag = `${javaScriptEnabled ? "js" : "nojs"}${Date.now().toString(36)}`;
  const email = `ulasan-${tag}@example.test`;
  // a buyer account with the demo password (the sign-up form is covered by the accounts spec)
  await query(
    `INSERT INTO "User" (id, email, name, "passwordHash", roles, "updatedAt")
     SELECT $1, $2, 'Rina Ulasan', "passwordHash", '{BUYER}', now() FROM "User" WHERE email = 'buyer@anjung.test'`,
    [`e2e-${tag}`, email],
  );
  const [product] = await query<{ slug: string }>(
    `SELECT p.slug FROM "Product" p JOIN "Producer" pr ON pr.id = p."producerId" JOIN "Variant" v ON v."productId" = p.id
      WHERE pr.slug = 'jawet-uei-tumbang-samba' AND p.status = 'PUBLISHED' AND v."minOrderQty" = 1 AND v.stock >= 5
        AND (SELECT count(*) FROM "Variant" w WHERE w."productId" = p.id) = 1
      ORDER BY p.slug LIMIT 1`,
  );

  const ctx = await browser.newContext({ javaScriptEnabled });
  const buyer = await ctx.newPage();
  await signIn(buyer, email);
  await addToCart(buyer, product.slug);
  await buyer.goto("/checkout");
  await fillRecipient(buyer, {
    name: "Rina Ulasan",
    province: "63",
    city: "Banjarmasin",
    address: "Jl. Lambung Mangkurat 12",
    postcode: "70111",
  });
  await buyer.getByLabel(/Transfer bank/).check();
  await buyer.getByRole("button", { name: "Periksa pesanan" }).click();
  await buyer.getByRole("button", { name: "Buat pesanan dan bayar dengan transfer" }).click();
  await expect(buyer.getByTestId("transfer-instructions")).toBeVisible();
  const number = /\/orders\/(AJ[^?]+)/.exec(buyer.url())![1];
  // nothing to review before the parcel arrives
  await expect(buyer.getByTestId("review-form")).toHaveCount(0);

  // staff confirm the transfer, the producer ships
  const [{ transferAmount }] = await query<{ transferAmount: number }>(
    `SELECT "transferAmount" FROM "Order" WHERE number = $1`,
    [number],
  );
  const staffCtx = await browser.newContext({ javaScriptEnabled });
  const staff = await staffCtx.newPage();
  await signIn(staff, "admin@anjung.test"); // (accounts.spec resets staff@anjung.test's password)
  await staff.goto("/trade/payments");
  const card = staff.getByTestId("awaiting-transfer").filter({ hasText: number });
  await card.getByLabel("Jumlah yang diterima (Rp)").fill(String(transferAmount / 100));
  await card.getByRole("button", { name: "Konfirmasi pembayaran" }).click();
  await expect(staff.getByRole("status")).toHaveText("Pembayaran dikonfirmasi; pesanan diteruskan ke UMKM.");
  const producerCtx = await browser.newContext({ javaScriptEnabled });
  const producer = await producerCtx.newPage();
  await signIn(producer, "producer@anjung.test");
  await producer.goto("/sell/orders");
  const parcel = producer.getByTestId("fulfilment").filter({ hasText: number });
  await parcel.getByLabel("Kurir").fill("JNE");
  await parcel.getByLabel("Nomor resi").fill(`JNE${Date.now()}`.slice(0, 16));
  await parcel.getByRole("button", { name: "Tandai dikirim" }).click();
  await expect(producer.getByRole("status")).toHaveText("Paket ditandai dikirim; pembeli sudah diberi tahu.");

  // the buyer confirms receipt; now it may review
  await buyer.goto(`/orders/${number}`);
  await buyer.getByRole("button", { name: "Pesanan diterima" }).click();
  await expect(buyer.getByTestId("received-notice")).toBeVisible();
  const form = buyer.getByTestId("review-form");
  await expect(form).toHaveCount(1);
  await form.getByRole("button", { name: "Kirim ulasan" }).click(); // nothing chosen first
  await expect(buyer.getByText("Pilih 1 sampai 5 bintang.")).toBeVisible();
  const text = `<script>alert("x")</script> Anyaman rapi ${tag}`;
  await buyer.getByLabel("Ulasan Anda").fill(text);
  await buyer.getByLabel("4 bintang").check();
  await buyer.getByRole("button", { name: "Kirim ulasan" }).click();
  await expect(buyer.getByTestId("review-saved")).toBeVisible();
  // an edit: the form keeps the review, now five stars
  await expect(buyer.getByLabel("Ulasan Anda")).toHaveValue(text);
  await buyer.getByLabel("5 bintang").check();
  await buyer.getByRole("button", { name: "Simpan perubahan ulasan" }).click();
  await expect(buyer.getByTestId("review-saved")).toBeVisible();
  if (javaScriptEnabled) await expectAccessible(buyer);

  // the product page shows it as text (no script ran, no markup made)
  let dialogs = 0;
  buyer.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  await buyer.goto(`/products/${product.slug}`);
  const mine = buyer.getByTestId("review").filter({ hasText: tag });
  await expect(mine).toContainText(text);
  await expect(mine).toContainText("Rina U.");
  await expect(buyer.getByTestId("rating-summary")).toBeVisible();
  expect(await buyer.locator("#reviews-h ~ ol script").count()).toBe(0);
  expect(dialogs).toBe(0);
  if (javaScriptEnabled) await expectAccessible(buyer);

  // the producer replies once
  await producer.goto("/sell/reviews");
  const toAnswer = producer.getByTestId("producer-review").filter({ hasText: tag });
  await toAnswer.getByLabel("Balasan Anda").fill(`Terima kasih, ${tag}!`);
  await toAnswer.getByRole("button", { name: "Kirim balasan" }).click();
  await expect(producer.getByTestId("reply-saved")).toBeVisible();
  await expect(producer.getByTestId("producer-review").filter({ hasText: tag }).getByRole("button")).toHaveCount(0);
  await buyer.reload();
  await expect(buyer.getByTestId("review").filter({ hasText: tag }).getByTestId("review-reply")).toContainText(
    `Terima kasih, ${tag}!`,
  );

  // staff hide it with a reason: it leaves the product page
  await staff.goto("/trade/reviews");
  const queued = staff.getByTestId("queued-review").filter({ hasText: tag });
  await queued.getByRole("button", { name: "Sembunyikan" }).click(); // no reason first
  await expect(staff.getByText("Tulis alasannya (3–500 karakter).")).toBeVisible();
  await staff
    .getByTestId("queued-review")
    .filter({ hasText: tag })
    .getByLabel("Alasan menyembunyikan")
    .fill("Berisi kode HTML");
  await staff
    .getByTestId("queued-review")
    .filter({ hasText: tag })
    .getByRole("button", { name: "Sembunyikan" })
    .click();
  await expect(staff.getByTestId("moderated")).toHaveText("Ulasan disembunyikan.");
  if (javaScriptEnabled) await expectAccessible(staff);
  await buyer.reload();
  await expect(buyer.getByTestId("review").filter({ hasText: tag })).toHaveCount(0);
  const [{ status }] = await query<{ status: string }>(
    `SELECT r.status::text FROM "Review" r JOIN "User" u ON u.id = r."buyerId" WHERE u.email = $1`,
    [email],
  );
  expect(status).toBe("HIDDEN");
  await Promise.all([ctx.close(), staffCtx.close(), producerCtx.close()]);
}

test.describe("reviews", () => {
  test.describe.configure({ timeout: 150_000 });
  test("a buyer reviews what it received, the producer replies, staff hide it — without JavaScript", async ({
    browser,
  }) => {
    await reviewJourney(browser, false);
  });
  test("a buyer reviews what it received, the producer replies, staff hide it — with JavaScript", async ({
    browser,
  }) => {
    await reviewJourney(browser, true);
  });
});
