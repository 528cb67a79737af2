import { describe, expect, it } from "vitest";
import { db, Prisma } from "~/lib/db.server";

/** The error a refused write raised, for asserting which guard refused it. */
async function refusal(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "the write was refused").not.toBeNull();
  return {
    code: (err as Prisma.PrismaClientKnownRequestError).code,
    text: `${(err as Error).message} ${JSON.stringify((err as Prisma.PrismaClientKnownRequestError).meta ?? {})}`,
  };
}
import { createCatalogue } from "../helpers/fixtures";

describe("database constraints", () => {
  it("refuses to take stock below zero, whatever the application does", async () => {
    const { product } = await createCatalogue();
    const variant = product.variants[0];
    const below = await refusal(db.variant.update({ where: { id: variant.id }, data: { stock: { decrement: 11 } } }));
    expect(below.text).toContain("Variant_stock_nonnegative");
    expect((await db.variant.findUniqueOrThrow({ where: { id: variant.id } })).stock).toBe(10);
    await db.variant.update({ where: { id: variant.id }, data: { stock: { decrement: 10 } } });
    expect((await db.variant.findUniqueOrThrow({ where: { id: variant.id } })).stock).toBe(0);
  });

  it("keeps SKUs, slugs and NIBs unique and NIBs 13 digits", async () => {
    const { producer, product } = await createCatalogue();
    const other = await createCatalogue();
    const sku = await refusal(
      db.variant.update({ where: { id: other.product.variants[0].id }, data: { sku: product.variants[0].sku } }),
    );
    expect(sku.code).toBe("P2002");
    expect(sku.text).toContain("sku");
    const nib = await refusal(db.producer.update({ where: { id: producer.id }, data: { nib: "12345" } }));
    expect(nib.text).toContain("Producer_nib_format");
    const duplicateNib = await refusal(
      db.producer.update({ where: { id: other.producer.id }, data: { nib: producer.nib } }),
    );
    expect(duplicateNib.code).toBe("P2002");
    expect(duplicateNib.text).toContain("nib");
    const slug = await refusal(db.product.update({ where: { id: other.product.id }, data: { slug: product.slug } }));
    expect(slug.code).toBe("P2002");
    expect(slug.text).toContain("slug");
  });
});
