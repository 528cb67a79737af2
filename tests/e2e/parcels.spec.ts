import type { Browser, Page } from "@playwright/test";
import sharp from "sharp";
import { test, expect, query, signedInContext, addToCart, fillRecipient } from "./fixtures";

async function as(browser: Browser, email: string, work: (page: Page) => Promise<void>) {
  const { ctx, page } = await signedInContext(browser, email);
  await work(page);
  await ctx.close();
}

/** One product each from two producers in Kalimantan Tengah (the demo producer's first) and one in Kalimantan Selatan. */
async function threeProducers() {
  const rows = await query<{ slug: string; producer: string; name: string; province: string }>(
    `SELECT DISTINCT ON (pr.slug) p.slug, pr.slug AS producer, pr."legalName" AS name, left(pr."regencyCode", 2) AS province
       FROM "Product" p JOIN "Producer" pr ON pr.id = p."producerId" JOIN "Variant" v ON v."productId" = p.id
      WHERE p.status = 'PUBLISHED' AND pr.status = 'VERIFIED' AND v."minOrderQty" = 1 AND v.stock >= 5 AND v.position = 0
      ORDER BY pr.slug, p.slug`,
  );
  const mine = rows.find((r) => r.producer === "jawet-uei-tumbang-samba")!;
  const kalteng = rows.find((r) => r.province === "62" && r.producer !== mine.producer)!;
  const kalsel = rows.find((r) => r.province === "63")!;
  const email = (r: { producer: string }) =>
    r.producer === "jawet-uei-tumbang-samba" ? "producer@anjung.test" : `${r.producer}@umkm.anjung.test`;
  return [mine, kalteng, kalsel].map((r) => ({ ...r, email: email(r) }));
}

