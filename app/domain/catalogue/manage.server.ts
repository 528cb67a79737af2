/**
 * A producer managing its own products. Every function takes the producer id and scopes
 * its queries by it, so a forgotten route check still cannot touch another producer's
 * products. Every change adds a search job in the same transaction (search follows).
 */
import { validCertificationWhere } from "../certification/index.server";
import { slugify } from "~/lib/slug";
import { db, Prisma, type Tx } from "~/lib/db.server";
import { audit } from "../audit.server";
import { productChanged } from "~/jobs/search-index.server";
import type { ProductInput } from "./schemas";

export const LOW_STOCK = 5;

export class SkuTakenError extends Error {}
/** Another variant already carries this GTIN (a GS1 number names one trade item). */
export class GtinTakenError extends Error {}
export class VariantInUseError extends Error {}
/** The stock change typed would take the variant below zero: buyers or lots took units since the form was opened. */
export class StockChangedError extends Error {
  constructor(
    readonly row: number,
    readonly sku: string,
    readonly available: number,
  ) {
    super(`stock of ${sku} changed`);
  }
}
export type PublishRefusal = "producer-not-verified" | "food-needs-certificate" | "no-variant";
export class PublishRefused extends Error {
  constructor(readonly reason: PublishRefusal) {
    super(`publish refused: ${reason}`);
  }
}

async function uniqueSlug(tx: Tx, base: string, exceptId?: string) {
  let slug = slugify(base, "produk", 70);
  for (let i = 2; ; i++) {
    const taken = await tx.product.findFirst({
      where: { slug, ...(exceptId ? { id: { not: exceptId } } : {}) },
      select: { id: true },
    });
    if (!taken) return slug;
    slug = `${slugify(base, "produk", 70)}-${i}`;
  }
}

export async function listOwnProducts(producerId: string) {
  const rows = await db.product.findMany({
    where: { producerId, status: { not: "ARCHIVED" } },
    orderBy: { updatedAt: "desc" },
    select: {
      id: true,
      slug: true,
      nameId: true,
      nameEn: true,
      status: true,
      variants: { select: { sku: true, stock: true, priceAmount: true } },
      _count: { select: { images: true } },
    },
  });
  return rows.map((p) => ({
    id: p.id,
    slug: p.slug,
    nameId: p.nameId,
    nameEn: p.nameEn,
    status: p.status,
    images: p._count.images,
    stock: p.variants.reduce((s, v) => s + v.stock, 0),
    lowStock: p.variants.filter((v) => v.stock <= LOW_STOCK).map((v) => ({ sku: v.sku, stock: v.stock })),
  }));
}

export async function getOwnProduct(producerId: string, productId: string) {
  return db.product.findFirst({
    where: { id: productId, producerId },
    include: {
      variants: { orderBy: { position: "asc" }, include: { priceTiers: { orderBy: { minQty: "asc" } } } },
      certifications: { select: { certificationId: true } },
      images: { orderBy: { position: "asc" } },
      category: { select: { isFood: true, parent: { select: { isFood: true } } } },
    },
  });
}

/** Categories a product can be filed under (leaves and parents), in the locale's order. */
export async function categoryChoices() {
  return db.category.findMany({
    orderBy: { position: "asc" },
    select: { id: true, slug: true, nameId: true, nameEn: true, parentId: true },
  });
}

/** The producer's certificates a product may claim (not NIB). */
export async function certificateChoices(producerId: string) {
  return db.certification.findMany({
    where: { producerId, type: { not: "NIB" }, status: { in: ["VERIFIED", "PENDING"] } },
    orderBy: { type: "asc" },
    select: { id: true, type: true, number: true, status: true },
  });
}

/** The product's own columns from the form (create and edit write the same ones). */
function productData(input: ProductInput) {
  return {
    nameId: input.nameId,
    nameEn: input.nameEn,
    descriptionId: input.descriptionId,
    descriptionEn: input.descriptionEn,
    categoryId: input.categoryId,
    hsCode: input.hsCode ?? null,
    unit: input.unit,
    weightGrams: input.weightGrams,
    exportReady: input.exportReady,
  };
}

function variantData(v: ProductInput["variants"][number], position: number) {
  return {
    sku: v.sku,
    gtin: v.gtin ?? null,
    nameId: v.nameId,
    nameEn: v.nameEn,
    priceAmount: v.price,
    minOrderQty: v.minOrderQty,
    weightGrams: v.weightGrams ?? null,
    lengthCm: v.packedSize?.l ?? null,
    widthCm: v.packedSize?.w ?? null,
    heightCm: v.packedSize?.h ?? null,
    cartonUnits: v.cartonUnits ?? null,
    cartonLengthCm: v.cartonSize?.l ?? null,
    cartonWidthCm: v.cartonSize?.w ?? null,
    cartonHeightCm: v.cartonSize?.h ?? null,
    cartonGrossGrams: v.cartonGrossKg ?? null,
    position,
  };
}

