import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { gtinCheckDigit } from "~/domain/catalogue/gtin";
import { batchProvenance, setShelfLifeRule } from "~/domain/trade/batches.server";
import { addEvidence, addRequirement, lotChecklist, waiveRequirement } from "~/domain/trade/checklist.server";
import { lotCartonPlan, shippingMarks } from "~/domain/trade/cartons.server";
import { exportDocument } from "~/domain/trade/documents.server";
import { changeLotStatus, createLot, recordQc, recordReceipt } from "~/domain/trade/lots.server";
import { lotProvenance } from "~/domain/trade/provenance.server";
import { action as lotPageAction } from "~/routes/($lang).trade.lots.$id/route";
import { loader as digitalLinkLoader } from "~/routes/($lang).01.$gtin.10.$batch";
import { createProduct, createUser, signedInCookie } from "../helpers/fixtures";
import { multipartRequest, pdfBytes, pdfText, photoPng } from "../helpers/files";
import { CSRF, formRequest, thrown, unwrap } from "../helpers/http";

const DAY = 86_400_000;
const inDays = (n: number) =>
  new Date(`${new Date(Date.now() + 7 * 3_600_000 + n * DAY).toISOString().slice(0, 10)}T00:00:00Z`);
const ymd = (d: Date) => d.toISOString().slice(0, 10);
const settle = <T>(ps: Array<Promise<T>>) => Promise.allSettled(ps);

/** A honey lot to `country` whose two producers have accepted their share (12 + 8 jars). */
async function acceptedHoneyLot(country: string, gtin: string | null = null) {
  await db.category.upsert({
    where: { slug: "madu" },
    update: { isFood: true },
    create: { slug: "madu", nameId: "Madu", nameEn: "Honey", isFood: true },
  });
  const staff = await createUser({ roles: ["STAFF"] });
  const { product, producer } = await createProduct({
    nameId: "Madu kelulut",
    nameEn: "Kelulut honey",
    category: { slug: "madu", nameId: "Madu", nameEn: "Honey" },
  });
  await db.producer.update({ where: { id: producer.id }, data: { provenanceConsent: true } });
  const variant = await db.variant.findFirstOrThrow({ where: { productId: product.id } });
  await db.variant.update({ where: { id: variant.id }, data: { stock: 100, gtin } });
  const lot = await createLot(staff.id, {
    productId: product.id,
    categoryId: null,
    grade: null,
    packaging: null,
    targetQuantity: 20,
    unit: "jar",
    destinationCountry: country,
    destinationPort: "Port Klang",
    incoterm: "FOB",
    unitPriceAmount: 2500n,
    currency: "USD",
    producerPriceAmount: 150_000_00n,
    unitsPerPackage: 10,
    companyId: null,
  });
  const allocations = [];
  for (const quantity of [12, 8])
    allocations.push(
      await db.lotAllocation.create({
        data: {
          lotId: lot.id,
          producerId: producer.id,
          variantId: variant.id,
          quantity,
          producerPriceAmount: 150_000_00n,
          status: "ACCEPTED",
        },
      }),
    );
  await changeLotStatus(staff.id, lot.id, "SOURCING");
  await changeLotStatus(staff.id, lot.id, "CONSOLIDATING");
  return { staff, lot, product, producer, variant, allocations };
}

