import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import * as profile from "~/routes/($lang).sell.profile";
import * as certificates from "~/routes/($lang).sell.certificates";
import * as newProduct from "~/routes/($lang).sell.products.new";
import * as editProduct from "~/routes/($lang).sell.products.$id";
import * as verification from "~/routes/($lang).trade.verification";
import * as tradeProducer from "~/routes/($lang).trade.producers.$id";
import { sendExpiryReminders } from "~/domain/certification/certificates.server";
import { certificateSchema } from "~/domain/certification/schemas";
import { producerProfileSchema } from "~/domain/producers/schemas";
import { ensureIndex } from "../../search/indexing";
import { drainJobs } from "~/jobs/worker.server";
import { getMeili, indexName } from "../../search/client";
import { createUser, signedInCookie } from "../helpers/fixtures";
import { CSRF, formRequest, thrown, unwrap } from "../helpers/http";
import { bigFile, multipartRequest, pdfBytes, photoJpeg, photoPng, pngBomb } from "../helpers/files";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "anjung-portal-"));
process.env.DATA_DIR = dataDir;
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const ctx = { ip: "203.0.113.9" };
const profileFields = (nib: string, extra: Record<string, string> = {}) => ({
  legalName: "Kelompok Purun Bangkau Maju",
  nib,
  scale: "MIKRO",
  regencyCode: "63.06",
  address: "Desa Bangkau, Kandangan",
  storyId: "Penganyam purun dari Danau Bangkau.",
  contactName: "Siti",
  contactPhone: "+62 812 5555 1234",
  contactEmail: "purun@example.test",
  bankAccountNo: "0012-3456-789",
  provenanceConsent: "on",
  ...extra,
});

async function producerUser(email: string) {
  const user = await createUser({ email, roles: ["BUYER", "PRODUCER"] });
  return { user, cookie: await signedInCookie(user.id) };
}

async function registered(email: string, nib: string) {
  const p = await producerUser(email);
  const r = unwrap(
    await profile.action({
      request: formRequest("/sell/profile", profileFields(nib), { cookie: p.cookie }),
      params: {},
      context: ctx,
    }),
  );
  expect(r.status).toBe(302);
  const producer = await db.producer.findFirstOrThrow({ where: { nib } });
  return { ...p, producer };
}

let staffCookie: string;
let staffId: string;
beforeAll(async () => {
  await ensureIndex();
  const staff = await createUser({ roles: ["STAFF"] });
  staffId = staff.id;
  staffCookie = await signedInCookie(staff.id);
  await db.category.create({ data: { slug: "madu", nameId: "Madu", nameEn: "Honey", isFood: true } });
  await db.category.create({ data: { slug: "anyaman-purun", nameId: "Anyaman purun", nameEn: "Purun weaving" } });
});

describe("validation", () => {
  it("checks the NIB and every certificate number format", () => {
    const base = profileFields("1234567890123");
    expect(producerProfileSchema.safeParse(base).success).toBe(true);
    for (const bad of ["123", "12345678901234", "12345678901ab"]) {
      const r = producerProfileSchema.safeParse({ ...base, nib: bad });
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]).toMatchObject({ path: ["nib"], message: "workErrors.nib" });
    }
    expect(producerProfileSchema.safeParse({ ...base, regencyCode: "99.99" }).success).toBe(false);
    // a producer without an email (phone-first) may leave it empty; a malformed one is refused
    expect(producerProfileSchema.parse({ ...base, contactEmail: " " }).contactEmail).toBeNull();
    expect(producerProfileSchema.safeParse({ ...base, contactEmail: "sari@" }).error?.issues[0]).toMatchObject({
      path: ["contactEmail"],
      message: "errors.email",
    });
    const cert = (type: string, number: string) =>
      certificateSchema.safeParse({ type, number, issuer: "Dinkes", issuedAt: "2025-01-10", expiresAt: "2028-01-10" });
    expect(cert("PIRT", "206630601234567").success).toBe(true);
    expect(cert("PIRT", "20663060123456").error?.issues[0].message).toBe("workErrors.certNumber_PIRT");
    expect(cert("BPOM_MD", "MD123456789012").success).toBe(true);
    expect(cert("BPOM_MD", "ML123456789012").success).toBe(false);
    expect(cert("BPOM_ML", "ML123456789012").success).toBe(true);
    expect(cert("HALAL", "ID63110000123450223").success).toBe(true);
    expect(cert("HALAL", "63110000123450223").success).toBe(false);
    expect(
      certificateSchema.safeParse({
        type: "PIRT",
        number: "206630601234567",
        issuer: "X",
        issuedAt: "2025-01-10",
        expiresAt: "2024-01-10",
      }).error?.issues[0].message,
    ).toBe("workErrors.expiryBeforeIssue");
  });
});

