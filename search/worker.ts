/**
 * The outbox worker: drains OutboxEvent rows into Meilisearch. Rows are claimed with
 * FOR UPDATE SKIP LOCKED inside a transaction, so several workers can run side by side
 * and a worker killed mid-batch leaves its rows pending for the next one. Upserts and
 * deletes by primary key are idempotent, so doing a batch twice is harmless.
 * It also expires certificates whose date has passed, which un-badges their products.
 */
import { db } from "../app/lib/db.server";
import { getMeili, indexName } from "./client";
import { productIndexSettings } from "./settings";
import { buildDocuments } from "./documents";
import { producerChanged } from "../app/domain/outbox.server";
import { processProductImage } from "../app/domain/media/product-images.server";
import { sendExpiryReminders } from "../app/domain/certification/certificates.server";
import { expireUnpaidOrders } from "../app/domain/orders/cancellation.server";
import { expireLotOffers } from "../app/domain/trade/lots.server";
import { runNextImportJob } from "../app/domain/imports/registry-import.server";

const BATCH = 200;
const MAX_BACKOFF_MS = 5 * 60_000;

export async function ensureIndex() {
  const meili = getMeili();
  const uid = indexName("products");
  try {
    await meili.getIndex(uid);
  } catch {
    await meili.createIndex(uid, { primaryKey: "id" }).waitTask({ timeout: 30_000 });
  }
  await meili.index(uid).updateSettings(productIndexSettings).waitTask({ timeout: 60_000 });
}

/** Indexes (or removes) the given products now. */
export async function syncProducts(productIds: string[]) {
  if (productIds.length === 0) return { upserted: 0, deleted: 0 };
  const { upserts, deletes } = await buildDocuments(db, productIds);
  const index = getMeili().index(indexName("products"));
  if (upserts.length) await index.addDocuments(upserts, { primaryKey: "id" }).waitTask({ timeout: 60_000 });
  if (deletes.length) await index.deleteDocuments(deletes).waitTask({ timeout: 60_000 });
  return { upserted: upserts.length, deleted: deletes.length };
}