describe("batch codes for food", () => {
  it("receipt asks food for its batch and refuses a shelf life too short for the destination", async () => {
    const { staff, allocations } = await acceptedHoneyLot("MY");
    const [a, b] = allocations;
    await setShelfLifeRule(staff.id, "MY", 180);

    await expect(recordReceipt(staff.id, a.id, 12)).rejects.toMatchObject({ key: "batches.refused.missing" });
    await expect(
      recordReceipt(staff.id, a.id, 12, { code: "MK-2611-07", expiresOn: inDays(120) }),
    ).rejects.toMatchObject({ key: "batches.refused.shelfLife", params: { days: 120, min: 180 } });
    await expect(
      recordReceipt(staff.id, a.id, 12, { code: "MK-2611-07", expiresOn: inDays(-3) }),
    ).rejects.toMatchObject({ key: "batches.refused.expired", params: { days: 3 } });
    // refused receipts changed nothing
    expect(await db.lotAllocation.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      status: "ACCEPTED",
      batchCode: null,
      expiresOn: null,
    });

    // the staff-set rule is what decides: 150 days passes once Malaysia asks 120
    await setShelfLifeRule(staff.id, "MY", 120);
    await recordReceipt(staff.id, a.id, 12, { code: "MK-2611-07", expiresOn: inDays(150) });
    expect(await db.lotAllocation.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      status: "RECEIVED",
      batchCode: "MK-2611-07",
      expiresOn: inDays(150),
    });
    expect(await db.auditLog.count({ where: { action: "settings.shelfLife", entityId: "MY" } })).toBe(2);

    // the same receipt sent 10 times at once is recorded once
    const results = await settle(
      Array.from({ length: 10 }, (_, i) =>
        recordReceipt(staff.id, b.id, 8, { code: `MK-2611-${10 + i}`, expiresOn: inDays(200) }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect(r.reason).toMatchObject({ key: "lots.refused.notAccepted" });
    expect(await db.auditLog.count({ where: { action: "lot.received", entityId: b.id } })).toBe(1);
  });

  it("the packing list, the provenance page and the Digital Link trace each batch to its producer", async () => {
    const gtin = "8991234567891";
    const { staff, lot, producer, allocations } = await acceptedHoneyLot("SG", gtin);
    const [a, b] = allocations;
    await recordReceipt(staff.id, a.id, 12, { code: "KL-A1", expiresOn: new Date("2028-03-31T00:00:00Z") });
    await recordReceipt(staff.id, b.id, 8, { code: "KL-B2", expiresOn: new Date("2028-04-30T00:00:00Z") });
    await recordQc(staff.id, a.id, 12, "", []);
    await recordQc(staff.id, b.id, 8, "", []);

    const pl = await exportDocument(lot.id, "packing-list");
    const text = await pdfText(pl!.pdf);
    expect(text).toContain("Batches and expiry by producer");
    expect(text).toMatch(/KL-A1\s+2028-03-31\s+12/);
    expect(text).toMatch(/KL-B2\s+2028-04-30\s+8/);
    expect(text).toMatch(new RegExp(`/01/0${gtin}/10/\\s*KL-A1`));
    expect(text).toMatch(/QR KL-A1.*QR KL-B2/s);

    const provenance = await lotProvenance(lot.code, "en");
    expect(provenance!.producers[0].batches).toEqual([
      { code: "KL-A1", expiresOn: "2028-03-31" },
      { code: "KL-B2", expiresOn: "2028-04-30" },
    ]);

    // the link in the 14-digit form and the stored 13-digit form both resolve; a wrong batch does not
    const traced = await batchProvenance(`0${gtin}`, "KL-B2", "en");
    expect(traced).toMatchObject({ gtin: `0${gtin}`, batchCode: "KL-B2", product: "Kelulut honey" });
    expect(traced!.shipments).toEqual([
      expect.objectContaining({
        lotCode: lot.code,
        quantity: 8,
        expiresOn: new Date("2028-04-30T00:00:00Z"),
        producer: { name: producer.legalName, slug: producer.slug },
      }),
    ]);
    const page = (await digitalLinkLoader({
      request: new Request(`http://localhost/01/0${gtin}/10/KL-A1`),
      params: { gtin: `0${gtin}`, batch: "KL-A1" },
      context: {},
    })) as { batch: { shipments: Array<{ quantity: number }> } };
    expect(page.batch.shipments[0].quantity).toBe(12);
    for (const [g, batch] of [
      [`0${gtin}`, "KL-C3"],
      ["08991234567890", "KL-A1"], // a wrong check digit
      ["abc", "KL-A1"],
    ])
      expect(
        (
          await thrown(
            digitalLinkLoader({ request: new Request("http://localhost/"), params: { gtin: g, batch }, context: {} }),
          )
        ).status,
      ).toBe(404);

    // without the producer's consent the batch names only its kabupaten
    await db.producer.update({ where: { id: producer.id }, data: { provenanceConsent: false } });
    expect((await batchProvenance(gtin, "KL-A1", "id"))!.shipments[0].producer).toBeNull();
  });

  it("the lot page's receipt form keeps what was typed and says why it was refused", async () => {
    const { staff, lot, allocations } = await acceptedHoneyLot("MY");
    await setShelfLifeRule(staff.id, "MY", 180);
    const cookie = await signedInCookie(staff.id);
    const post = async (fields: Record<string, string>) =>
      unwrap(
        await lotPageAction({
          request: formRequest(
            `/trade/lots/${lot.id}`,
            { intent: "receive", allocationId: allocations[0].id, ...fields },
            { cookie },
          ),
          params: { id: lot.id },
          context: {},
        }),
      );
    const bad = await post({ received: "12", batchCode: "MK 26<b>", expiresOn: ymd(inDays(300)) });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      fieldErrors: { batchCode: "batches.errors.code" },
      values: { batchCode: "MK 26<b>" },
    });
    const half = await post({ received: "12", batchCode: "MK-1", expiresOn: "" });
    expect(half.body).toMatchObject({ fieldErrors: { expiresOn: "batches.errors.both" } });
    const short = await post({ received: "12", batchCode: "MK-1", expiresOn: ymd(inDays(30)) });
    expect(short.status).toBe(409);
    expect(short.body).toMatchObject({ formError: "batches.refused.shelfLife", params: { days: 30, min: 180 } });
    expect((await db.lotAllocation.findUniqueOrThrow({ where: { id: allocations[0].id } })).status).toBe("ACCEPTED");
    const ok = await post({ received: "12", batchCode: "MK-1", expiresOn: ymd(inDays(181)) });
    expect(ok.body).toMatchObject({ ok: true, done: "receive" });
  });
});

