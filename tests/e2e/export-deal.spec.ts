import { test, expect, expectAccessible, fillBatch, pressEach, query, uniqueEmail, signIn } from "./fixtures";

/**
 * An export deal end to end: a Singapore importer asks for honey, orders a paid sample through
 * the checkout, accepts a CIF quote in SGD priced from its landed cost, pays the deposit its
 * tempo terms require; the lot is made by a UMKM, passes QC, the producer is paid in the next
 * payout batch, the lot ships, and the balance falls due on tempo in the receivables.
 */
test("an export deal: RFQ, CIF quote in SGD, paid sample, deposit, lot, QC, producer paid, tempo balance, receivables", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  // a product whose UMKM can make the lot from stock and has a bank account for its payout
  const [product] = await query<{ slug: string; name: string; stock: number; producer: string }>(
    `SELECT p.slug, p."nameId" AS name, v.stock, pr.slug AS producer
       FROM "Product" p JOIN "Variant" v ON v."productId" = p.id JOIN "Producer" pr ON pr.id = p."producerId"
      WHERE p.status = 'PUBLISHED' AND pr.status = 'VERIFIED' AND pr."bankAccountNo" IS NOT NULL AND v.stock >= 30
        AND (SELECT count(*) FROM "Variant" w WHERE w."productId" = p.id) = 1
      ORDER BY p.slug LIMIT 1`,
  );
  expect(product).toBeTruthy();
  const company = `Lion City Provisions ${Date.now()}`;

  // 1. the importer asks for 20 units, CIF Singapore
  const buyerCtx = await browser.newContext();
  const buyer = await buyerCtx.newPage();
  await buyer.goto("/signup");
  await buyer.getByLabel("Nama lengkap").fill("Tan Mei Ling");
  await buyer.getByLabel("Email").fill(uniqueEmail("provisions"));
  await buyer.getByLabel("Kata sandi").fill("lion-city-2026");
  await buyer.getByRole("button", { name: "Daftar" }).click();
  await expect(buyer.getByTestId("account-link")).toBeVisible();
  await buyer.goto(`/rfq?product=${product.slug}`);
  await buyer.getByLabel("Nama perusahaan").fill(company);
  await buyer.getByLabel("Negara perusahaan").selectOption("SG");
  await buyer.getByLabel("Jumlah").fill("20");
  await buyer.getByLabel("Negara tujuan").selectOption("SG");
  await buyer.getByLabel("Pelabuhan tujuan").fill("Singapore");
  await buyer.getByLabel("Incoterm").selectOption("CIF");
  await buyer.getByRole("button", { name: "Kirim permintaan" }).click();
  await expect(buyer.getByRole("status")).toContainText("Permintaan terkirim");

  // 2. staff approve tempo 30 days with a 30% deposit and a credit limit
  const staffCtx = await browser.newContext();
  const staff = await staffCtx.newPage();
  await signIn(staff, "admin@anjung.test");
  await staff.goto("/trade/receivables");
  const terms = staff.getByRole("form", { name: company });
  await terms.getByLabel("Syarat").selectOption("TEMPO_30");
  await terms.getByLabel("Uang muka (%)").fill("30");
  await terms.getByLabel("Batas kredit (Rp)").fill("100000000");
  await terms.getByRole("button", { name: "Simpan" }).click();
  await expect(staff.getByRole("status")).toHaveText("Syarat pembayaran disimpan.");

  // 3. the importer orders a 2-unit sample and pays it through the normal checkout, to Singapore
  await buyer.goto("/account/rfq");
  const samples = buyer.getByTestId("rfq-samples");
  await samples.getByLabel("Jumlah sampel").fill("9"); // more than a sample may be
  await samples.getByRole("button", { name: "Pesan sampel" }).click();
  await expect(buyer.getByRole("alert")).toHaveText("Sampel paling banyak 5 unit.");
  await expect(samples.getByLabel("Jumlah sampel")).toHaveValue("9");
  await samples.getByLabel("Jumlah sampel").fill("2");
  await samples.getByRole("button", { name: "Pesan sampel" }).click();
  await expect(buyer.getByTestId("sample-added")).toContainText("2 unit sampel masuk ke keranjang.");
  await buyer.getByRole("link", { name: "Lihat keranjang dan bayar" }).click();
  await expect(buyer.getByTestId("sample-tag")).toHaveText("Sampel untuk permintaan penawaran Anda");
  await buyer.getByRole("link", { name: "Lanjut ke pembayaran" }).click();
  await buyer.getByLabel("Nama penerima").fill("Tan Mei Ling");
  await buyer.getByLabel("Nomor HP").fill("+65 6123 4567");
  await buyer.getByLabel("Negara", { exact: true }).selectOption("SG");
  await buyer.getByLabel("Kota/kabupaten", { exact: true }).fill("Singapore");
  await buyer.getByLabel("Alamat lengkap").fill("8 Marina View, #20-01");
  await buyer.getByLabel("Kode pos").fill("018960");
  await buyer.getByLabel(/Transfer bank/).check();
  await buyer.getByRole("button", { name: "Periksa pesanan" }).click();
  await expect(buyer.getByTestId("checkout-total")).toBeVisible();
  await buyer.getByRole("button", { name: "Buat pesanan dan bayar dengan transfer" }).click();
  await expect(buyer.getByTestId("order-status")).toHaveText("Menunggu transfer");
  const [order] = await query<{ number: string; transferAmount: number }>(
    `SELECT o.number, o."transferAmount"::float8 AS "transferAmount" FROM "Order" o
       JOIN "OrderLine" l ON l."orderId" = o.id JOIN "QuoteRequest" r ON r.id = l."sampleRfqId"
       JOIN "BuyerCompany" c ON c.id = r."companyId" WHERE c.name = $1`,
    [company],
  );
  await staff.goto("/trade/payments");
  const card = staff.getByTestId("awaiting-transfer").filter({ hasText: order.number });
  await card.getByLabel("Jumlah yang diterima (Rp)").fill(String(order.transferAmount / 100));
  await card.getByRole("button", { name: "Konfirmasi pembayaran" }).click();
  await expect(staff.getByRole("status")).toHaveText("Pembayaran dikonfirmasi; pesanan diteruskan ke UMKM.");

  // 4. staff price a CIF quote in SGD from the landed cost
  await staff.goto("/trade/rfq");
  await staff.getByRole("link", { name: company }).first().click();
  await expect(staff.getByTestId("sample-line")).toContainText(order.number);
  await staff.getByLabel("Mata uang").selectOption("SGD");
  await staff.getByLabel("Harga UMKM per satuan").fill("100000");
  await staff.getByLabel("Dijemput dari").selectOption("63.71");
  await staff.getByLabel("Pelabuhan muat").selectOption("trisakti");
  await staff.getByLabel("Angkutan darat ke pelabuhan").fill("500000");
  await staff.getByLabel("Biaya pelabuhan dan dokumen").fill("750000");
  await staff.getByLabel("Ongkos kapal/udara").fill("1500000");
  await staff.getByRole("button", { name: "Hitung harga" }).click();
  await expect(staff.getByText(/Rincian biaya CIF untuk 20 satuan/)).toBeVisible();
  await expect(staff.getByText(/Harga per satuan: Rp.* = SGD/)).toBeVisible();
  await staff.getByRole("button", { name: "Kirim penawaran" }).click();
  await expect(staff.getByRole("status")).toHaveText("Penawaran terkirim ke pembeli.");

  // 5. the importer accepts: a lot opens, the proforma invoice is issued and the sample is credited to it
  await buyer.goto("/account/rfq");
  await expect(buyer.getByTestId("quote").first()).toContainText("SGD");
  await buyer.getByRole("button", { name: "Terima penawaran" }).click();
  await expect(buyer.getByTestId("quote-answered")).toContainText("LOT-");
  await expect(buyer.getByTestId("sample-line")).toContainText("dikreditkan");
  await expect(buyer.getByTestId("buyer-invoice")).toContainText("Tempo 30 hari");
  await expectAccessible(buyer);
  const [inv] = await query<{ lotId: string; number: string; amount: string; due: string; paid: string }>(
    `SELECT i."lotId", i.number, i.amount::text, i."dueBeforeShipment"::text AS due,
            COALESCE((SELECT sum(p.amount) FROM "BuyerPayment" p WHERE p."invoiceId" = i.id), 0)::text AS paid
       FROM "BuyerInvoice" i JOIN "BuyerCompany" c ON c.id = i."companyId" WHERE c.name = $1`,
    [company],
  );
  expect(BigInt(inv.paid)).toBeGreaterThan(0n); // the sample's credit
  const major = (minor: bigint) => `${minor / 100n}.${String(minor % 100n).padStart(2, "0")}`;

  // 6. the deposit arrives; staff record it on the lot (what the sample credit did not cover)
  await staff.goto(`/trade/lots/${inv.lotId}`);
  await expect(staff.getByTestId("lot-invoice")).toContainText(inv.number);
  await staff.getByLabel("Jumlah diterima").fill(major(BigInt(inv.due) - BigInt(inv.paid)));
  await staff.getByLabel("Referensi bank").fill(`DBS-DEP-${Date.now()}`);
  await staff.getByRole("button", { name: "Catat pembayaran" }).click();
  await expect(staff.getByRole("status")).toHaveText("Pembayaran pembeli dicatat.");
  await expect(staff.getByTestId("lot-invoice")).toContainText("Lunas: lot boleh dikapalkan.");

  // 7. the UMKM makes the lot: offers, acceptance, receipt, QC
  await staff.getByRole("button", { name: /Usulkan alokasi/ }).click();
  await expect(staff.getByRole("status")).toContainText("terpenuhi tepat");
  await staff.getByRole("button", { name: /Kirim \d+ tawaran ke UMKM/ }).click();
  await expect(staff.getByTestId("lot-status")).toHaveText("Mencari pasokan");
  const producerCtx = await browser.newContext();
  const producer = await producerCtx.newPage();
  await signIn(producer, `${product.producer}@umkm.anjung.test`);
  await producer.goto("/sell/lots");
  const offer = producer
    .getByTestId("lot-offer")
    .filter({ has: producer.getByRole("button", { name: "Terima tawaran" }) });
  for (let open = await offer.count(); open > 0; open--) {
    await offer.first().getByRole("button", { name: "Terima tawaran" }).click();
    await expect(offer).toHaveCount(open - 1);
  }
  await producerCtx.close();
  await staff.goto(`/trade/lots/${inv.lotId}`);
  await staff.getByRole("button", { name: "Mulai konsolidasi" }).click();
  await expect(staff.getByTestId("lot-status")).toHaveText("Konsolidasi");
  await pressEach(staff, "Catat penerimaan", (form) => fillBatch(form));
  await staff.getByRole("button", { name: "Mulai pemeriksaan mutu" }).click();
  await expect(staff.getByTestId("lot-status")).toHaveText("Pemeriksaan mutu");
  await pressEach(staff, "Simpan hasil QC");
  await staff.getByRole("button", { name: "Tandai siap kirim" }).click();
  await expect(staff.getByTestId("lot-status")).toHaveText("Siap kirim");

  // 8. the producer is paid for the passed units in the next payout batch, before the buyer pays the balance
  await staff.goto("/trade/payouts");
  await staff.getByRole("button", { name: /Buat batch untuk \d+ UMKM/ }).click();
  await expect(staff.getByRole("status")).toContainText("dibuat");
  const unpaid = await query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "LedgerEntry" WHERE "lotId" = $1 AND kind = 'LOT_CREDIT' AND "payoutBatchId" IS NULL`,
    [inv.lotId],
  );
  expect(unpaid[0].n).toBe(0);

  // 9. the lot ships on the deposit (tempo); the balance is due 30 days after shipment
  await staff.goto(`/trade/lots/${inv.lotId}`);
  await staff.getByRole("button", { name: "Tandai dikirim" }).click();
  await expect(staff.getByTestId("lot-status")).toHaveText("Dikirim");
  await expect(staff.getByTestId("lot-pnl")).toBeVisible();

  // 10. the receivables show the balance owed on tempo, not overdue; staff record it when it arrives
  await staff.goto("/trade/receivables");
  const row = staff.getByRole("row").filter({ hasText: company });
  await expect(row).toContainText("Tempo 30 hari");
  await expect(row).toContainText("jatuh tempo");
  await expect(row).not.toContainText("lewat jatuh tempo sejak");
  await expectAccessible(staff);
  const [left] = await query<{ owed: string }>(
    `SELECT (i.amount - COALESCE((SELECT sum(p.amount) FROM "BuyerPayment" p WHERE p."invoiceId" = i.id), 0))::text AS owed
       FROM "BuyerInvoice" i WHERE i."lotId" = $1`,
    [inv.lotId],
  );
  await staff.goto(`/trade/lots/${inv.lotId}`);
  await staff.getByLabel("Jumlah diterima").fill(major(BigInt(left.owed)));
  await staff.getByLabel("Referensi bank").fill(`DBS-BAL-${Date.now()}`);
  await staff.getByRole("button", { name: "Catat pembayaran" }).click();
  await expect(staff.getByRole("status")).toHaveText("Pembayaran pembeli dicatat.");
  await staff.goto("/trade/receivables");
  await expect(staff.getByRole("row").filter({ hasText: company })).toHaveCount(0);
  await buyerCtx.close();
  await staffCtx.close();
});