function tiers(v: ProductInput["variants"][number]) {
  const out: Array<{ minQty: number; priceAmount: bigint }> = [];
  if (v.tier1Qty && v.tier1Price !== undefined) out.push({ minQty: v.tier1Qty, priceAmount: v.tier1Price });
  if (v.tier2Qty && v.tier2Price !== undefined && v.tier2Qty !== v.tier1Qty)
    out.push({ minQty: v.tier2Qty, priceAmount: v.tier2Price });
  return out;
}

async function ownCertificationIds(tx: Tx, producerId: string, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await tx.certification.findMany({
    where: { id: { in: ids }, producerId, type: { not: "NIB" } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

function rethrowSku(err: unknown): never {
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")
    throw JSON.stringify(err.meta ?? {}).includes("gtin") ? new GtinTakenError() : new SkuTakenError();
  throw err;
}

export async function createOwnProduct(producerId: string, actorId: string, input: ProductInput) {
  try {
    return await db.$transaction(async (tx) => {
      const product = await tx.product.create({
        data: {
          producerId,
          slug: await uniqueSlug(tx, input.nameId),
          ...productData(input),
          status: "DRAFT",
          variants: {
            create: input.variants.map((v, i) => ({
              ...variantData(v, i),
              stock: v.stock,
              priceTiers: { create: tiers(v) },
            })),
          },
          certifications: {
            create: (await ownCertificationIds(tx, producerId, input.certificationIds)).map((certificationId) => ({
              certificationId,
            })),
          },
        },
      });
      await audit(tx, {
        actorId,
        action: "product.created",
        entityType: "Product",
        entityId: product.id,
        after: { nameId: product.nameId },
      });
      await productChanged(tx, product.id);
      return product;
    });
  } catch (err) {
    rethrowSku(err);
  }
}

/**
 * The product form shows the stock when it is opened and sends that number back
 * (`stockShown`). What the producer changed is the difference, and only the difference is
 * applied, in one conditional UPDATE: units that buyers held or bought, or a lot took, while
 * the form was open stay taken. A change that would go below zero is refused.
 */
async function applyStockChange(
  tx: Tx,
  row: number,
  variantId: string,
  sku: string,
  typed: number,
  shown: number | undefined,
) {
  if (shown === undefined) {
    await tx.variant.update({ where: { id: variantId }, data: { stock: typed } });
    return;
  }
  const delta = typed - shown;
  if (delta === 0) return;
  const rows = await tx.$queryRaw<Array<{ stock: number }>>`
    UPDATE "Variant" SET "stock" = "stock" + ${delta}, "updatedAt" = now()
    WHERE "id" = ${variantId} AND "stock" + ${delta} >= 0 RETURNING "stock"`;
  if (rows.length === 0) {
    const now = await tx.variant.findUniqueOrThrow({ where: { id: variantId }, select: { stock: true } });
    throw new StockChangedError(row, sku, now.stock);
  }
}

/** The saved product, and whether the edit took it off sale (the food rule); null when it is not the producer's. */
export type SavedProduct = Prisma.ProductGetPayload<object> & { unpublished: boolean };

export async function updateOwnProduct(
  producerId: string,
  productId: string,
  actorId: string,
  input: ProductInput,
): Promise<SavedProduct | null> {
  try {
    return await db.$transaction(async (tx): Promise<SavedProduct | null> => {
      const existing = await tx.product.findFirst({
        where: { id: productId, producerId },
        include: { variants: { select: { id: true } } },
      });
      if (!existing) return null;
      const ownVariantIds = new Set(existing.variants.map((v) => v.id));
      const keep = new Set(input.variants.map((v) => v.id).filter((id): id is string => !!id && ownVariantIds.has(id)));
      const removed = [...ownVariantIds].filter((id) => !keep.has(id));
      if (removed.length) {
        const used = await tx.orderLine.count({ where: { variantId: { in: removed } } });
        if (used) throw new VariantInUseError();
        await tx.variant.deleteMany({ where: { id: { in: removed }, productId } });
      }
      for (const [i, v] of input.variants.entries()) {
        if (v.id && keep.has(v.id)) {
          await tx.variant.update({ where: { id: v.id }, data: variantData(v, i) });
          await applyStockChange(tx, i, v.id, v.sku, v.stock, v.stockShown);
          await tx.priceTier.deleteMany({ where: { variantId: v.id } });
          for (const t of tiers(v)) await tx.priceTier.create({ data: { ...t, variantId: v.id } });
        } else {
          await tx.variant.create({
            data: { ...variantData(v, i), stock: v.stock, productId, priceTiers: { create: tiers(v) } },
          });
        }
      }
      await tx.productCertification.deleteMany({ where: { productId } });
      for (const certificationId of await ownCertificationIds(tx, producerId, input.certificationIds)) {
        await tx.productCertification.create({ data: { productId, certificationId } });
      }
      let after = await tx.product.update({
        where: { id: productId },
        data: productData(input),
      });
      await audit(tx, {
        actorId,
        action: "product.updated",
        entityType: "Product",
        entityId: productId,
        before: { nameId: existing.nameId, status: existing.status },
        after: { nameId: after.nameId },
      });
      // the edit made it food without a certificate covering it: it leaves sale until one does
      const unpublished = after.status === "PUBLISHED" && (await lacksFoodCertificate(tx, productId));
      if (unpublished) {
        after = await tx.product.update({ where: { id: productId }, data: { status: "DRAFT" } });
        await audit(tx, {
          actorId,
          action: "product.unpublish",
          entityType: "Product",
          entityId: productId,
          before: { status: "PUBLISHED" },
          after: { status: "DRAFT", reason: "food-needs-certificate" },
        });
      }
      await productChanged(tx, productId);
      return { ...after, unpublished };
    });
  } catch (err) {
    if (err instanceof VariantInUseError || err instanceof StockChangedError) throw err;
    rethrowSku(err);
  }
}

/** Food (the category or its parent) may be sold only with a valid, verified P-IRT or BPOM certificate covering the product. */
async function lacksFoodCertificate(tx: Tx, productId: string): Promise<boolean> {
  const p = await tx.product.findUniqueOrThrow({
    where: { id: productId },
    select: { category: { select: { isFood: true, parent: { select: { isFood: true } } } } },
  });
  if (!(p.category.isFood || p.category.parent?.isFood)) return false;
  const covered = await tx.productCertification.count({
    where: {
      productId,
      certification: { ...validCertificationWhere(new Date()), type: { in: ["PIRT", "BPOM_MD", "BPOM_ML"] } },
    },
  });
  return covered === 0;
}

/**
 * Publishing needs a verified producer, at least one variant, and — for food — a
 * verified P-IRT or BPOM certificate covering the product. The food rule holds on every
 * edit too: `updateOwnProduct` takes a published product off sale when an edit makes it
 * food without such a certificate.
 */
export async function setOwnProductStatus(
  producerId: string,
  productId: string,
  actorId: string,
  action: "publish" | "unpublish" | "archive",
) {
  return db.$transaction(async (tx) => {
    const p = await tx.product.findFirst({
      where: { id: productId, producerId },
      select: {
        id: true,
        status: true,
        producer: { select: { status: true } },
        category: { select: { isFood: true, parent: { select: { isFood: true } } } },
        _count: { select: { variants: true } },
      },
    });
    if (!p) return null;
    if (action === "publish") {
      if (p.producer.status !== "VERIFIED") throw new PublishRefused("producer-not-verified");
      if (p._count.variants === 0) throw new PublishRefused("no-variant");
      if (await lacksFoodCertificate(tx, productId)) throw new PublishRefused("food-needs-certificate");
    }
    const status = action === "publish" ? "PUBLISHED" : action === "unpublish" ? "DRAFT" : "ARCHIVED";
    const after = await tx.product.update({
      where: { id: productId },
      data: { status, ...(action === "publish" ? { publishedAt: new Date() } : {}) },
    });
    await audit(tx, {
      actorId,
      action: `product.${action}`,
      entityType: "Product",
      entityId: productId,
      before: { status: p.status },
      after: { status },
    });
    await productChanged(tx, productId);
    return after;
  });
}

export type RegistryProduct = {
  nameId: string;
  nameEn: string;
  descriptionId: string;
  descriptionEn: string;
  categoryId: string;
  unit: string;
  weightGrams: number;
  hsCode: string | null;
};

/**
 * A product from the provincial registry (staff import): a DRAFT with one "Standar" variant under the
 * registry's SKU. Its slug takes the SKU when the name's slug is taken (one query, however many
 * products share a name). The caller adds the search job (one per import chunk).
 */
export async function createRegistryProduct(
  tx: Tx,
  producerId: string,
  fields: RegistryProduct,
  variant: { sku: string; priceAmount: bigint; stock: number },
) {
  let slug = slugify(fields.nameId, "produk", 60);
  if (await tx.product.findUnique({ where: { slug } })) slug = `${slug}-${variant.sku.toLowerCase()}`;
  return tx.product.create({
    data: {
      ...fields,
      producerId,
      slug,
      status: "DRAFT",
      variants: { create: { nameId: "Standar", nameEn: "Standard", ...variant } },
    },
    select: { id: true },
  });
}

/** The registry's newer data for a product it created: its fields and its variant's price and stock. */
export async function updateRegistryProduct(
  tx: Tx,
  productId: string,
  variantId: string,
  fields: RegistryProduct,
  variant: { priceAmount: bigint; stock: number },
) {
  await tx.product.update({ where: { id: productId }, data: fields });
  await tx.variant.update({ where: { id: variantId }, data: variant });
}
