import { test, expect, expectAccessible, pressEach, query, uniqueEmail, signIn } from "./fixtures";

test("an ASEAN buyer's quote request becomes an export lot made by several UMKM", async ({ browser }) => {
  test.setTimeout(180_000);
  // what the rattan weavers can supply right now: the buyer asks for all of it
  const [{ capacity }] = await query<{ capacity: number }>(
    `SELECT SUM(v.stock)::int AS capacity FROM "Variant" v JOIN "Product" p ON p.id = v."productId" JOIN "Producer" pr ON pr.id = p."producerId" JOIN "Category" c ON c.id = p."categoryId"
      WHERE c.slug = 'anyaman-rotan' AND p.status = 'PUBLISHED' AND pr.status = 'VERIFIED' AND v.stock > 0`,
  );
  expect(capacity).toBeGreaterThan(10);

  // 1. a business buyer registers and sends a quote request
  const buyerCtx = await browser.newContext();
  const buyer = await buyerCtx.newPage();
  await buyer.goto("/signup");
  await buyer.getByLabel("Nama lengkap").fill("Tan Mei Ling");
  await buyer.getByLabel("Email").fill(uniqueEmail("importer"));
  await buyer.getByLabel("Kata sandi").fill("lion-city-2026");
  await buyer.getByRole("button", { name: "Daftar" }).click();
  await expect(buyer.getByTestId("account-link")).toBeVisible();
  await buyer.goto("/rfq");
  await buyer.getByLabel("Nama perusahaan").fill("Lion City Homeware Pte Ltd");
  await buyer.getByLabel("Negara perusahaan").selectOption("SG");
  await buyer.getByLabel("Nomor pajak (NPWP/VAT/GST)").fill("201912345K");
  await buyer.getByLabel("Kategori").selectOption({ label: "Anyaman rotan & purun › Anyaman rotan" });
  await buyer.getByLabel("Jumlah").fill(String(capacity));
  await buyer.getByLabel("Negara tujuan").selectOption("SG");
  await buyer.getByLabel("Pelabuhan tujuan").fill("Singapore");
  await buyer.getByLabel("Incoterm").selectOption("FOB");
  await expectAccessible(buyer);
  await buyer.getByRole("button", { name: "Kirim permintaan" }).click();
  await expect(buyer.getByRole("status")).toContainText("Permintaan terkirim");

  // 2. staff quote
  const staffCtx = await browser.newContext();
  const staff = await staffCtx.newPage();
  await signIn(staff, "admin@anjung.test");
  await staff.goto("/trade/rfq");
  await expectAccessible(staff);
  await staff.getByRole("link", { name: "Lion City Homeware Pte Ltd" }).first().click();
  // the landed-cost build-up: producers' price, trucking from Hulu Sungai Utara to Trisakti, port charges, margin
  await staff.getByLabel("Mata uang").selectOption("USD");
  await staff.getByLabel("Harga UMKM per satuan").fill("90000");
  await staff.getByLabel("Dijemput dari").selectOption("63.08");
  await staff.getByLabel("Pelabuhan muat").selectOption("trisakti");
  await staff.getByLabel("Angkutan darat ke pelabuhan").fill("1500000");
  await staff.getByLabel("Biaya pelabuhan dan dokumen").fill("2000000");
  await staff.getByRole("button", { name: "Hitung harga" }).click();
  await expect(staff.getByText(/Harga per satuan: Rp/)).toBeVisible();
  await expect(staff.getByLabel("Angkutan darat ke pelabuhan")).toHaveValue("1500000");
  await staff.getByRole("button", { name: "Kirim penawaran" }).click();
  await expect(staff.getByRole("status")).toHaveText("Penawaran terkirim ke pembeli.");

  // 3. the buyer accepts: a lot opens
  await buyer.goto("/account/rfq");
  await buyer.getByRole("button", { name: "Terima penawaran" }).click();
  await expect(buyer.getByTestId("quote-answered")).toContainText("LOT-");
  const code = /LOT-[A-Z0-9-]+/.exec((await buyer.getByTestId("quote-answered").textContent()) ?? "")![0];

  // 4. staff allocate across the producers and send the offers
  const [{ id: lotId }] = await query<{ id: string }>(`SELECT id FROM "ExportLot" WHERE code = $1`, [code]);
  await staff.goto(`/trade/lots/${lotId}`);
  await staff.getByRole("button", { name: /Usulkan alokasi/ }).click();
  await expect(staff.getByRole("status")).toContainText("terpenuhi tepat");
  const proposed = await query<{ producerId: string }>(
    `SELECT DISTINCT "producerId" FROM "LotAllocation" WHERE "lotId" = $1 AND status = 'PROPOSED'`,
    [lotId],
  );
  expect(proposed.length).toBeGreaterThanOrEqual(3);
  await expectAccessible(staff);
  await staff.getByRole("button", { name: /Kirim \d+ tawaran ke UMKM/ }).click();
  await expect(staff.getByTestId("lot-status")).toHaveText("Mencari pasokan");

  // 5. each producer accepts its offers
  const members = await query<{ email: string }>(
    `SELECT DISTINCT u.email FROM "LotAllocation" a JOIN "ProducerMember" m ON m."producerId" = a."producerId" JOIN "User" u ON u.id = m."userId" WHERE a."lotId" = $1 AND u.email LIKE '%anjung.test'`,
    [lotId],
  );
  for (const { email } of members) {
    const ctx = await browser.newContext();
    const producer = await ctx.newPage();
    await signIn(producer, email);
    await producer.goto("/sell/lots");
    // one card per lot, one entry per variant it asks for
    const lot = producer.getByTestId("lot-offer-group").filter({ hasText: code });
    await expect(lot).toHaveCount(1);
    const offers = lot
      .getByTestId("lot-offer")
      .filter({ has: producer.getByRole("button", { name: "Terima tawaran" }) });
    for (let open = await offers.count(); open > 0; open--) {
      await offers.first().getByRole("button", { name: "Terima tawaran" }).click();
      await expect(offers).toHaveCount(open - 1);
    }
    await expect(producer.getByRole("status")).toContainText("Tawaran diterima");
    await expect(lot.getByTestId("lot-offer").first()).toContainText("Diterima UMKM");
    await ctx.close();
  }

  // 6. staff receive the goods, pass QC, and the lot is ready
  await staff.goto(`/trade/lots/${lotId}`);
  await staff.getByRole("button", { name: "Mulai konsolidasi" }).click();
  await expect(staff.getByTestId("lot-status")).toHaveText("Konsolidasi");
  await pressEach(staff, "Catat penerimaan");
  await staff.getByRole("button", { name: "Mulai pemeriksaan mutu" }).click();
  await expect(staff.getByTestId("lot-status")).toHaveText("Pemeriksaan mutu");
  await pressEach(staff, "Simpan hasil QC");
  await staff.getByRole("button", { name: "Tandai siap kirim" }).click();
  await expect(staff.getByTestId("lot-status")).toHaveText("Siap kirim");

  // 7. the documents download as PDFs
  for (const name of [
    "Commercial invoice (PDF)",
    "Packing list dengan kode QR (PDF)",
    "Data surat keterangan asal, Form D (PDF)",
  ]) {
    const [download] = await Promise.all([staff.waitForEvent("download"), staff.getByRole("link", { name }).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe("%PDF-");
  }

  // 8. the public provenance page names the producers who made the lot
  const names = await query<{ legalName: string }>(
    `SELECT DISTINCT p."legalName" FROM "LotAllocation" a JOIN "Producer" p ON p.id = a."producerId" WHERE a."lotId" = $1 AND a.status = 'QC_PASSED'`,
    [lotId],
  );
  const visitorCtx = await browser.newContext();
  const visitor = await visitorCtx.newPage();
  await visitor.goto(`/en/lots/${code}`);
  await expect(visitor.getByRole("heading", { level: 1 })).toContainText("from Kalimantan's UMKM");
  for (const { legalName } of names) await expect(visitor.getByTestId("makers")).toContainText(legalName);
  await expectAccessible(visitor);
  await visitorCtx.close();
  await buyerCtx.close();
  await staffCtx.close();
});

test("staff see background work on a phone: the running worker, schedules and counts", async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const staff = await ctx.newPage();
  await signIn(staff, "admin@anjung.test");
  await staff.goto("/trade/jobs");
  await expect(staff.getByRole("heading", { level: 1, name: "Pekerjaan latar" })).toBeVisible();
  // npm start runs a worker in the app process: it is listed, with its heartbeat
  await expect(staff.getByRole("region", { name: "Pekerja" }).getByRole("listitem")).not.toHaveCount(0);
  await expect(staff.getByRole("region", { name: "Jadwal" })).toContainText("Kedaluwarsa pesanan belum dibayar");
  await expect(staff.getByTestId("jobs-failed")).toHaveText("0");
  const overflow = await staff.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(staff);
  await ctx.close();
});
