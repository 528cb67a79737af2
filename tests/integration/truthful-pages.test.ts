/** What pages say matches what is true: names in the reader's language, full addresses, honest counts. */
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { homePage } from "~/domain/catalogue/home.server";
import { loader as orderLoader } from "~/routes/($lang).orders.$number";
import { loader as categoryLoader } from "~/routes/($lang).categories.$slug";
import { getRequest, unwrap } from "../helpers/http";
import { createProduct } from "../helpers/fixtures";
import { orderFor, sellable } from "../helpers/orders";

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

describe("pages that tell the truth", () => {
  it("an order shows its lines in the reader's language and its address with province and country", async () => {
    const { variant } = await sellable({ stock: 5 });
    await db.variant.update({ where: { id: variant.id }, data: { nameId: "Ukuran besar", nameEn: "Large" } });
    const order = await orderFor([{ variantId: variant.id, quantity: 1 }]);
    const view = async (lang?: string) => {
      const url = `${lang ? `/${lang}` : ""}/orders/${order.number}?key=${order.accessToken}`;
      const { body } = unwrap(
        await orderLoader(args(getRequest(url), { number: order.number, ...(lang && { lang }) })),
      );
      return (body as { order: { lines: Array<{ name: string; variant: string }>; shipTo: { text: string } } }).order;
    };
    const en = await view("en");
    expect(en.lines[0]).toMatchObject({ name: "Kelulut honey", variant: "Large" });
    expect(en.shipTo.text).toBe("Jl. Lambung Mangkurat 12, Banjarmasin 70111, Kalimantan Selatan, Indonesia");
    const id = await view();
    expect(id.lines[0]).toMatchObject({ name: "Madu kelulut", variant: "Ukuran besar" });
    expect(id.shipTo.text).toMatch(/, Kalimantan Selatan, Indonesia$/);
  });

  it("the home page counts a category's subcategories and features only what can be bought", async () => {
    const cat = { slug: "tikar-purun-uji", nameId: "Tikar purun", nameEn: "Purun mats", parentSlug: "anyaman-uji" };
    const inStock = await createProduct({ nameId: "Tikar ada", nameEn: "Mat in stock", category: cat });
    const soldOut = await createProduct({ nameId: "Tikar habis", nameEn: "Mat sold out", category: cat });
    await db.variant.updateMany({ where: { productId: inStock.product.id }, data: { stock: 4 } });
    await db.variant.updateMany({ where: { productId: soldOut.product.id }, data: { stock: 0 } });
    const home = await homePage("id");
    expect(home.categories.find((c) => c.slug === "anyaman-uji")).toMatchObject({ products: 2 });
    const featured = home.featured.map((p) => p.slug);
    expect(featured).toContain(inStock.product.slug);
    expect(featured).not.toContain(soldOut.product.slug);
  });

  it("a category of export-ready goods invites a quote request, others do not", async () => {
    const cat = { slug: "madu-uji-ekspor", nameId: "Madu uji", nameEn: "Test honey" };
    const { product } = await createProduct({ nameId: "Madu ekspor", nameEn: "Export honey", category: cat });
    const load = async () =>
      (
        unwrap(await categoryLoader(args(getRequest(`/categories/${cat.slug}`), { slug: cat.slug }))).body as {
          category: { exportReady: boolean };
        }
      ).category.exportReady;
    expect(await load()).toBe(false);
    await db.product.update({ where: { id: product.id }, data: { exportReady: true } });
    expect(await load()).toBe(true);
  });
});
