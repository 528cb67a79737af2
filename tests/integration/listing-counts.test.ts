/**
 * What buyers may see, and the counts pages read instead of counting the catalogue
 * (migration listing_counts): `Product.listed`, `Product.topCategoryId` and `ListingCount`
 * are kept by triggers, so they must equal what a full recount says after any sequence of
 * writes, concurrent ones included, and no product may stay listed once its producer is
 * suspended, however the suspension and a publish interleave.
 */
import crypto from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { decideProducer } from "~/domain/producers/producers.server";
import { PublishRefused, setOwnProductStatus } from "~/domain/catalogue/manage.server";
import { createProducer, createUser } from "../helpers/fixtures";

type Universe = { categories: string[]; producers: string[]; regencies: string[] };

async function universe(): Promise<Universe> {
  const tag = crypto.randomBytes(3).toString("hex");
  const categories: string[] = [];
  for (const top of ["a", "b"]) {
    const parent = await db.category.create({ data: { slug: `top-${top}-${tag}`, nameId: top, nameEn: top } });
    categories.push(parent.id);
    for (const leaf of ["1", "2"])
      categories.push(
        (
          await db.category.create({
            data: { slug: `leaf-${top}${leaf}-${tag}`, nameId: leaf, nameEn: leaf, parentId: parent.id },
          })
        ).id,
      );
  }
  const regencies = ["62.09", "63.71"];
  const producers: string[] = [];
  for (let i = 0; i < 4; i++) producers.push((await newProducer(regencies[i % 2], "VERIFIED")).id);
  return { categories, producers, regencies };
}

let seq = 0;
function newProducer(regencyCode: string, status: "VERIFIED" | "PENDING" | "SUSPENDED") {
  return createProducer({ regencyCode, status });
}

function newProduct(
  producerId: string,
  categoryId: string,
  status: "DRAFT" | "PUBLISHED" | "ARCHIVED",
  exportReady = false,
) {
  const tag = `${crypto.randomBytes(4).toString("hex")}${seq++}`;
  return db.product.create({
    data: {
      producerId,
      categoryId,
      slug: `lc-${tag}`,
      nameId: "Produk",
      nameEn: "Product",
      descriptionId: "-",
      descriptionEn: "-",
      weightGrams: 100,
      status,
      exportReady,
      publishedAt: status === "PUBLISHED" ? new Date() : null,
      variants: { create: { sku: `LC-${tag}`, nameId: "Standar", nameEn: "Standard", priceAmount: 1_000_000n } },
    },
  });
}

/** Every kept field and count equals a recount from the rows themselves. */
async function expectCountsTrue(u: Universe) {
  const wrongListed = await db.$queryRaw<Array<{ id: string }>>`
    SELECT p.id FROM "Product" p JOIN "Producer" r ON r.id = p."producerId" JOIN "Category" c ON c.id = p."categoryId"
     WHERE p."producerId" = ANY(${u.producers})
       AND (p.listed IS DISTINCT FROM (p.status = 'PUBLISHED' AND r.status = 'VERIFIED')
            OR p."topCategoryId" IS DISTINCT FROM COALESCE(c."parentId", c.id))`;
  expect(wrongListed, "products whose listed or topCategoryId disagrees with their rows").toEqual([]);
  const drift = await db.$queryRaw<Array<{ scope: string; key: string; kept: string; actual: string }>>`
    WITH actual AS (
      SELECT d.scope, d.key, count(*)::int AS products, (count(*) FILTER (WHERE p."exportReady"))::int AS export_ready
        FROM "Product" p
       CROSS JOIN LATERAL (VALUES ('category', p."categoryId"), ('top', p."topCategoryId"), ('producer', p."producerId")) d(scope, key)
       WHERE p.listed
       GROUP BY d.scope, d.key
      UNION ALL
      SELECT 'regency', "regencyCode", count(*)::int, 0 FROM "Producer" WHERE status = 'VERIFIED' GROUP BY "regencyCode"
    ), keys AS (
      SELECT 'category' AS scope, unnest(${u.categories}::text[]) AS key
      UNION ALL SELECT 'top', unnest(${u.categories}::text[])
      UNION ALL SELECT 'producer', unnest(${u.producers}::text[])
      UNION ALL SELECT 'regency', unnest(${u.regencies}::text[])
    )
    SELECT k.scope, k.key,
           concat_ws('/', COALESCE(CASE WHEN k.scope = 'regency' THEN n.producers ELSE n.products END, 0), COALESCE(n."exportReady", 0)) AS kept,
           concat_ws('/', COALESCE(a.products, 0), COALESCE(a.export_ready, 0)) AS actual
      FROM keys k
      LEFT JOIN "ListingCount" n ON n.scope = k.scope AND n.key = k.key
      LEFT JOIN actual a ON a.scope = k.scope AND a.key = k.key
     WHERE concat_ws('/', COALESCE(CASE WHEN k.scope = 'regency' THEN n.producers ELSE n.products END, 0), COALESCE(n."exportReady", 0))
        <> concat_ws('/', COALESCE(a.products, 0), COALESCE(a.export_ready, 0))`;
  expect(drift, "counts that differ from a recount (kept vs actual, products/export-ready)").toEqual([]);
}