/** Claims and processes one batch of pending events; returns how many were handled. */
export async function drainOnce(): Promise<{ handled: number; failed: number; error?: string }> {
  return db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<Array<{ id: bigint; topic: string; aggregateId: string; attempts: number }>>`
        SELECT id, topic, "aggregateId", attempts FROM "OutboxEvent"
        WHERE status = 'PENDING' AND "availableAt" <= now()
        ORDER BY id LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return { handled: 0, failed: 0 };
      // jobs first (they may produce product changes of their own, drained next round)
      for (const r of rows.filter((x) => x.topic === "image.process")) await processProductImage(tx, r.aggregateId);
      const productIds = new Set<string>();
      const producerIds = rows.filter((r) => r.topic === "producer.changed").map((r) => r.aggregateId);
      for (const r of rows) if (r.topic === "product.changed") productIds.add(r.aggregateId);
      if (producerIds.length) {
        const products = await tx.product.findMany({ where: { producerId: { in: producerIds } }, select: { id: true } });
        for (const p of products) productIds.add(p.id);
      }
      const ids = rows.map((r) => r.id);
      try {
        await syncProducts([...productIds]);
        await tx.outboxEvent.updateMany({ where: { id: { in: ids } }, data: { status: "DONE", processedAt: new Date(), lastError: null } });
      } catch (err) {
        const message = err instanceof Error ? err.message.slice(0, 500) : String(err);
        const attempts = Math.max(...rows.map((r) => r.attempts)) + 1;
        const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts, 12));
        await tx.outboxEvent.updateMany({
          where: { id: { in: ids } },
          data: { attempts: { increment: 1 }, lastError: message, availableAt: new Date(Date.now() + backoff) },
        });
        // committed with the transaction: these rows wait for their back-off, then retry
        return { handled: 0, failed: rows.length, error: message };
      }
      return { handled: rows.length, failed: 0 };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/** Drains until nothing is pending (or `maxBatches` is reached). */
export async function drainAll(maxBatches = 1000) {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const r = await drainOnce();
    if (r.failed) throw new Error(`outbox batch failed, will retry: ${r.error}`);
    if (r.handled === 0) break;
    total += r.handled;
  }
  return total;
}

/**
 * Certificates past their expiry date become EXPIRED, and their producer's products are
 * re-indexed (so the badge disappears) in the same transaction.
 */
export async function expireCertificates(now = new Date()) {
  return db.$transaction(async (tx) => {
    const expired = await tx.certification.findMany({
      where: { status: "VERIFIED", expiresAt: { lte: now } },
      select: { id: true, producerId: true },
    });
    if (expired.length === 0) return 0;
    await tx.certification.updateMany({ where: { id: { in: expired.map((c) => c.id) }, status: "VERIFIED" }, data: { status: "EXPIRED" } });
    for (const producerId of new Set(expired.map((c) => c.producerId))) await producerChanged(tx, producerId);
    await tx.auditLog.createMany({
      data: expired.map((c) => ({ action: "certification.expired", entityType: "Certification", entityId: c.id, after: { status: "EXPIRED" } })),
    });
    return expired.length;
  });
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
    const batch = await db.product.findMany({ select: { id: true }, orderBy: { id: "asc" }, take: batchSize, ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}) });
    if (batch.length === 0) break;
    const res = await buildDocuments(db, batch.map((b) => b.id));
    if (res.upserts.length) tasks.push((await index.addDocuments(res.upserts, { primaryKey: "id" })).taskUid);
    for (const d of res.upserts) keep.add(d.id);
    done += batch.length;
    cursor = batch[batch.length - 1].id;
    onProgress?.(done, total);
  }
  const meili = getMeili();
  for (const uid of tasks) {
    const task = await meili.tasks.waitForTask(uid, { timeout: 600_000, interval: 100 });
    if (task.status !== "succeeded") throw new Error(`indexing task ${uid} ${task.status}: ${task.error?.message ?? ""}`);
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
  if (stale.length) await index.deleteDocuments(stale).waitTask({ timeout: 60_000 });
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

/** Runs in the app process (or alone via `npm run search:worker`). Returns a stop function. */
export function startOutboxWorker(opts: { log: (s: string) => void; intervalMs?: number; expiryEveryMs?: number }) {
  let stopped = false;
  let running: Promise<void> | undefined;
  let lastExpiry = 0;
  let lastHoldSweep = 0;
  const interval = opts.intervalMs ?? 1000;
  const tick = async () => {
    try {
      // unpaid orders whose stock hold ran out give their stock back (checked every 15 s)
      if (Date.now() - lastHoldSweep > 15_000) {
        lastHoldSweep = Date.now();
        const n = await expireUnpaidOrders();
        if (n) opts.log(`${n} unpaid order(s) expired; their stock is back on sale`);
        const late = await expireLotOffers();
        if (late) opts.log(`${late} lot offer(s) passed their deadline; the shortfall is proposed again`);
      }
      if (Date.now() - lastExpiry > (opts.expiryEveryMs ?? 60_000)) {
        lastExpiry = Date.now();
        const n = await expireCertificates();
        if (n) opts.log(`${n} certificate(s) expired; their products are being re-indexed`);
        const r = await sendExpiryReminders();
        if (r) opts.log(`${r} certificate expiry reminder(s) sent`);
      }
      await drainAll(50);
      // staff imports run here too, off the request path, one at a time per worker
      if (await runNextImportJob()) await drainAll(50);
    } catch (err) {
      opts.log(`outbox worker: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`);
    }
  };
  const loop = async () => {
    while (!stopped) {
      running = tick();
      await running;
      await new Promise((r) => setTimeout(r, interval));
    }
  };
  void loop();
  return async () => {
    stopped = true;
    await running;
  };
}