describe("carton plan and shipping marks", () => {
  it("plans cartons per producer share, advises the container and prints one label per carton", async () => {
    const gtin = `899765432101${gtinCheckDigit("899765432101")}`;
    const { staff, lot, variant, producer, allocations } = await acceptedHoneyLot("SG", gtin);
    // 24 jars of 350 g to a 40×30×25 cm carton weighing 9.0 kg full (a 600 g carton)
    await db.variant.update({
      where: { id: variant.id },
      data: {
        weightGrams: 350,
        cartonUnits: 24,
        cartonLengthCm: 40,
        cartonWidthCm: 30,
        cartonHeightCm: 25,
        cartonGrossGrams: 9000,
      },
    });
    await db.exportLot.update({ where: { id: lot.id }, data: { targetQuantity: 50 } });
    await db.lotAllocation.update({ where: { id: allocations[0].id }, data: { quantity: 42 } });
    const plan = (await lotCartonPlan(lot.id))!;
    expect(plan.lines.map((l) => [l.quantity, l.cartons, l.first, l.last])).toEqual([
      [42, 2, 1, 2],
      [8, 1, 3, 3],
    ]);
    expect(plan.totals).toMatchObject({ cartons: 3, netKg: 17.5, grossKg: 17.5 + 3 * 0.6, volumeM3: 0.09, unknown: 0 });
    expect(plan.container.advice).toBe("LCL");

    // after receipt the plan follows what arrived; labels carry the batch and its Digital Link
    await recordReceipt(staff.id, allocations[0].id, 42, { code: "KL-A1", expiresOn: inDays(400) });
    await recordReceipt(staff.id, allocations[1].id, 5, { code: "KL-B2", expiresOn: inDays(400) });
    const marks = (await shippingMarks(lot.id))!;
    expect(marks.filename).toBe(`${lot.code}-shipping-marks.pdf`);
    const pages = (await pdfText(marks.pdf)).trim().split("\n");
    expect(pages).toHaveLength(3);
    expect(pages[0]).toContain("CARTON 1 OF 3");
    expect(pages[0]).toContain("QTY: 24 jar");
    expect(pages[1]).toMatch(/QTY: 18 jar\s+NET: 6\.30 kg\s+GROSS: 6\.90 kg/);
    expect(pages[2]).toContain("CARTON 3 OF 3");
    expect(pages[2]).toContain("BATCH: KL-B2");
    expect(pages[2]).toContain(`MADE BY: ${producer.legalName}`);
    expect(pages[2]).toContain("PORT OF DISCHARGE: Port Klang Singapore");
    expect(pages[2]).toMatch(new RegExp(`/01/0${gtin}/10/\\s*KL-B2`));
    expect(pages[2]).toContain("MADE IN INDONESIA");

    // the packing list counts the same cartons and gross weight
    await recordQc(staff.id, allocations[0].id, 42, "", []);
    await recordQc(staff.id, allocations[1].id, 5, "", []);
    const pl = await pdfText((await exportDocument(lot.id, "packing-list"))!.pdf);
    expect(pl).toContain("Total: 3 packages, 47 jar, net 16.45 kg, gross 18.25 kg");
  });
});

