/**
 * Product photos: up to 8 per product, ordered, the first is the cover. An upload is
 * checked at once (type by content, size, pixel count) and kept as an original; the
 * AVIF/WebP variants are made by the image_variants job off the request path (and outside
 * any transaction), and the page shows progress until they are ready, or the failure with a
 * button to try again.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { db, type Tx } from "~/lib/db.server";
import { enqueue, PRIORITY } from "~/jobs/queue.server";
import { productChanged } from "~/jobs/search-index.server";
import { inspectImage, storeImage } from "./images.server";

export const MAX_IMAGES = 8;

export class TooManyImages extends Error {}

export function uploadsDir() {
  return path.join(path.resolve(process.env.DATA_DIR ?? ".data"), "uploads");
}
function originalsDir() {
  return path.join(path.resolve(process.env.DATA_DIR ?? ".data"), "originals");
}

/** Checks every file first: one bad file refuses the whole upload and nothing is stored. */
export async function addProductImages(producerId: string, productId: string, files: Buffer[]) {
  const product = await db.product.findFirst({
    where: { id: productId, producerId },
    select: { id: true, nameId: true, nameEn: true, _count: { select: { images: true } } },
  });
  if (!product) return null;
  if (product._count.images + files.length > MAX_IMAGES) throw new TooManyImages();
  for (const f of files) await inspectImage(f);
  await fs.mkdir(originalsDir(), { recursive: true });
  const saved: string[] = [];
  try {
    for (const f of files) {
      const name = crypto.randomBytes(16).toString("hex");
      await fs.writeFile(path.join(originalsDir(), name), f);
      saved.push(name);
    }
    return await db.$transaction(async (tx) => {
      const count = await tx.productImage.count({ where: { productId } });
      if (count + files.length > MAX_IMAGES) throw new TooManyImages();
      const ids: string[] = [];
      for (const [i, name] of saved.entries()) {
        const img = await tx.productImage.create({
          data: {
            productId,
            key: "",
            width: 0,
            height: 0,
            variantWidths: [],
            ready: false,
            originalPath: name,
            position: count + i,
            altId: product.nameId,
            altEn: product.nameEn,
          },
        });
        await enqueueVariants(tx, img.id);
        ids.push(img.id);
      }
      return ids;
    });
  } catch (err) {
    for (const name of saved) await fs.rm(path.join(originalsDir(), name), { force: true });
    throw err;
  }
}

/** Variants get a few tries; after that the producer sees the failure and can try again. */
export const IMAGE_ATTEMPTS = 3;

function enqueueVariants(tx: Tx, imageId: string) {
  return enqueue(
    tx,
    "image_variants",
    { imageId },
    { jobKey: `image:${imageId}`, priority: PRIORITY.interactive, maxAttempts: IMAGE_ATTEMPTS },
  );
}

/**
 * The job: make the variants of one uploaded image (idempotent; a missing or ready image is
 * done). The encoding runs outside any transaction; only the bookkeeping is transactional.
 */
export async function processProductImage(imageId: string) {
  const img = await db.productImage.findUnique({ where: { id: imageId } });
  if (!img || img.ready || !img.originalPath) return false;
  const file = path.join(originalsDir(), path.basename(img.originalPath));
  let stored;
  try {
    stored = await storeImage(await fs.readFile(file), uploadsDir());
  } catch (err) {
    await db.productImage.updateMany({
      where: { id: imageId, ready: false },
      data: { error: err instanceof Error ? err.message.slice(0, 200) : "failed" },
    });
    throw err;
  }
  await db.$transaction(async (tx) => {
    const done = await tx.productImage.updateMany({
      where: { id: imageId, ready: false },
      data: {
        key: stored.key,
        width: stored.width,
        height: stored.height,
        variantWidths: stored.widths,
        ready: true,
        originalPath: null,
        error: null,
      },
    });
    if (done.count) await productChanged(tx, img.productId);
  });
  await fs.rm(file, { force: true });
  return true;
}

/** The producer asks to try a failed photo again: the error is cleared and the job runs anew. */
export async function retryProductImage(producerId: string, imageId: string) {
  return db.$transaction(async (tx) => {
    const img = await tx.productImage.findFirst({
      where: { id: imageId, product: { producerId } },
      select: { id: true, ready: true, originalPath: true },
    });
    if (!img) return null;
    if (img.ready || !img.originalPath) return true;
    await tx.productImage.update({ where: { id: imageId }, data: { error: null } });
    await enqueueVariants(tx, imageId);
    return true;
  });
}

async function reorder(tx: Tx, productId: string, orderedIds: string[]) {
  for (const [i, id] of orderedIds.entries()) await tx.productImage.update({ where: { id }, data: { position: i } });
  await productChanged(tx, productId);
}

/** Moves a photo up or down, or to the front (the cover). */
export async function moveProductImage(producerId: string, imageId: string, to: "up" | "down" | "cover") {
  return db.$transaction(async (tx) => {
    const img = await tx.productImage.findFirst({
      where: { id: imageId, product: { producerId } },
      select: { productId: true },
    });
    if (!img) return null;
    const ids = (
      await tx.productImage.findMany({
        where: { productId: img.productId },
        orderBy: { position: "asc" },
        select: { id: true },
      })
    ).map((r) => r.id);
    const i = ids.indexOf(imageId);
    const j = to === "up" ? i - 1 : to === "down" ? i + 1 : 0;
    if (j < 0 || j >= ids.length || i === j) return true;
    ids.splice(i, 1);
    ids.splice(j, 0, imageId);
    await reorder(tx, img.productId, ids);
    return true;
  });
}

export async function deleteProductImage(producerId: string, imageId: string) {
  return db.$transaction(async (tx) => {
    const img = await tx.productImage.findFirst({
      where: { id: imageId, product: { producerId } },
      select: { productId: true, originalPath: true },
    });
    if (!img) return null;
    await tx.productImage.delete({ where: { id: imageId } });
    const ids = (
      await tx.productImage.findMany({
        where: { productId: img.productId },
        orderBy: { position: "asc" },
        select: { id: true },
      })
    ).map((r) => r.id);
    await reorder(tx, img.productId, ids);
    if (img.originalPath) await fs.rm(path.join(originalsDir(), path.basename(img.originalPath)), { force: true });
    return true;
  });
}
