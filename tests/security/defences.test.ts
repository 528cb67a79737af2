/**
 * Defences that no older test caught when removed (issue 13, item 8): the image format
 * allow-list, the search-filter quoting, and the product owner check on saving the product
 * form. Each test here fails with its defence removed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { createProduct, producerMemberCookie } from "../helpers/fixtures";
import { Client, dbFingerprint, startHttpApp } from "../helpers/app";
import { ensureIndex, reindexAll } from "../../search/indexing";

let app: Awaited<ReturnType<typeof startHttpApp>>;
beforeAll(async () => {
  app = await startHttpApp();
});
afterAll(() => app?.stop());

const memberOf = async (producerId: string) => new Client(app.base, await producerMemberCookie(producerId)).ready();

describe("uploads", () => {
  it("refuse an image format outside the allow-list (an SVG, which the decoder could read)", async () => {
    const { product, producer } = await createProduct({ nameId: "Tas purun", nameEn: "Purun bag" });
    const c = await memberOf(producer.id);
    const svg = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><script>alert(1)</script><rect width="400" height="300" fill="red"/></svg>`,
    );
    const form = new FormData();
    form.set("csrf", c.csrf);
    form.set("intent", "upload");
    form.append("photos", new Blob([new Uint8Array(svg)], { type: "image/jpeg" }), "foto.jpg");
    const before = await dbFingerprint();
    const res = await c.request(`/sell/products/${product.id}`, { method: "POST", body: form });
    expect(res.status).toBe(415);
    expect(await res.text()).toContain("workErrors.image_not-an-image");
    expect(await db.productImage.count({ where: { productId: product.id } })).toBe(0);
    expect(await dbFingerprint()).toEqual(before);
  });
});

describe("search filters", () => {
  // Two layers: the facet's format allow-list (searchParamsSchema) drops the value, and quote() would
  // strip its quotes. An injected value must leave the results as if there were no facet; a filter
  // built from it ("… OR id NOT EXISTS …") would return nothing instead.
  it("a facet value cannot rewrite the filter it is quoted into", async () => {
    await createProduct({ nameId: "Tikar rotan", nameEn: "Rattan mat" });
    await createProduct({ nameId: "Keranjang rotan", nameEn: "Rattan basket" });
    await ensureIndex();
    await reindexAll();
    const baseline = await (await fetch(`${app.base}/api/v1/products`)).json();
    expect(baseline.total).toBeGreaterThan(1);
    const injected = `x" OR id NOT EXISTS OR categoryPath = "x`;
    const api = await (await fetch(`${app.base}/api/v1/products?category=${encodeURIComponent(injected)}`)).json();
    expect(api.total).toBe(baseline.total);
  });
});

describe("the product form", () => {
  it("saved by another producer changes nothing", async () => {
    const { product } = await createProduct({ nameId: "Tas purun asli", nameEn: "Purun bag" });
    const other = await createProduct({ nameId: "Amplang", nameEn: "Amplang" });
    const intruder = await memberOf(other.producer.id);
    const variant = await db.variant.findFirstOrThrow({ where: { productId: product.id } });
    const before = await dbFingerprint();
    const res = await intruder.post(`/sell/products/${product.id}`, {
      intent: "save",
      nameId: "Dibajak",
      nameEn: "Hijacked",
      descriptionId: "Dibajak produsen lain.",
      descriptionEn: "Hijacked by another producer.",
      categoryId: product.categoryId,
      unit: "pcs",
      weightGrams: "100",
      "variants[0].id": variant.id,
      "variants[0].sku": variant.sku,
      "variants[0].nameId": "Standar",
      "variants[0].nameEn": "Standard",
      "variants[0].price": "1000",
      "variants[0].stock": "999",
      "variants[0].stockShown": String(variant.stock),
    });
    expect(res.status).toBe(404);
    expect(await dbFingerprint()).toEqual(before);
    expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).nameId).toBe("Tas purun asli");
  });
});