describe("packaging and label checklist", () => {
  it("READY waits until every requirement of the destination is met with evidence or waived", async () => {
    const { staff, lot, allocations } = await acceptedHoneyLot("BN");
    const halal = await addRequirement(staff.id, {
      country: "BN",
      scope: "FOOD",
      categoryId: null,
      titleId: "Logo halal MUIB",
      titleEn: "MUIB halal logo",
    });
    const label = await addRequirement(staff.id, {
      country: "BN",
      scope: "ALL",
      categoryId: null,
      titleId: "Label bahasa Melayu",
      titleEn: "Malay label",
    });
    // not for this lot: another country, non-food goods, and another category
    const rattan = await db.category.upsert({
      where: { slug: "anyaman-rotan" },
      update: {},
      create: { slug: "anyaman-rotan", nameId: "Anyaman rotan", nameEn: "Rattan weaving" },
    });
    const elsewhere = await addRequirement(staff.id, {
      country: "MY",
      scope: "ALL",
      categoryId: null,
      titleId: "X",
      titleEn: "X",
    });
    await addRequirement(staff.id, { country: "BN", scope: "NON_FOOD", categoryId: null, titleId: "Y", titleEn: "Y" });
    await addRequirement(staff.id, {
      country: "BN",
      scope: "ALL",
      categoryId: rattan.id,
      titleId: "Fumigasi",
      titleEn: "Fumigation",
    });
    expect((await lotChecklist(lot.id)).map((i) => [i.id, i.state])).toEqual([
      [halal.id, "open"],
      [label.id, "open"],
    ]);

    for (const a of allocations)
      await recordReceipt(staff.id, a.id, a.quantity, { code: "BN-1", expiresOn: inDays(400) });
    for (const a of allocations) await recordQc(staff.id, a.id, a.quantity, "", []);
    await changeLotStatus(staff.id, lot.id, "QC");
    await expect(changeLotStatus(staff.id, lot.id, "READY")).rejects.toMatchObject({
      key: "checklist.refused.open",
      params: { count: 2 },
    });

    // through the lot page: a file that is not a photo or a PDF is refused and changes nothing
    const cookie = await signedInCookie(staff.id);
    const upload = async (bytes: Buffer, type: string) =>
      unwrap(
        await lotPageAction({
          request: multipartRequest(
            `/trade/lots/${lot.id}`,
            { intent: "evidence", requirementId: halal.id },
            [{ field: "evidence", name: "halal", type, bytes }],
            cookie,
            CSRF,
          ),
          params: { id: lot.id },
          context: {},
        }),
      );
    const refused = await upload(Buffer.from("MZ not a document"), "application/octet-stream");
    expect(refused).toMatchObject({ status: 415, body: { formError: "workErrors.scan_not-a-document" } });
    expect(await db.lotRequirementCheck.count({ where: { lotId: lot.id } })).toBe(0);
    // a requirement of another country cannot be answered for this lot
    await expect(addEvidence(staff.id, lot.id, elsewhere.id, await photoPng())).rejects.toMatchObject({
      key: "checklist.refused.notFound",
    });

    expect(await upload(await photoPng(), "image/png")).toMatchObject({ body: { ok: true, done: "evidence" } });
    await expect(changeLotStatus(staff.id, lot.id, "READY")).rejects.toMatchObject({ params: { count: 1 } });

    // a waiver needs a reason
    const noReason = unwrap(
      await lotPageAction({
        request: formRequest(
          `/trade/lots/${lot.id}`,
          { intent: "waive", requirementId: label.id, reason: " " },
          { cookie },
        ),
        params: { id: lot.id },
        context: {},
      }),
    );
    expect(noReason.body).toMatchObject({ fieldErrors: { reason: "checklist.errors.reason" } });
    // 20 answers to the same item at once (evidence and waivers): none fails, one answer stands.
    // The pool's connections are opened first, so that the answers really overlap.
    await Promise.all(Array.from({ length: 5 }, () => db.$executeRaw`SELECT pg_sleep(0.05)`));
    const answers = await settle(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? waiveRequirement(staff.id, lot.id, label.id, `Importir menempel label Melayu (${i})`)
          : addEvidence(staff.id, lot.id, label.id, pdfBytes()),
      ),
    );
    expect(answers.filter((r) => r.status === "rejected")).toEqual([]);
    expect(await db.lotRequirementCheck.count({ where: { lotId: lot.id, requirementId: label.id } })).toBe(1);
    expect(
      await db.auditLog.count({
        where: { entityId: lot.id, action: { in: ["lot.checklist-waived", "lot.checklist-evidence"] } },
      }),
    ).toBe(21);

    await changeLotStatus(staff.id, lot.id, "READY");
    expect((await db.exportLot.findUniqueOrThrow({ where: { id: lot.id } })).status).toBe("READY");
    expect((await lotChecklist(lot.id)).every((i) => i.state !== "open")).toBe(true);
  });

  it("only staff answer checklist items", async () => {
    const { lot } = await acceptedHoneyLot("BN");
    const req = await db.labelRequirement.create({ data: { country: "BN", scope: "ALL", titleId: "Z", titleEn: "Z" } });
    const buyer = await createUser();
    const res = await thrown(
      lotPageAction({
        request: formRequest(
          `/trade/lots/${lot.id}`,
          { intent: "waive", requirementId: req.id, reason: "tidak perlu" },
          { cookie: await signedInCookie(buyer.id) },
        ),
        params: { id: lot.id },
        context: {},
      }),
    );
    expect(res.status).toBe(403);
    expect(await db.lotRequirementCheck.count({ where: { lotId: lot.id } })).toBe(0);
  });
});