describe("onboarding", () => {
  it("creates a pending producer with its NIB certificate, audited; a second NIB use is refused", async () => {
    const { producer, user } = await registered("a@example.test", "6301000000001");
    expect(producer).toMatchObject({ status: "PENDING", provinceCode: "63", bankAccountNo: "00123456789" });
    expect(await db.certification.count({ where: { producerId: producer.id, type: "NIB", status: "PENDING" } })).toBe(
      1,
    );
    expect(
      await db.auditLog.count({ where: { entityId: producer.id, action: "producer.registered", actorId: user.id } }),
    ).toBe(1);

    const other = await producerUser("b@example.test");
    const r = unwrap(
      await profile.action({
        request: formRequest("/sell/profile", profileFields("6301000000001"), { cookie: other.cookie }),
        params: {},
        context: ctx,
      }),
    );
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({
      fieldErrors: { nib: "workErrors.nibTaken" },
      values: { legalName: "Kelompok Purun Bangkau Maju" },
    });
    expect(await db.producer.count({ where: { nib: "6301000000001" } })).toBe(1);
  });
});

describe("certificates", () => {
  it("takes a scan (image or PDF), refuses other files and oversized ones, and stores nothing for a refusal", async () => {
    const { producer, cookie } = await registered("c@example.test", "6301000000002");
    const fields = {
      type: "PIRT",
      number: "206330601234567",
      issuer: "Dinkes HSS",
      issuedAt: "2025-02-01",
      expiresAt: "2030-02-01",
    };
    const send = (bytes: Buffer, name: string, type: string, f = fields) =>
      certificates.action({
        request: multipartRequest("/sell/certificates", f, [{ field: "scan", name, type, bytes }], cookie, CSRF),
        params: {},
        context: ctx,
      });

    const before = fs.existsSync(path.join(dataDir, "documents"))
      ? fs.readdirSync(path.join(dataDir, "documents")).length
      : 0;
    const notDoc = unwrap(await send(Buffer.from("hello, I am text"), "scan.jpg", "image/jpeg"));
    expect(notDoc.status).toBe(415);
    expect(notDoc.body).toMatchObject({ fieldErrors: { scan: "workErrors.scan_not-a-document" } });
    const tooBig = unwrap(await send(bigFile(), "scan.jpg", "image/jpeg"));
    expect(tooBig.status).toBe(413);
    const after = fs.existsSync(path.join(dataDir, "documents"))
      ? fs.readdirSync(path.join(dataDir, "documents")).length
      : 0;
    expect(after).toBe(before);
    expect(await db.certification.count({ where: { producerId: producer.id, type: "PIRT" } })).toBe(0);

    expect(unwrap(await send(pdfBytes(), "pirt.pdf", "application/pdf")).status).toBe(302);
    const halal = {
      type: "HALAL",
      number: "ID63110000123450223",
      issuer: "BPJPH",
      issuedAt: "2025-02-01",
      expiresAt: "2029-02-01",
    };
    expect(unwrap(await send(await photoPng(), "halal.png", "image/png", halal)).status).toBe(302);
    expect(await db.certification.count({ where: { producerId: producer.id, status: "PENDING" } })).toBe(3);
  });

  it("goes through staff: reject with a reason the producer sees, resubmit, verify; every decision audited", async () => {
    const { producer, cookie } = await registered("d@example.test", "6301000000003");
    const fields = {
      type: "PIRT",
      number: "206330601234568",
      issuer: "Dinkes",
      issuedAt: "2025-02-01",
      expiresAt: "2030-02-01",
    };
    await certificates.action({
      request: multipartRequest(
        "/sell/certificates",
        fields,
        [{ field: "scan", name: "p.pdf", type: "application/pdf", bytes: pdfBytes() }],
        cookie,
        CSRF,
      ),
      params: {},
      context: ctx,
    });
    const cert = await db.certification.findFirstOrThrow({ where: { producerId: producer.id, type: "PIRT" } });

    const queue = unwrap(
      await verification.loader({
        request: formRequest("/trade/verification", {}, { cookie: staffCookie }),
        params: {},
        context: ctx,
      }),
    ).body as Awaited<ReturnType<typeof verification.loader>>;
    expect(queue.certificates.map((c) => c.id)).toContain(cert.id);
    expect(queue.producers.map((p) => p.id)).toContain(producer.id);

    // a reason is required to reject
    expect(
      unwrap(
        await verification.action({
          request: formRequest(
            "/trade/verification",
            { kind: "certificate", id: cert.id, decision: "reject" },
            { cookie: staffCookie },
          ),
          params: {},
          context: ctx,
        }),
      ).status,
    ).toBe(400);
    await verification.action({
      request: formRequest(
        "/trade/verification",
        { kind: "certificate", id: cert.id, decision: "reject", reason: "Pindaian buram" },
        { cookie: staffCookie },
      ),
      params: {},
      context: ctx,
    });
    const seen = unwrap(
      await certificates.loader({
        request: formRequest("/sell/certificates", {}, { cookie }),
        params: {},
        context: ctx,
      }),
    ).body as Awaited<ReturnType<typeof certificates.loader>>;
    expect(seen.certificates.find((c) => c.id === cert.id)).toMatchObject({
      status: "REJECTED",
      rejectReason: "Pindaian buram",
    });

    const resend = multipartRequest(
      "/sell/certificates",
      { ...fields, resubmitId: cert.id },
      [{ field: "scan", name: "p.pdf", type: "application/pdf", bytes: pdfBytes() }],
      cookie,
      CSRF,
    );
    expect(unwrap(await certificates.action({ request: resend, params: {}, context: ctx })).status).toBe(302);
    expect((await db.certification.findUniqueOrThrow({ where: { id: cert.id } })).status).toBe("PENDING");

    await verification.action({
      request: formRequest(
        "/trade/verification",
        { kind: "certificate", id: cert.id, decision: "verify" },
        { cookie: staffCookie },
      ),
      params: {},
      context: ctx,
    });
    await verification.action({
      request: formRequest(
        "/trade/verification",
        { kind: "producer", id: producer.id, decision: "verify" },
        { cookie: staffCookie },
      ),
      params: {},
      context: ctx,
    });
    expect((await db.certification.findUniqueOrThrow({ where: { id: cert.id } })).status).toBe("VERIFIED");
    expect((await db.producer.findUniqueOrThrow({ where: { id: producer.id } })).status).toBe("VERIFIED");
    expect(await db.certification.count({ where: { producerId: producer.id, type: "NIB", status: "VERIFIED" } })).toBe(
      1,
    );

    const actions = (
      await db.auditLog.findMany({
        where: { actorId: staffId, entityId: { in: [cert.id, producer.id] } },
        orderBy: { createdAt: "asc" },
      })
    ).map((a) => [a.action, a.before, a.after]);
    expect(actions).toEqual([
      [
        "certification.rejected",
        { status: "PENDING" },
        expect.objectContaining({ status: "REJECTED", reason: "Pindaian buram" }),
      ],
      ["certification.verified", { status: "PENDING" }, expect.objectContaining({ status: "VERIFIED" })],
      ["producer.verify", { status: "PENDING", reviewNote: null }, expect.objectContaining({ status: "VERIFIED" })],
    ]);
    // a decided certificate cannot be decided again
    expect(
      unwrap(
        await verification.action({
          request: formRequest(
            "/trade/verification",
            { kind: "certificate", id: cert.id, decision: "verify" },
            { cookie: staffCookie },
          ),
          params: {},
          context: ctx,
        }),
      ).status,
    ).toBe(409);

    // the history shows on the producer's page for staff
    const page = unwrap(
      await tradeProducer.loader({
        request: formRequest("/", {}, { cookie: staffCookie }),
        params: { id: producer.id },
        context: ctx,
      }),
    ).body as Awaited<ReturnType<typeof tradeProducer.loader>>;
    expect(page.history.map((h) => h.action)).toEqual(
      expect.arrayContaining([
        "producer.verify",
        "certification.rejected",
        "certification.resubmitted",
        "producer.registered",
      ]),
    );
  });

  it("reminds producers 30 days before a certificate expires, once", async () => {
    const { producer } = await registered("e@example.test", "6301000000004");
    await db.certification.create({
      data: {
        producerId: producer.id,
        type: "HALAL",
        number: "ID63000000000000009",
        issuer: "BPJPH",
        issuedAt: new Date("2024-01-01"),
        expiresAt: new Date(Date.now() + 20 * 86_400_000),
        status: "VERIFIED",
      },
    });
    expect(await sendExpiryReminders()).toBe(1);
    expect(await sendExpiryReminders()).toBe(0);
    expect(
      await db.outboundMail.count({
        where: { kind: "certificate-expiry", to: { in: ["purun@example.test", "e@example.test"] } },
      }),
    ).toBe(2);
  });
});

