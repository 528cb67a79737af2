/**
 * Search follows PostgreSQL. Every change that affects what search shows adds a job in the
 * same transaction as the change, so a committed change is never left out of the index:
 * `productChanged` for one product, `producerChanged` when a producer's name, status or
 * certificates change (all its products). A pending job for the same product is reused.
 *
 * The job reads the products as they are when it runs and sends them to Meilisearch under a
 * per-product advisory lock, so two jobs for one product never overtake each other.
 */
import type { Task } from "graphile-worker";
import { db, type Tx } from "~/lib/db.server";
import { syncProducts } from "../../search/indexing";
import { stringField, stringList } from "./payload";
import { enqueue, PRIORITY } from "./queue.server";

const CHUNK = 250;

export async function productChanged(tx: Tx, productId: string) {
  await enqueue(
    tx,
    "search_index",
    { productIds: [productId] },
    { jobKey: `search:product:${productId}`, priority: PRIORITY.interactive },
  );
}

/** Many products at once (an import chunk): one job, behind what people are waiting for. */
export async function productsChanged(tx: Tx, productIds: string[]) {
  if (productIds.length) await enqueue(tx, "search_index", { productIds }, { priority: PRIORITY.bulk });
}

export async function producerChanged(tx: Tx, producerId: string, opts: { bulk?: boolean } = {}) {
  await enqueue(
    tx,
    "search_producer",
    { producerId },
    { jobKey: `search:producer:${producerId}`, priority: opts.bulk ? PRIORITY.bulk : PRIORITY.interactive },
  );
}

/** The search_index task. */
export async function indexProducts(productIds: string[]) {
  const ids = [...new Set(productIds)].sort();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    await db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT pg_advisory_xact_lock(k)::text FROM (SELECT DISTINCT hashtext('search:' || id) AS k FROM unnest(${chunk}::text[]) AS id) s ORDER BY k`;
        await syncProducts(chunk, tx);
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  }
  return ids.length;
}

/** The search_producer task. */
export async function indexProducer(producerId: string) {
  const products = await db.product.findMany({ where: { producerId }, select: { id: true } });
  return indexProducts(products.map((p) => p.id));
}

export const searchIndexTask: Task = async (payload) => {
  await indexProducts(stringList(payload, "productIds"));
};

export const searchProducerTask: Task = async (payload) => {
  await indexProducer(stringField(payload, "producerId"));
};
