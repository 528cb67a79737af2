/**
 * Faults: Meilisearch stopped, a worker killed mid-index-batch and mid-import, PostgreSQL
 * restarted under load, and a payment that arrives after its hold expired. Each service that is stopped here is
 * one this file started for itself.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { productChanged } from "~/jobs/search-index.server";
import { expireUnpaidOrders } from "~/domain/orders/cancellation.server";
import { startCardPayment } from "~/domain/orders/checkout.server";
import { handleStripeEvent } from "~/domain/payments/payments.server";
import { createImportJob, TEMPLATE_COLUMNS, TEMPLATE_EXAMPLE } from "~/domain/imports/registry-import.server";
import { drainJobs } from "~/jobs/worker.server";
import { queuedJobs } from "../helpers/jobs";
import { getMeili } from "../../search/client";
import { startEmbeddedMeili } from "../../scripts/lib/meili";
import { ensureDatabase, startEmbeddedPostgres } from "../../scripts/lib/postgres";
import { freePort } from "../../scripts/lib/ports";
import { migrateDeploy } from "../../scripts/lib/prisma-cli";
import { FakeStripe } from "../fakes/stripe-server";
import { Client, reviewAndPlace, startHttpApp } from "../helpers/app";
import { createProduct, createUser } from "../helpers/fixtures";
import { orderFor, sellable, shippingRate } from "../helpers/orders";
import { spawnApp, spawnWorker, stopChild, waitFor } from "../helpers/processes";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "anjung-faults-"));
fs.chmodSync(tmp, 0o755);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function indexedCount() {
  const index = getMeili().index(`${process.env.MEILI_INDEX_PREFIX}products`);
  return (await index.getStats()).numberOfDocuments;
}

describe("faults", () => {
  it("Meilisearch stopped: browsing and checkout work, search says it is degraded, the index catches up after", async () => {
    const port = await freePort();
    const key = "faults-meili-key-0123456789abcdef";
    const start = () =>
      startEmbeddedMeili({
        dataDir: path.join(tmp, "meili"),
        binDir: path.resolve(".data", "bin"),
        port,
        masterKey: key,
      });
    let meili = await start();
    const saved = { host: process.env.MEILI_HOST, key: process.env.MEILI_MASTER_KEY };
    Object.assign(process.env, { MEILI_HOST: meili.host, MEILI_MASTER_KEY: key });
    const app = await startHttpApp();
    try {
      const { product, variant } = await sellable({ stock: 5, name: "Tikar rotan" });
      await createProduct({ nameId: "Tas purun", nameEn: "Purun bag" });
      for (const p of await db.product.findMany()) await productChanged(db, p.id);
      await drainJobs();
      expect(await indexedCount()).toBe(await db.product.count({ where: { status: "PUBLISHED" } }));

      await meili.stop();
      const visitor = await new Client(app.base).ready();
      expect((await visitor.request(`/products/${product.slug}`)).status).toBe(200);
      const search = await visitor.request("/search?q=rotan");
      expect(search.status).toBe(200);
      expect(await search.text()).toContain("Pencarian sedang terbatas");
      await shippingRate();
      // added, and sent back to the product page (post/redirect/get)
      const added = await visitor.post(`/products/${product.slug}`, { variantId: variant.id, quantity: "1" });
      expect([added.status, added.headers.get("Location")]).toEqual([302, `/products/${product.slug}?added=1`]);
      const { response: placed } = await reviewAndPlace(visitor, "/checkout", {
        email: "a@example.test",
        name: "Siti",
        phone: "+62 812 3456 7890",
        country: "ID",
        province: "63",
        regencyCode: "",
        city: "Banjarmasin",
        address: "Jl. A 1",
        postcode: "70111",
        paymentMethod: "BANK_TRANSFER",
      });
      expect(placed.status).toBe(302);
      expect(placed.headers.get("location")).toMatch(/\/orders\/AJ/);

      // edits made while search is down wait in the queue, with the error and a back-off
      await db.product.update({ where: { id: product.id }, data: { nameId: "Tikar rotan lampit" } });
      await productChanged(db, product.id);
      await expect(drainJobs()).rejects.toThrow(/search_index/);
      const [waiting] = await queuedJobs("search_index");
      expect(waiting).toMatchObject({ attempts: 1, payload: { productIds: [product.id] } });
      expect(waiting.lastError).toBeTruthy();

      meili = await start();
      // the job runs again after its back-off; nothing is missing once it has
      expect(
        await waitFor(
          async () => (await drainJobs().catch(() => 0)) >= 0 && (await queuedJobs("search_index")).length === 0,
          30_000,
          500,
        ),
      ).toBe(true);
      expect(await indexedCount()).toBe(await db.product.count({ where: { status: "PUBLISHED" } }));
      const hit = await getMeili().index(`${process.env.MEILI_INDEX_PREFIX}products`).search("lampit");
      expect(hit.hits.map((h) => h.id)).toContain(product.id);
    } finally {
      await app.stop();
      await meili.stop();
      Object.assign(process.env, { MEILI_HOST: saved.host, MEILI_MASTER_KEY: saved.key });
    }
  }, 120_000);

  it("a worker killed with SIGKILL mid-index-batch loses no document: its jobs go to the next worker once its heartbeat stops", async () => {
    const { producer, category } = await createProduct({ nameId: "Keranjang", nameEn: "Basket" });
    await drainJobs();
    const N = 6000;
    await db.$executeRawUnsafe(
      `INSERT INTO "Product" (id, "producerId", slug, "nameId", "nameEn", "descriptionId", "descriptionEn", "categoryId", "weightGrams", status, "publishedAt", "updatedAt")
       SELECT 'kp' || g, $1, 'keranjang-kp-' || g, 'Keranjang rotan ' || g, 'Rattan basket ' || g, 'd', 'd', $2, 100, 'PUBLISHED', now(), now() FROM generate_series(1, ${N}) g`,
      producer.id,
      category.id,
    );
    await db.$executeRawUnsafe(
      `INSERT INTO "Variant" (id, "productId", sku, "nameId", "nameEn", "priceAmount", stock, "updatedAt") SELECT 'kv' || g, 'kp' || g, 'KSKU-' || g, 'S', 'S', 100000, 3, now() FROM generate_series(1, ${N}) g`,
    );
    // as an import would queue them: jobs of 500 products each
    await db.$executeRawUnsafe(
      `SELECT graphile_worker.add_job('search_index', json_build_object('productIds', array_agg(id ORDER BY id)), priority => 10)
       FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / 500 AS batch FROM "Product") p GROUP BY batch`,
    );
    const jobsBefore = (await queuedJobs("search_index")).length;
    const fast = { WORKER_DEAD_AFTER_MS: "2000", WORKER_CONCURRENCY: "2" };
    const first = await spawnWorker("doomed", fast);
    expect(await waitFor(async () => (await queuedJobs("search_index")).length < jobsBefore, 60_000, 20)).toBe(true);
    await stopChild(first.child, "SIGKILL");
    const left = await queuedJobs("search_index");
    // the kill landed mid-way: some batches were done, others waiting, and the dead worker held some
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThan(jobsBefore);
    const heldByDead = left.filter((j) => j.lockedBy).length;
    const second = await spawnWorker("successor", fast);
    try {
      expect(await waitFor(async () => (await queuedJobs("search_index")).length === 0, 120_000, 250)).toBe(true);
    } finally {
      await second.stop();
    }
    const visible = await db.product.count({ where: { status: "PUBLISHED" } });
    expect(await indexedCount()).toBe(visible);
    console.warn(
      `faults: killed a worker with ${left.length} of ${jobsBefore} index jobs left (${heldByDead} held by it); after the successor the index holds all ${visible}`,
    );
  }, 240_000);

  it("a worker killed with SIGKILL mid-import: the successor finishes it with every row applied once", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    for (const [slug, nameId, nameEn] of [
      ["anyaman-rotan", "Anyaman rotan", "Rattan weaving"],
      ["anyaman-purun", "Anyaman purun", "Purun weaving"],
    ]) {
      await db.category.upsert({ where: { slug }, create: { slug, nameId, nameEn }, update: {} });
    }
    const ROWS = 3000;
    const rows = Array.from({ length: ROWS }, (_, i) => {
      const nib = `64${String(i).padStart(11, "0")}`;
      return TEMPLATE_EXAMPLE[0]
        .replace("6309000000001", nib)
        .replace("Kelompok Anyam Amuntai Jaya", `Kelompok Uji ${i}`)
        .replace("AMJ-TAS-01", `UJI-${i}`);
    });
    const job = await createImportJob(staff.id, "besar.csv", `${TEMPLATE_COLUMNS.join(",")}\n${rows.join("\n")}\n`);
    const env = { WORKER_DEAD_AFTER_MS: "2000", IMPORT_CHUNK_ROWS: "100" };
    const first = await spawnWorker("doomed-import", env);
    const progress = async () => (await db.importJob.findUniqueOrThrow({ where: { id: job.id } })).processed;
    expect(await waitFor(async () => (await progress()) >= 300, 120_000, 20)).toBe(true);
    await stopChild(first.child, "SIGKILL");
    const atKill = await progress();
    expect(atKill).toBeLessThan(ROWS);
    const second = await spawnWorker("successor-import", env);
    try {
      expect(
        await waitFor(
          async () => (await db.importJob.findUniqueOrThrow({ where: { id: job.id } })).status === "DONE",
          180_000,
          250,
        ),
      ).toBe(true);
    } finally {
      await second.stop();
    }
    const done = await db.importJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(done).toMatchObject({ processed: ROWS, created: ROWS, updated: 0, unchanged: 0, refused: 0 });
    expect(await db.producer.count({ where: { legalName: { startsWith: "Kelompok Uji " } } })).toBe(ROWS);
    expect(await db.variant.count({ where: { sku: { startsWith: "UJI-" } } })).toBe(ROWS);
    expect(await db.certification.count({ where: { type: "NIB", number: { startsWith: "64" } } })).toBe(ROWS);
    expect(await db.auditLog.count({ where: { action: "import.finished", entityId: job.id } })).toBe(1);
    console.warn(
      `faults: killed the import worker at row ${atKill} of ${ROWS}; the successor finished with ${ROWS} producers and products, none twice`,
    );
  }, 300_000);

  it("PostgreSQL restarted under load: requests fail fast with a friendly page, then recover without restarting the app", async () => {
    const port = await freePort();
    const start = () => startEmbeddedPostgres({ dataDir: path.join(tmp, "pg"), port });
    let pg = await start();
    await ensureDatabase(pg.url("postgres"), "faults");
    await migrateDeploy(pg.url("faults"));
    // the page cache off: this test is about renders that need the database
    const app = await spawnApp({ DATABASE_URL: pg.url("faults"), DATABASE_POOL_SIZE: "4", PAGE_CACHE_MS: "0" });
    try {
      const get = async (p: string) => {
        const t0 = Date.now();
        const res = await fetch(`${app.base}${p}`);
        return { status: res.status, body: await res.text(), ms: Date.now() - t0 };
      };
      expect((await get("/")).status).toBe(200);
      // load while it goes down
      const load = Promise.all(
        Array.from({ length: 20 }, () => get("/").catch(() => ({ status: 0, body: "", ms: 0 }))),
      );
      await pg.stop();
      await load;
      const down = await get("/");
      expect(down.status).toBeGreaterThanOrEqual(500);
      expect(down.body).toContain("Terjadi kesalahan");
      expect(down.ms).toBeLessThan(7_000);
      const health = await get("/healthz");
      expect(health.status).toBe(503);
      pg = await start();
      expect(await waitFor(async () => (await get("/")).status === 200, 30_000, 500)).toBe(true);
      expect((await get("/healthz")).status).toBe(200);
    } finally {
      await app.stop();
      await pg.stop();
    }
  }, 180_000);

  it("a card payment arriving after the hold expired and the stock sold is refunded, never oversold", async () => {
    const fake = await new FakeStripe({ secretKey: "sk_test_faults", webhookSecret: "whsec_faults" }).start();
    Object.assign(process.env, {
      STRIPE_SECRET_KEY: fake.opts.secretKey,
      STRIPE_WEBHOOK_SECRET: fake.opts.webhookSecret,
      STRIPE_API_URL: fake.url,
    });
    try {
      const { variant } = await sellable({ stock: 1 });
      const order = await orderFor([{ variantId: variant.id, quantity: 1 }], { paymentMethod: "STRIPE" });
      const url = await startCardPayment(order.id);
      // the buyer pays at the last second; Stripe's webhook is delayed
      const { session } = await fake.pay(url.split("/pay/")[1]);
      await db.order.update({ where: { id: order.id }, data: { reservedUntil: new Date(Date.now() - 1000) } });
      expect(await expireUnpaidOrders()).toBeGreaterThanOrEqual(1);
      await orderFor([{ variantId: variant.id, quantity: 1 }]); // someone else takes the unit
      const event = JSON.parse(fake.signedEvent("checkout.session.completed", session).payload);
      expect(await handleStripeEvent(event)).toBe("late-sold-out");
      expect((await db.variant.findUniqueOrThrow({ where: { id: variant.id } })).stock).toBe(0);
      expect(await db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "REFUNDED" });
    } finally {
      for (const k of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_URL"]) delete process.env[k];
      await fake.stop();
    }
  });
});