describe("products", () => {
  const productFields = (categoryId: string, sku: string, extra: Record<string, string> = {}) => ({
    intent: "save",
    nameId: "Madu kelulut hutan Bangkau",
    nameEn: "Bangkau forest kelulut honey",
    descriptionId: "Madu kelulut dari hutan rawa.",
    descriptionEn: "Kelulut honey from swamp forest.",
    categoryId,
    unit: "botol",
    weightGrams: "350",
    "variants[0].sku": sku,
    "variants[0].nameId": "Botol 250 ml",
    "variants[0].nameEn": "250 ml bottle",
    "variants[0].price": "125000",
    "variants[0].stock": "40",
    "variants[0].minOrderQty": "1",
    "variants[0].tier1Qty": "10",
    "variants[0].tier1Price": "110000",
    "variants[1].sku": "",
    ...extra,
  });

  it("a variant's GTIN is checked by its check digit and names one variant only", async () => {
    const { producer, cookie } = await registered("gtin@example.test", "6301000000099");
    const madu = await db.category.findUniqueOrThrow({ where: { slug: "madu" } });
    const create = (sku: string, gtin: string, who = cookie) =>
      newProduct
        .action({
          request: formRequest("/sell/products/new", productFields(madu.id, sku, { "variants[0].gtin": gtin }), {
            cookie: who,
          }),
          params: {},
          context: ctx,
        })
        .then(unwrap);
    // one digit off: refused on the field, what was typed kept, nothing saved
    const typo = await create("GT-001", "899 1234 56789-4");
    expect(typo.status).toBe(400);
    expect(typo.body).toMatchObject({
      fieldErrors: { "variants.0.gtin": "workErrors.gtin" },
      values: { "variants[0].gtin": "899 1234 56789-4" },
    });
    expect(await db.product.count({ where: { producerId: producer.id } })).toBe(0);

    expect((await create("GT-001", "899 1234 56789-1")).status).toBe(302);
    expect(await db.variant.findUniqueOrThrow({ where: { sku: "GT-001" } })).toMatchObject({ gtin: "8991234567891" });
    // the same number on another variant, another producer's too: refused by name, not as a taken SKU
    const other = await registered("gtin2@example.test", "6301000000098");
    const again = await create("GT-002", "8991234567891", other.cookie);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ formError: "workErrors.gtinTaken" });
    expect(await db.variant.count({ where: { gtin: "8991234567891" } })).toBe(1);
    // no GTIN is fine
    expect((await create("GT-003", "")).status).toBe(302);
  });

  it("a variant's export carton is given whole (units, size, full weight) or not at all", async () => {
    const { producer, cookie } = await registered("carton@example.test", "6301000000097");
    const madu = await db.category.findUniqueOrThrow({ where: { slug: "madu" } });
    const create = (sku: string, carton: Record<string, string>) =>
      newProduct
        .action({
          request: formRequest("/sell/products/new", productFields(madu.id, sku, carton), { cookie }),
          params: {},
          context: ctx,
        })
        .then(unwrap);
    const half = await create("CT-001", { "variants[0].cartonUnits": "24", "variants[0].cartonSize": "40x30x25" });
    expect(half.status).toBe(400);
    expect(half.body).toMatchObject({
      fieldErrors: { "variants.0.cartonUnits": "workErrors.cartonAll" },
      values: { "variants[0].cartonSize": "40x30x25" },
    });
    const heavy = await create("CT-001", {
      "variants[0].cartonUnits": "24",
      "variants[0].cartonSize": "40x30x25",
      "variants[0].cartonGrossKg": "9 kg",
    });
    expect(heavy.body).toMatchObject({ fieldErrors: { "variants.0.cartonGrossKg": "workErrors.cartonWeight" } });
    expect(await db.product.count({ where: { producerId: producer.id } })).toBe(0);
    const ok = await create("CT-001", {
      "variants[0].cartonUnits": "24",
      "variants[0].cartonSize": "40 x 30 x 25",
      "variants[0].cartonGrossKg": "9,6",
    });
    expect(ok.status).toBe(302);
    expect(await db.variant.findUniqueOrThrow({ where: { sku: "CT-001" } })).toMatchObject({
      cartonUnits: 24,
      cartonLengthCm: 40,
      cartonWidthCm: 30,
      cartonHeightCm: 25,
      cartonGrossGrams: 9600,
    });
  });

  it("saves drafts, gates publishing on verification and food certificates, and reaches search", async () => {
    const { producer, cookie } = await registered("f@example.test", "6301000000005");
    const madu = await db.category.findUniqueOrThrow({ where: { slug: "madu" } });
    const bad = unwrap(
      await newProduct.action({
        request: formRequest(
          "/sell/products/new",
          productFields(madu.id, "bad sku!", { "variants[0].tier1Price": "130000" }),
          { cookie },
        ),
        params: {},
        context: ctx,
      }),
    );
    expect(bad.status).toBe(400);
    expect((bad.body as { fieldErrors: Record<string, string> }).fieldErrors).toMatchObject({
      "variants.0.sku": "workErrors.sku",
    });
    expect((bad.body as { values: Record<string, string> }).values["variants[0].price"]).toBe("125000");

    const created = unwrap(
      await newProduct.action({
        request: formRequest("/sell/products/new", productFields(madu.id, "MKB-250"), { cookie }),
        params: {},
        context: ctx,
      }),
    );
    expect(created.status).toBe(302);
    const product = await db.product.findFirstOrThrow({
      where: { producerId: producer.id },
      include: { variants: { include: { priceTiers: true } } },
    });
    expect(product).toMatchObject({ status: "DRAFT", unit: "botol" });
    expect(product.variants[0]).toMatchObject({ sku: "MKB-250", priceAmount: 12_500_000n, stock: 40 });
    expect(product.variants[0].priceTiers).toMatchObject([{ minQty: 10, priceAmount: 11_000_000n }]);

    const publish = () =>
      editProduct.action({
        request: formRequest(`/sell/products/${product.id}`, { intent: "publish" }, { cookie }),
        params: { id: product.id },
        context: ctx,
      });
    expect(unwrap(await publish()).body).toMatchObject({ formError: "workErrors.publish_producer-not-verified" });
    await verification.action({
      request: formRequest(
        "/trade/verification",
        { kind: "producer", id: producer.id, decision: "verify" },
        { cookie: staffCookie },
      ),
      params: {},
      context: ctx,
    });
    expect(unwrap(await publish()).body).toMatchObject({ formError: "workErrors.publish_food-needs-certificate" });

    const pirt = await db.certification.create({
      data: {
        producerId: producer.id,
        type: "PIRT",
        number: "206330601239999",
        issuer: "Dinkes",
        issuedAt: new Date("2025-01-01"),
        expiresAt: new Date("2030-01-01"),
        status: "VERIFIED",
      },
    });
    const save = unwrap(
      await editProduct.action({
        request: formRequest(
          `/sell/products/${product.id}`,
          {
            ...productFields(madu.id, "MKB-250", { "variants[0].id": product.variants[0].id }),
            "certificationIds[]": pirt.id,
          },
          { cookie },
        ),
        params: { id: product.id },
        context: ctx,
      }),
    );
    expect(save.status).toBe(302);
    expect(unwrap(await publish()).status).toBe(302);
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).status).toBe("PUBLISHED");

    await drainJobs();
    const hits = await getMeili()
      .index(indexName("products"))
      .search("kelulut Bangkau", { filter: `certifications = "PIRT"` });
    expect(hits.hits.map((h) => h.id)).toContain(product.id);
  });

  it("takes photos by content, refuses bombs, non-images and oversized files (storing nothing), and makes variants off the request path", async () => {
    const { producer, cookie } = await registered("g@example.test", "6301000000006");
    const purun = await db.category.findUniqueOrThrow({ where: { slug: "anyaman-purun" } });
    await newProduct.action({
      request: formRequest("/sell/products/new", { ...productFields(purun.id, "TPR-01"), unit: "pcs" }, { cookie }),
      params: {},
      context: ctx,
    });
    const product = await db.product.findFirstOrThrow({ where: { producerId: producer.id } });
    const upload = (files: Array<{ name: string; type: string; bytes: Buffer }>) =>
      editProduct.action({
        request: multipartRequest(
          `/sell/products/${product.id}`,
          { intent: "upload" },
          files.map((f) => ({ field: "photos", ...f })),
          cookie,
          CSRF,
        ),
        params: { id: product.id },
        context: ctx,
      });
    const originals = () =>
      fs.existsSync(path.join(dataDir, "originals")) ? fs.readdirSync(path.join(dataDir, "originals")).length : 0;
    const before = originals();

    const bomb = unwrap(await upload([{ name: "bomb.png", type: "image/png", bytes: pngBomb() }]));
    expect(bomb).toMatchObject({ status: 415, body: { formError: "workErrors.image_too-many-pixels" } });
    const pdfAsJpg = unwrap(await upload([{ name: "photo.jpg", type: "image/jpeg", bytes: pdfBytes() }]));
    expect(pdfAsJpg).toMatchObject({ status: 415, body: { formError: "workErrors.image_not-an-image" } });
    const big = unwrap(await upload([{ name: "big.jpg", type: "image/jpeg", bytes: bigFile() }]));
    expect(big.status).toBe(413);
    // one bad file among good ones refuses the whole upload
    const mixed = unwrap(
      await upload([
        { name: "ok.jpg", type: "image/jpeg", bytes: await photoJpeg() },
        { name: "bad.jpg", type: "image/jpeg", bytes: pdfBytes() },
      ]),
    );
    expect(mixed.status).toBe(415);
    expect(await db.productImage.count({ where: { productId: product.id } })).toBe(0);
    expect(originals()).toBe(before);

    // a portrait phone photo (EXIF orientation 6) with GPS
    const ok = unwrap(
      await upload([
        {
          name: "IMG_2041.JPG",
          type: "image/jpeg",
          bytes: await photoJpeg({ width: 1200, height: 800, gps: true, orientation: 6 }),
        },
      ]),
    );
    expect(ok.status).toBe(302);
    const pending = await db.productImage.findFirstOrThrow({ where: { productId: product.id } });
    expect(pending.ready).toBe(false);
    await drainJobs();
    const done = await db.productImage.findUniqueOrThrow({ where: { id: pending.id } });
    expect(done).toMatchObject({ ready: true, width: 800, height: 1200, originalPath: null });
    const webp = path.join(dataDir, "uploads", `${done.key}-${done.variantWidths[0]}.webp`);
    const meta = await sharp(webp).metadata();
    expect(meta.exif).toBeUndefined();
    expect(fs.existsSync(path.join(dataDir, "uploads", `${done.key}-${done.variantWidths[0]}.avif`))).toBe(true);
  });

  it("a photo whose variants fail shows the failure with a retry; the retry runs the job afresh, for its own producer only", async () => {
    const { producer, cookie } = await registered("retry@example.test", "6301000000016");
    const purun = await db.category.findUniqueOrThrow({ where: { slug: "anyaman-purun" } });
    await newProduct.action({
      request: formRequest("/sell/products/new", { ...productFields(purun.id, "TPR-RETRY"), unit: "pcs" }, { cookie }),
      params: {},
      context: ctx,
    });
    const product = await db.product.findFirstOrThrow({ where: { producerId: producer.id } });
    const photo = await photoJpeg();
    const res = unwrap(
      await editProduct.action({
        request: multipartRequest(
          `/sell/products/${product.id}`,
          { intent: "upload" },
          [{ field: "photos", name: "a.jpg", type: "image/jpeg", bytes: photo }],
          cookie,
          CSRF,
        ),
        params: { id: product.id },
        context: ctx,
      }),
    );
    expect(res.status).toBe(302);
    const img = await db.productImage.findFirstOrThrow({ where: { productId: product.id } });
    // the stored original is damaged before the job runs (a disk fault): encoding fails, the error is kept
    const original = path.join(dataDir, "originals", img.originalPath!);
    fs.writeFileSync(original, photo.subarray(0, 200));
    await expect(drainJobs()).rejects.toThrow(/image_variants/);
    expect((await db.productImage.findUniqueOrThrow({ where: { id: img.id } })).error).toBeTruthy();
    const page = unwrap(
      await editProduct.loader({
        request: new Request(`http://localhost:3999/sell/products/${product.id}`, { headers: { Cookie: cookie } }),
        params: { id: product.id },
        context: ctx,
      }),
    ).body as { images: Array<{ id: string; error: string | null }> };
    expect(page.images.find((i) => i.id === img.id)?.error).toBeTruthy();

    fs.writeFileSync(original, photo);
    const retry = (c: string) =>
      editProduct.action({
        request: formRequest(`/sell/products/${product.id}`, { intent: "image-retry", imageId: img.id }, { cookie: c }),
        params: { id: product.id },
        context: ctx,
      });
    const other = await registered("other-retry@example.test", "6301000000017");
    expect((await thrown(retry(other.cookie))).status).toBe(404);
    expect(unwrap(await retry(cookie)).headers.get("Location")).toBe(`/sell/products/${product.id}?retried=1`);
    expect((await db.productImage.findUniqueOrThrow({ where: { id: img.id } })).error).toBeNull();
    await drainJobs(); // due now, not after the back-off
    expect(await db.productImage.findUniqueOrThrow({ where: { id: img.id } })).toMatchObject({
      ready: true,
      error: null,
      originalPath: null,
    });
  });
});