type Op =
  | { t: "create"; producer: number; category: number; status: "DRAFT" | "PUBLISHED"; exportReady: boolean }
  | { t: "status"; product: number; status: "DRAFT" | "PUBLISHED" | "ARCHIVED" }
  | { t: "move"; product: number; category: number }
  | { t: "export"; product: number; exportReady: boolean }
  | { t: "producer"; producer: number; status: "VERIFIED" | "PENDING" | "SUSPENDED" }
  | { t: "regency"; producer: number; regency: number }
  | { t: "delete"; product: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("create" as const),
      producer: fc.nat(3),
      category: fc.nat(5),
      status: fc.constantFrom("DRAFT" as const, "PUBLISHED" as const),
      exportReady: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant("status" as const),
      product: fc.nat(30),
      status: fc.constantFrom("DRAFT" as const, "PUBLISHED" as const, "ARCHIVED" as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("move" as const), product: fc.nat(30), category: fc.nat(5) }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant("export" as const), product: fc.nat(30), exportReady: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("producer" as const),
      producer: fc.nat(3),
      status: fc.constantFrom("VERIFIED" as const, "PENDING" as const, "SUSPENDED" as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("regency" as const), producer: fc.nat(3), regency: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("delete" as const), product: fc.nat(30) }) },
);

describe("listed products and their counts", () => {
  it("equal a recount after any sequence of writes, some of them concurrent (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 10 }),
        async (batches) => {
          const u = await universe();
          const products: string[] = [];
          const pick = (i: number) => (products.length ? products[i % products.length] : null);
          const run = async (o: Op) => {
            switch (o.t) {
              case "create":
                products.push(
                  (await newProduct(u.producers[o.producer], u.categories[o.category], o.status, o.exportReady)).id,
                );
                return;
              case "status": {
                const id = pick(o.product);
                if (id) await db.product.updateMany({ where: { id }, data: { status: o.status } });
                return;
              }
              case "move": {
                const id = pick(o.product);
                if (id) await db.product.updateMany({ where: { id }, data: { categoryId: u.categories[o.category] } });
                return;
              }
              case "export": {
                const id = pick(o.product);
                if (id) await db.product.updateMany({ where: { id }, data: { exportReady: o.exportReady } });
                return;
              }
              case "producer":
                await db.producer.update({ where: { id: u.producers[o.producer] }, data: { status: o.status } });
                return;
              case "regency":
                await db.producer.update({
                  where: { id: u.producers[o.producer] },
                  data: { regencyCode: u.regencies[o.regency], provinceCode: u.regencies[o.regency].slice(0, 2) },
                });
                return;
              case "delete": {
                const id = pick(o.product);
                if (id) {
                  products.splice(products.indexOf(id), 1);
                  await db.product.deleteMany({ where: { id } });
                }
                return;
              }
            }
          };
          // each batch runs at once: the counts' upserts race one another
          for (const batch of batches) await Promise.all(batch.map(run));
          await expectCountsTrue(u);
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);

  it("a producer suspended while its products are being published and created keeps none listed", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const [category] = (await universe()).categories;
    for (let round = 0; round < 4; round++) {
      const producer = await newProducer("62.09", "VERIFIED");
      const drafts = await Promise.all(Array.from({ length: 12 }, () => newProduct(producer.id, category, "DRAFT")));
      const owner = await createUser({ roles: ["PRODUCER"] });
      // creations that hold their transaction open a moment after the insert, so the suspension
      // lands between a creation's read of the producer and its commit
      const creations = Array.from({ length: 12 }, (_, i) =>
        db.$transaction(async (tx) => {
          const tag = `${crypto.randomBytes(4).toString("hex")}${seq++}`;
          await tx.product.create({
            data: {
              producerId: producer.id,
              categoryId: category,
              slug: `race-${tag}`,
              nameId: "Produk",
              nameEn: "Product",
              descriptionId: "-",
              descriptionEn: "-",
              weightGrams: 100,
              status: "PUBLISHED",
              publishedAt: new Date(),
            },
          });
          await new Promise((r) => setTimeout(r, 5 + i * 3));
        }),
      );
      const publishes = drafts.map((d) =>
        setOwnProductStatus(producer.id, d.id, owner.id, "publish").catch((e) => {
          if (e instanceof PublishRefused && e.reason === "producer-not-verified") return null;
          throw e;
        }),
      );
      const suspension = new Promise((r) => setTimeout(r, 10)).then(() =>
        decideProducer(staff.id, producer.id, "suspend", "inspection"),
      );
      await Promise.all([...creations, ...publishes, suspension]);
      const after = await db.producer.findUniqueOrThrow({ where: { id: producer.id } });
      expect(after.status).toBe("SUSPENDED");
      const stillListed = await db.product.count({ where: { producerId: producer.id, listed: true } });
      expect(stillListed, `round ${round}: products listed under a suspended producer`).toBe(0);
      const kept = await db.listingCount.findUnique({ where: { scope_key: { scope: "producer", key: producer.id } } });
      expect(kept?.products ?? 0).toBe(0);
    }
  }, 60_000);
});
