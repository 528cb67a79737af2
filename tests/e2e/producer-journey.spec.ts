import sharp from "sharp";
import { test, expect, expectAccessible, uniqueEmail, signIn } from "./fixtures";
import type { Browser } from "@playwright/test";

async function journey(browser: Browser, javaScriptEnabled: boolean) {
  const tag = `${Date.now() % 1_000_000}`;
  const nib = `62${tag.padStart(11, "0")}`.slice(0, 13);
  const business = `Anyaman Uji ${tag}`;
  const productName = `Tas purun uji ${tag}`;
  const producerCtx = await browser.newContext({ javaScriptEnabled });
  const staffCtx = await browser.newContext({ javaScriptEnabled });
  const producer = await producerCtx.newPage();
  const staff = await staffCtx.newPage();

  // 1. a producer signs up and registers its business
  await producer.goto("/signup");
  await producer.getByLabel("Nama lengkap").fill("Nurhayati");
  await producer.getByLabel("Email").fill(uniqueEmail("umkm"));
  await producer.getByLabel("Kata sandi").fill("purun-batola-2026");
  await producer.getByLabel("Menjual produk UMKM saya").check();
  await producer.getByRole("button", { name: "Daftar" }).click();
  await expect(producer.getByRole("heading", { level: 1 })).toHaveText("Daftarkan UMKM Anda");
  await producer.getByLabel("Nama usaha (sesuai NIB)").fill(business);
  await producer.getByLabel("NIB", { exact: true }).fill("12345"); // wrong first
  await producer.getByLabel("Skala usaha").selectOption("MIKRO");
  await producer.getByLabel("Kabupaten/kota").selectOption("63.04");
  await producer.getByLabel("Alamat usaha").fill("Desa Purun, Marabahan");
  await producer.getByLabel("Cerita usaha (Indonesia)").fill("Penganyam purun dari rawa Barito Kuala.");
  await producer.getByLabel("Nama kontak").fill("Nurhayati");
  await producer.getByLabel("Telepon / WhatsApp").fill("+62 812 3456 7890");
  await producer.getByLabel("Email", { exact: true }).fill("purun-uji@example.test");
  await producer.getByRole("button", { name: "Daftarkan UMKM" }).click();
  await expect(producer.getByText("NIB terdiri dari 13 digit angka.")).toBeVisible();
  await expect(producer.getByLabel("Nama usaha (sesuai NIB)")).toHaveValue(business);
  await producer.getByLabel("NIB", { exact: true }).fill(nib);
  await producer.getByRole("button", { name: "Daftarkan UMKM" }).click();

  // 2. it uploads a certificate scan
  await expect(producer.getByRole("heading", { level: 1 })).toHaveText("Sertifikat");
  if (javaScriptEnabled) await expectAccessible(producer); // axe runs inside the page
  await producer.getByLabel("Jenis sertifikat").selectOption("SNI");
  await producer.getByLabel("Nomor sertifikat").fill(`SNI 8254:2016-${tag}`);
  await producer.getByLabel("Penerbit").fill("LSPro BSN");
  await producer.getByLabel("Tanggal terbit").fill("2025-03-01");
  await producer.getByLabel("Berlaku sampai").fill("2028-03-01");
  const scan = await sharp({ create: { width: 600, height: 800, channels: 3, background: "#f5f0e6" } })
    .png()
    .toBuffer();
  await producer
    .getByLabel("Pindaian sertifikat")
    .setInputFiles({ name: "sni.png", mimeType: "image/png", buffer: scan });
  await producer.getByRole("button", { name: "Kirim sertifikat" }).click();
  await expect(producer.getByRole("status")).toHaveText("Sertifikat terkirim. Staf akan memeriksanya.");
  await expect(producer.getByTestId("certificates")).toContainText("Menunggu verifikasi");

  // 3. staff verify the business and the certificate, looking at the scan
  await signIn(staff, "admin@anjung.test", "anjung-demo-2026");
  await staff.goto("/trade/verification");
  const queued = staff.getByTestId("queue-producer").filter({ hasText: business });
  await queued.getByRole("button", { name: "Setujui" }).click();
  await expect(staff.getByTestId("queue-producer").filter({ hasText: business })).toHaveCount(0);
  const cert = staff.getByTestId("queue-certificate").filter({ hasText: business });
  await expect(cert.getByRole("img")).toBeVisible();
  await cert.getByRole("button", { name: "Setujui" }).click();
  await expect(staff.getByTestId("queue-certificate").filter({ hasText: business })).toHaveCount(0);

  // 4. the producer lists a product with a photo and publishes it
  await producer.goto("/sell/products/new");
  await producer.getByLabel("Nama produk (Indonesia)").fill(productName);
  await producer.getByLabel("Nama produk (Inggris)").fill(`Test purun bag ${tag}`);
  await producer.getByLabel("Deskripsi (Indonesia)").fill("Tas belanja anyaman purun.");
  await producer.getByLabel("Deskripsi (Inggris)").fill("Woven purun shopping bag.");
  await producer.getByLabel("Kategori").selectOption({ label: "Anyaman rotan & purun › Anyaman purun" });
  await producer.getByLabel("Berat (gram)").fill("250");
  await producer.getByLabel(/SNI 8254/).check();
  await producer.getByLabel("SKU").first().fill(`UJI-${tag}`);
  await producer.getByLabel("Nama varian (Indonesia)").first().fill("Standar");
  await producer.getByLabel("Nama varian (Inggris)").first().fill("Standard");
  await producer.getByLabel("Harga (Rp)").first().fill("45000");
  await producer.getByLabel("Stok").first().fill("30");
  await producer.getByRole("button", { name: "Simpan draf" }).click();
  await expect(producer.getByTestId("product-status")).toHaveText("Draf");
  const photo = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#8a6a3b" } })
    .jpeg()
    .toBuffer();
  await producer
    .getByLabel("Tambah foto")
    .setInputFiles({ name: "IMG_0001.jpg", mimeType: "image/jpeg", buffer: photo });
  await producer.getByRole("button", { name: "Unggah" }).click();
  await expect(producer.getByRole("status").first()).toContainText("foto diunggah");
  // variants are made off the request path; with JavaScript the page follows, without it the buyer reloads
  await expect(async () => {
    if (!javaScriptEnabled) await producer.reload();
    await expect(producer.getByTestId("photos").getByRole("img")).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await producer.getByRole("button", { name: "Tayangkan" }).click();
  await expect(producer.getByTestId("product-status")).toHaveText("Tayang");

  // 5. buyers find it
  const buyer = await (await browser.newContext({ javaScriptEnabled })).newPage();
  await expect(async () => {
    await buyer.goto(`/search?q=${encodeURIComponent(productName)}`);
    await expect(buyer.getByTestId("search-results")).toContainText(productName, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await buyer
    .getByTestId("search-results")
    .getByRole("link", { name: new RegExp(productName) })
    .click();
  await expect(buyer.getByRole("heading", { level: 1 })).toHaveText(productName);
  await expect(buyer.getByTestId("certifications")).toContainText("SNI");
  await producerCtx.close();
  await staffCtx.close();
}

test("a producer registers, staff verify it, and its product with a photo reaches search", async ({ browser }) => {
  await journey(browser, true);
});

test("the same journey without JavaScript", async ({ browser }) => {
  await journey(browser, false);
});
