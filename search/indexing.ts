/**
 * Writing the product index: its settings, documents upserted or removed by product id
 * (idempotent, so doing it twice is harmless), a full rebuild from PostgreSQL and the
 * check at start. What triggers an update is the search_index job (app/jobs/).
 */
import { db, type Tx } from "../app/lib/db.server";
import { getMeili, indexName } from "./client";
import { productIndexSettings } from "./settings";
import { buildDocuments } from "./documents";

export async function ensureIndex() {
  const meili = getMeili();
  const uid = indexName("products");
  try {
    await meili.getIndex(uid);
  } catch {
    succeeded(await settled((await meili.createIndex(uid, { primaryKey: "id" })).taskUid, 30_000));
  }
  succeeded(await settled((await meili.index(uid).updateSettings(productIndexSettings)).taskUid));
}

/**
 * Waits for a Meilisearch task, polling every 10 ms for the first half second, then every 100 ms.
 * (The client's waitTask leaves an abort listener per poll on one signal, which warns past ten.)
 */
export async function settled(taskUid: number, timeoutMs = 60_000) {
  const meili = getMeili();
  const started = Date.now();
  for (;;) {
    const task = await meili.tasks.getTask(taskUid);
    if (task.status !== "enqueued" && task.status !== "processing") return task;
    if (Date.now() - started > timeoutMs)
      throw new Error(`Meilisearch task ${taskUid} still ${task.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, Date.now() - started < 500 ? 10 : 100));
  }
}

function succeeded(task: {
  uid: number;
  status: string;
  type?: string;
  error?: { message: string; code?: string } | null;
}) {
  // removing documents from an index that does not exist yet leaves nothing to remove
  if (task.status === "failed" && task.type === "documentDeletion" && task.error?.code === "index_not_found") return;
  if (task.status !== "succeeded")
    throw new Error(`Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? ""}`);
}

/** Indexes (or removes) the given products now, as `tx` sees them, and waits until Meilisearch has them. */
export async function syncProducts(productIds: string[], tx: Tx = db) {
  if (productIds.length === 0) return { upserted: 0, deleted: 0 };
  const { upserts, deletes } = await buildDocuments(tx, productIds);
  const index = getMeili().index(indexName("products"));
  if (upserts.length) succeeded(await settled((await index.addDocuments(upserts, { primaryKey: "id" })).taskUid));
  if (deletes.length) succeeded(await settled((await index.deleteDocuments(deletes)).taskUid));
  return { upserted: upserts.length, deleted: deletes.length };
}

/**
 * Full reindex from PostgreSQL (settings first), in batches, with progress. Batches are
 * sent without waiting for each one, so Meilisearch can auto-batch them; the run waits
 * for the last task before removing documents that should no longer be there.
 */
export async function reindexAll(onProgress?: (done: number, total: number) => void, batchSize = 2000) {
  await ensureIndex();
  const index = getMeili().index(indexName("products"));
  const total = await db.product.count();
  let done = 0;
  let cursor: string | undefined;
  const keep = new Set<string>();
  const tasks: number[] = [];
  for (;;) {
    const batch = await db.product.findMany({
      select: { id: true },
      orderBy: { id: "asc" },
      take: batchSize,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    if (batch.length === 0) break;
    const res = await buildDocuments(
      db,
      batch.map((b) => b.id),
    );
    if (res.upserts.length) tasks.push((await index.addDocuments(res.upserts, { primaryKey: "id" })).taskUid);
    for (const d of res.upserts) keep.add(d.id);
    done += batch.length;
    cursor = batch[batch.length - 1].id;
    onProgress?.(done, total);
  }
  for (const uid of tasks) {
    const task = await settled(uid, 600_000);
    if (task.status !== "succeeded")
      throw new Error(`indexing task ${uid} ${task.status}: ${task.error?.message ?? ""}`);
  }
  // remove documents of products that no longer exist or are no longer visible
  const stale: string[] = [];
  let offset = 0;
  for (;;) {
    const page = await index.getDocuments({ fields: ["id"], limit: 10_000, offset });
    for (const d of page.results) if (!keep.has(String(d.id))) stale.push(String(d.id));
    if (page.results.length < 10_000) break;
    offset += 10_000;
  }
  if (stale.length) succeeded(await settled((await index.deleteDocuments(stale)).taskUid));
  return { indexed: keep.size, removed: stale.length };
}

/** On start: settings applied; an empty index over a non-empty catalogue is rebuilt. */
export async function prepareSearch(log: (s: string) => void): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    await ensureIndex();
    const stats = await getMeili().index(indexName("products")).getStats();
    if (stats.numberOfDocuments === 0 && (await db.product.count({ where: { status: "PUBLISHED" } })) > 0) {
      log("search index is empty: indexing the catalogue");
      const r = await reindexAll();
      log(`indexed ${r.indexed} products`);
    }
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
