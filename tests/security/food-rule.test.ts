/**
 * The food rule holds on every edit, through the real HTTP front: a published product that
 * an edit moves into a food category without a verified P-IRT or BPOM certificate leaves
 * sale, and the producer is told. An RFQ may name only a product on sale: an unpublished one
 * is not disclosed and an unknown id is a 404, not a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { createProduct, createUser, producerMemberCookie, signedInCookie } from "../helpers/fixtures";
import { Client, startHttpApp } from "../helpers/app";

let app: Awaited<ReturnType<typeof startHttpApp>>;
beforeAll(async () => {
  app = await startHttpApp();
});
afterAll(() => app?.stop());

const producerClient = async (producerId: string) =>
  new Client(app.base, await producerMemberCookie(producerId)).ready();

function formOf(
  p: { nameId: string; nameEn: string; descriptionId: string; descriptionEn: string; weightGrams: number },
  categoryId: string,
  v: { id: string; sku: string; stock: number },
) {
  const fields: Record<string, string> = {
    intent: "save",
    nameId: p.nameId,
    nameEn: p.nameEn,
    descriptionId: p.descriptionId,
    descriptionEn: p.descriptionEn,
    categoryId,
    unit: "pcs",
    weightGrams: String(p.weightGrams),
    "variants[0].id": v.id,
    "variants[0].sku": v.sku,
    "variants[0].nameId": "Standar",
    "variants[0].nameEn": "Standard",
    "variants[0].price": "45000",
    "variants[0].stock": String(v.stock),
    "variants[0].stockShown": String(v.stock),
  };
  return fields;
}

describe("the food rule", () => {
  it("takes a published product off sale when an edit makes it food without a P-IRT or BPOM certificate", async () => {
    const { product, producer } = await createProduct({ nameId: "Tas purun", nameEn: "Purun bag" });
    const food = await db.category.upsert({
      where: { slug: "makanan-ringan" },
      update: { isFood: true },
      create: { slug: "makanan-ringan", nameId: "Makanan ringan", nameEn: "Snacks", isFood: true },
    });
    const variant = await db.variant.findFirstOrThrow({ where: { productId: product.id } });
    const c = await producerClient(producer.id);
    const res = await c.post(`/sell/products/${product.id}`, formOf(product, food.id, variant));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("unpublished=food");
    const after = await db.product.findUniqueOrThrow({ where: { id: product.id } });
    expect(after).toMatchObject({ categoryId: food.id, status: "DRAFT" });
    expect(await db.auditLog.count({ where: { entityId: product.id, action: "product.unpublish" } })).toBe(1);
    const page = await (await c.request(res.headers.get("location")!)).text();
    expect(page).toContain('data-testid="unpublished-food"');
    // the public page no longer sells it
    expect((await fetch(`${app.base}/products/${product.slug}`)).status).toBe(404);
  });

  it("keeps a food product on sale when a verified P-IRT covers it", async () => {
    const { product, producer } = await createProduct({ nameId: "Amplang", nameEn: "Amplang", certs: ["PIRT"] });
    const food = await db.category.upsert({
      where: { slug: "makanan-ringan" },
      update: { isFood: true },
      create: { slug: "makanan-ringan", nameId: "Makanan ringan", nameEn: "Snacks", isFood: true },
    });
    const variant = await db.variant.findFirstOrThrow({ where: { productId: product.id } });
    const cert = await db.certification.findFirstOrThrow({ where: { producerId: producer.id, type: "PIRT" } });
    const c = await producerClient(producer.id);
    const fields = formOf(product, food.id, variant);
    const body = new URLSearchParams({ ...fields, csrf: c.csrf });
    body.append("certificationIds[]", cert.id);
    const res = await c.request(`/sell/products/${product.id}`, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).not.toContain("unpublished");
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).status).toBe("PUBLISHED");
  });
});

describe("a quote request", () => {
  const rfqFields = (productId: string) => ({
    productId,
    quantity: "100",
    unit: "pcs",
    targetPrice: "",
    targetCurrency: "USD",
    destinationCountry: "SG",
    destinationPort: "",
    incoterm: "FOB",
    wantedBy: "",
    notes: "",
    companyName: "Lion City Pte Ltd",
    companyCountry: "SG",
    taxId: "",
    contactName: "Mei",
    contactEmail: "mei@example.test",
    contactPhone: "",
  });

  it("may name only a product on sale: unpublished and unknown ids are 404s that disclose nothing", async () => {
    const { product: draft } = await createProduct({ nameId: "Rahasia draf", nameEn: "Secret draft", status: "DRAFT" });
    const buyer = await createUser();
    const c = await new Client(app.base, await signedInCookie(buyer.id)).ready();
    const before = await db.quoteRequest.count();
    for (const id of [draft.id, "no-such-product-id"]) {
      const res = await c.post("/rfq", rfqFields(id));
      expect(res.status, id).toBe(404);
      const html = await res.text();
      expect(html).not.toContain("Rahasia draf");
      expect(html).toContain("Produk tidak ditemukan atau sedang tidak dijual.");
    }
    expect(await db.quoteRequest.count()).toBe(before);
    // a product on sale is fine
    const { product } = await createProduct({ nameId: "Tikar purun", nameEn: "Purun mat" });
    const ok = await c.post("/rfq", rfqFields(product.id));
    expect(ok.status).toBe(302);
    expect(await db.quoteRequest.count()).toBe(before + 1);
  });
});
