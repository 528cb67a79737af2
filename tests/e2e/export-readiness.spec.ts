import crypto from "node:crypto";
import {
  test,
  expect,
  expectAccessible,
  clearChecklistToReady,
  downloadPdfText,
  fillBatch,
  pressEach,
  query,
  signIn,
} from "./fixtures";

/**
 * A honey lot to Malaysia: two UMKM's jars arrive with batch codes (one batch too close to
 * its expiry is refused), the label checklist keeps the lot from READY until the halal
 * evidence is attached and the rest is waived, the packing list reads back with the batches,
 * and a batch's Digital Link opens its provenance.
 */
test("a honey lot to Malaysia: batch codes, the label checklist before READY, documents and the batch trace", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // two honey UMKM of the demo catalogue, each with a barcoded jar in stock; their offers already accepted
  const jars = await query<{ variantId: string; productId: string; producerId: string; gtin: string }>(
    `SELECT DISTINCT ON (pr.id) v.id AS "variantId", p.id AS "productId", pr.id AS "producerId", v.gtin
       FROM "Variant" v JOIN "Product" p ON p.id = v."productId" JOIN "Producer" pr ON pr.id = p."producerId"
       JOIN "Category" c ON c.id = p."categoryId"
      WHERE c.slug = 'madu' AND v.gtin IS NOT NULL AND p.status = 'PUBLISHED' AND pr.status = 'VERIFIED'
      ORDER BY pr.id, p.slug LIMIT 2`,
  );
  expect(jars).toHaveLength(2);
  const tag = crypto.randomBytes(4).toString("hex").toUpperCase();
  const code = `LOT-E2E-${tag}`;
  const [lot] = await query<{ id: string }>(
    `INSERT INTO "ExportLot" (id, code, "productId", "targetQuantity", unit, "destinationCountry", "destinationPort",
        incoterm, "unitPriceAmount", currency, "producerPriceAmount", "unitsPerPackage", status, "updatedAt")
     VALUES ($1, $2, $3, 20, 'toples', 'MY', 'Port Klang', 'FOB', 2500, 'USD', 15000000, 10, 'SOURCING', now()) RETURNING id`,
    [`e2e-lot-${tag}`, code, jars[0].productId],
  );
  for (const [i, j] of jars.entries())
    await query(
      `INSERT INTO "LotAllocation" (id, "lotId", "producerId", "variantId", quantity, "producerPriceAmount", status, "updatedAt")
       VALUES ($1, $2, $3, $4, $5, 15000000, 'ACCEPTED', now())`,
      [`e2e-al-${tag}-${i}`, lot.id, j.producerId, j.variantId, i === 0 ? 12 : 8],
    );

  const staffCtx = await browser.newContext();
  const staff = await staffCtx.newPage();
  await signIn(staff, "admin@anjung.test");

  // 1. staff see Malaysia's rules on the destination page (seeded: 180 days, halal logo for food)
  await staff.goto("/trade/destinations");
  await expect(staff.getByTestId("shelf-rules")).toContainText("Malaysia: paling sedikit 180 hari");
  await expect(staff.getByTestId("requirements")).toContainText("Logo halal");
  await expectAccessible(staff);

  // 2. receipt: a batch with 90 days left is refused and what was typed stays; the right batches go in
  await staff.goto(`/trade/lots/${lot.id}`);
  await staff.getByRole("button", { name: "Mulai konsolidasi" }).click();
  await expect(staff.getByTestId("lot-status")).toHaveText("Konsolidasi");
  const first = staff
    .locator("form")
    .filter({ has: staff.getByRole("button", { name: "Catat penerimaan" }) })
    .first();
  await fillBatch(first, "KL-SHORT", 90);
  await first.getByRole("button", { name: "Catat penerimaan" }).click();
  await expect(staff.getByRole("alert")).toContainText("Masa simpan tinggal 90 hari");
  await expect(staff.getByLabel("Kode batch produksi").first()).toHaveValue("KL-SHORT");
  let n = 0;
  await pressEach(staff, "Catat penerimaan", (form) => fillBatch(form, `KL-${tag}-${++n}`, 400));
  await expect(staff.getByTestId("batch")).toHaveCount(2);
  await staff.getByRole("button", { name: "Mulai pemeriksaan mutu" }).click();
  await expect(staff.getByTestId("lot-status")).toHaveText("Pemeriksaan mutu");
  await pressEach(staff, "Simpan hasil QC");

  // 3–4. READY is refused while the checklist is open; the halal photo goes in, the rest is waived
  await clearChecklistToReady(staff);

  // 5. the packing list reads back with each producer's batch and expiry
  const text = await downloadPdfText(staff, "Packing list dengan kode QR (PDF)");
  expect(text).toContain("Batches and expiry by producer");
  expect(text).toContain(`KL-${tag}-1`);
  expect(text).toContain(`KL-${tag}-2`);
  expect(text).toContain("Port Klang");

  // 6. the carton plan: 12 + 8 jars in 24-jar cartons is one carton each, LCL; one shipping mark per carton
  await expect(staff.getByTestId("carton-totals")).toContainText("Total 2 karton");
  await expect(staff.getByTestId("container-advice")).toContainText("LCL");
  const labels = (await downloadPdfText(staff, /Shipping mark/)).trim().split("\n");
  expect(labels).toHaveLength(2);
  expect(labels[0]).toContain("CARTON 1 OF 2");
  expect(labels[1]).toContain("CARTON 2 OF 2");
  expect(labels[1]).toContain(`BATCH: KL-${tag}-`);
  await staffCtx.close();

  // 7. anyone scanning a jar's Digital Link sees where its batch came from
  const visitorCtx = await browser.newContext();
  const visitor = await visitorCtx.newPage();
  const [jar] = await query<{ gtin: string; batchCode: string }>(
    `SELECT v.gtin, a."batchCode" FROM "LotAllocation" a JOIN "Variant" v ON v.id = a."variantId" WHERE a."lotId" = $1 ORDER BY a.quantity DESC LIMIT 1`,
    [lot.id],
  );
  await visitor.goto(`/en/01/${jar.gtin.padStart(14, "0")}/10/${jar.batchCode}`);
  await expect(visitor.getByTestId("batch-code")).toHaveText(jar.batchCode);
  await expect(visitor.getByTestId("batch-shipments")).toContainText("12 jars to Malaysia");
  await expectAccessible(visitor);
  await visitor.getByRole("link", { name: `Provenance of lot ${code}` }).click();
  await expect(visitor.getByTestId("provenance-batch").first()).toContainText("KL-");
  await visitorCtx.close();
});
