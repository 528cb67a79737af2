import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { createCatalogue } from "../helpers/fixtures";

describe("database constraints", () => {
  it("refuses to take stock below zero, whatever the application does", async () => {
    const { product } = await createCatalogue();
    const variant = product.variants[0];
    await expect(db.variant.update({ where: { id: variant.id }, data: { stock: { decrement: 11 } } })).rejects.toThrow();
    expect((await db.variant.findUniqueOrThrow({ where: { id: variant.id } })).stock).toBe(10);
    await db.variant.update({ where: { id: variant.id }, data: { stock: { decrement: 10 } } });
    expect((await db.variant.findUniqueOrThrow({ where: { id: variant.id } })).stock).toBe(0);
  });

  it("keeps SKUs, slugs and NIBs unique and NIBs 13 digits", async () => {
    const { producer, product } = await createCatalogue();
    await expect(createCatalogue().then(({ product: p }) => db.variant.update({ where: { id: p.variants[0].id }, data: { sku: product.variants[0].sku } }))).rejects.toThrow();
    await expect(db.producer.update({ where: { id: producer.id }, data: { nib: "12345" } })).rejects.toThrow();
    await expect(db.product.update({ where: { id: (await createCatalogue()).product.id }, data: { slug: product.slug } })).rejects.toThrow();
  });
});