test("three producers' parcels: two couriers, one received by the buyer, one by the timer, one refunded after a complaint (buyer without JavaScript)", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const [a, b, c] = await threeProducers();
  const buyerCtx = await browser.newContext({ javaScriptEnabled: false });
  const buyer = await buyerCtx.newPage();
  for (const p of [a, b, c]) await addToCart(buyer, p.slug);
  await buyer.goto("/checkout");
  await fillRecipient(buyer, {
    email: "tiga.paket@example.test",
    name: "Rahmat Hidayat",
    phone: "+62 813 5000 1234",
    province: "63",
    regency: "63.71",
    city: "Banjarmasin",
    address: "Jl. Pangeran Samudera 5",
    postcode: "70111",
  });
  await buyer.getByLabel(/Transfer bank/).check();
  await buyer.getByRole("button", { name: "Periksa pesanan" }).click();
  // one parcel per producer, each weighed and priced from its own kabupaten/kota
  await expect(buyer.getByTestId("parcel")).toHaveCount(3);
  for (const p of [a, b, c]) await expect(buyer.getByTestId("parcel").filter({ hasText: p.name })).toBeVisible();
  await buyer.getByRole("button", { name: "Buat pesanan dan bayar dengan transfer" }).click();
  await expect(buyer.getByTestId("transfer-instructions")).toBeVisible();
  const orderUrl = buyer.url();
  const number = /\/orders\/(AJ[^?]+)/.exec(orderUrl)![1];
  const [{ transferAmount }] = await query<{ transferAmount: string }>(
    `SELECT "transferAmount"::text FROM "Order" WHERE number = $1`,
    [number],
  );

  // staff match the transfer
  await as(browser, "admin@anjung.test", async (staff) => {
    await staff.goto("/trade/payments");
    const card = staff.getByTestId("awaiting-transfer").filter({ hasText: number });
    await card.getByLabel("Jumlah yang diterima (Rp)").fill(String(BigInt(transferAmount) / 100n));
    await card.getByRole("button", { name: "Konfirmasi pembayaran" }).click();
    await expect(staff.getByRole("status")).toHaveText("Pembayaran dikonfirmasi; pesanan diteruskan ke UMKM.");
  });

  // each producer ships its own parcel: two by JNE, one by J&T
  for (const [p, courier] of [
    [a, "JNE"],
    [b, "J&T Express"],
    [c, "JNE"],
  ] as const) {
    await as(browser, p.email, async (producer) => {
      await producer.goto("/sell/orders");
      const parcel = producer.getByTestId("fulfilment").filter({ hasText: number });
      await expect(parcel.getByTestId("parcel-money")).toContainText("Tertahan");
      await parcel.getByLabel("Kurir").fill(courier);
      await parcel.getByLabel("Nomor resi").fill(
        `${courier
          .replace(/[^A-Za-z]/g, "")
          .slice(0, 3)
          .toUpperCase()}${Date.now()}`.slice(0, 16),
      );
      await parcel.getByRole("button", { name: "Tandai dikirim" }).click();
      await expect(producer.getByRole("status")).toHaveText("Paket ditandai dikirim; pembeli sudah diberi tahu.");
    });
  }

  // the buyer confirms the first parcel, and complains about the third with a photo
  await buyer.goto(orderUrl);
  const parcelOf = (p: { name: string }) => buyer.getByTestId("parcel").filter({ hasText: p.name });
  await parcelOf(a).getByRole("button", { name: "Pesanan diterima" }).click();
  await expect(buyer.getByTestId("received-notice")).toBeVisible();
  await expect(parcelOf(a).getByTestId("parcel-status")).toHaveText("Selesai");
  await parcelOf(c).getByText("Ada masalah? Ajukan komplain").click();
  await parcelOf(c).getByLabel("Masalahnya").selectOption("DAMAGED");
  await parcelOf(c).getByLabel("Ceritakan yang terjadi").fill("Anyaman sobek di satu sisi saat diterima.");
  await parcelOf(c).getByLabel("Yang Anda minta").selectOption("REFUND");
  const photo = await sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: 150, g: 100, b: 50 } },
  })
    .jpeg()
    .toBuffer();
  await parcelOf(c)
    .getByLabel("Foto (maks. 3, opsional)")
    .setInputFiles({ name: "sobek.jpg", mimeType: "image/jpeg", buffer: photo });
  await parcelOf(c).getByRole("button", { name: "Kirim komplain" }).click();
  await expect(buyer.getByTestId("complaint-notice")).toBeVisible();
  await expect(parcelOf(c).getByTestId("complaint-status")).toHaveText("Komplain diajukan");
  await expect(parcelOf(c).getByRole("button", { name: "Pesanan diterima" })).toHaveCount(0);

  // its producer answers; staff decide from the queue: a refund
  await as(browser, c.email, async (producer) => {
    await producer.goto("/sell/orders?view=done");
    const parcel = producer.getByTestId("fulfilment").filter({ hasText: number });
    await parcel.getByLabel("Jawaban Anda").fill("Mohon maaf, kami setuju dananya dikembalikan.");
    await parcel.getByRole("button", { name: "Kirim jawaban" }).click();
    await expect(producer.getByRole("status")).toHaveText("Jawaban terkirim ke pembeli; tim Anjung akan memutuskan.");
  });
  await as(browser, "admin@anjung.test", async (staff) => {
    await staff.goto("/trade/orders");
    await staff.getByTestId("complaint-queue").getByRole("link", { name: number }).click();
    const form = staff.getByTestId("decide-complaint");
    await form.getByLabel("Catatan keputusan").fill("Foto menunjukkan kerusakan; dana dikembalikan penuh.");
    await form.getByRole("button", { name: "Simpan keputusan" }).click();
    await expect(staff.getByTestId("complaint-decided")).toBeVisible();
  });

  // the second parcel's days run out: the worker's parcel_completion task completes it
  await query(
    `UPDATE "Fulfilment" f SET "autoCompleteAt" = now() - interval '1 minute'
       FROM "Order" o, "Producer" p WHERE o.id = f."orderId" AND p.id = f."producerId" AND o.number = $1 AND p.slug = $2`,
    [number, b.producer],
  );
  await query(`SELECT graphile_worker.add_job('parcel_completion', '{}'::json)`);
  await expect
    .poll(
      async () =>
        (
          await query<{ n: string }>(
            `SELECT count(*)::text AS n FROM "Fulfilment" f JOIN "Order" o ON o.id = f."orderId"
              WHERE o.number = $1 AND f.status = 'COMPLETED'`,
            [number],
          )
        )[0].n,
      { timeout: 30_000 },
    )
    .toBe("3");

  await buyer.goto(orderUrl);
  expect(await buyer.getByTestId("parcel-status").allTextContents()).toEqual(["Selesai", "Selesai", "Selesai"]);
  await expect(parcelOf(c).getByTestId("complaint-status")).toHaveText("Dana dikembalikan");
  await expect(buyer.getByTestId("order-status")).toHaveText("Selesai");
  const [{ how }] = await query<{ how: string }>(
    `SELECT string_agg(f."completedBy"::text, ',' ORDER BY f."completedBy"::text) AS how
       FROM "Fulfilment" f JOIN "Order" o ON o.id = f."orderId" WHERE o.number = $1`,
    [number],
  );
  expect(how).toBe("BUYER,STAFF,TIMER");
  await buyerCtx.close();
});