describe("permissions", () => {
  it("keeps each producer to its own data, buyers out of /sell, and non-staff out of /trade", async () => {
    const a = await registered("pa@example.test", "6301000000007");
    const b = await registered("pb@example.test", "6301000000008");
    const purun = await db.category.findUniqueOrThrow({ where: { slug: "anyaman-purun" } });
    await newProduct.action({
      request: formRequest(
        "/sell/products/new",
        {
          intent: "save",
          nameId: "Tikar A",
          nameEn: "Mat A",
          descriptionId: "x",
          descriptionEn: "x",
          categoryId: purun.id,
          unit: "pcs",
          weightGrams: "100",
          "variants[0].sku": "PA-001",
          "variants[0].nameId": "S",
          "variants[0].nameEn": "S",
          "variants[0].price": "50000",
          "variants[0].stock": "3",
        },
        { cookie: a.cookie },
      ),
      params: {},
      context: ctx,
    });
    const productA = await db.product.findFirstOrThrow({ where: { producerId: a.producer.id } });
    const buyer = await createUser({ roles: ["BUYER"] });
    const buyerCookie = await signedInCookie(buyer.id);

    // producer B cannot see or change producer A's product
    expect(
      (
        await thrown(
          editProduct.loader({
            request: formRequest("/", {}, { cookie: b.cookie }),
            params: { id: productA.id },
            context: ctx,
          }),
        )
      ).status,
    ).toBe(404);
    for (const intent of ["publish", "archive"]) {
      expect(
        (
          await thrown(
            editProduct.action({
              request: formRequest("/", { intent }, { cookie: b.cookie }),
              params: { id: productA.id },
              context: ctx,
            }),
          )
        ).status,
      ).toBe(404);
    }
    expect((await db.product.findUniqueOrThrow({ where: { id: productA.id } })).status).toBe("DRAFT");

    // buyers have no seller pages; guests are sent to sign in
    expect(
      (
        await thrown(
          newProduct.loader({ request: formRequest("/", {}, { cookie: buyerCookie }), params: {}, context: ctx }),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await thrown(
          profile.action({
            request: formRequest("/sell/profile", profileFields("6301000000099"), { cookie: buyerCookie }),
            params: {},
            context: ctx,
          }),
        )
      ).status,
    ).toBe(403);
    expect((await thrown(newProduct.loader({ request: formRequest("/", {}), params: {}, context: ctx }))).status).toBe(
      302,
    );

    // producers and buyers cannot use the verification queue
    for (const cookie of [a.cookie, buyerCookie]) {
      expect(
        (await thrown(verification.loader({ request: formRequest("/", {}, { cookie }), params: {}, context: ctx })))
          .status,
      ).toBe(403);
      expect(
        (
          await thrown(
            verification.action({
              request: formRequest("/", { kind: "producer", id: a.producer.id, decision: "verify" }, { cookie }),
              params: {},
              context: ctx,
            }),
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await thrown(
            tradeProducer.action({
              request: formRequest("/", { decision: "suspend", reason: "xxx" }, { cookie }),
              params: { id: b.producer.id },
              context: ctx,
            }),
          )
        ).status,
      ).toBe(403);
    }
    expect((await db.producer.findUniqueOrThrow({ where: { id: a.producer.id } })).status).toBe("PENDING");

    // staff suspend and reinstate, audited
    await tradeProducer.action({
      request: formRequest("/", { decision: "suspend", reason: "Laporan pemalsuan" }, { cookie: staffCookie }),
      params: { id: b.producer.id },
      context: ctx,
    });
    expect((await db.producer.findUniqueOrThrow({ where: { id: b.producer.id } })).status).toBe("SUSPENDED");
    await tradeProducer.action({
      request: formRequest("/", { decision: "reinstate" }, { cookie: staffCookie }),
      params: { id: b.producer.id },
      context: ctx,
    });
    // B had never been verified: reinstating puts it back in the queue, not straight to verified
    expect((await db.producer.findUniqueOrThrow({ where: { id: b.producer.id } })).status).toBe("PENDING");
    expect(
      await db.auditLog.count({
        where: { entityId: b.producer.id, action: { in: ["producer.suspend", "producer.reinstate"] } },
      }),
    ).toBe(2);
  });
});
