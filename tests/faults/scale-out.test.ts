/**
 * Two app processes and two workers against one database and one Meilisearch (the shape
 * docs/scaling.md describes): concurrent checkouts through both apps never oversell, a
 * transfer confirmed on both at once is booked once, both workers share the job queue
 * (the index ends right), the scheduled sweep of expired holds runs once across both
 * (stock returned once), and a payout batch requested on both at once is made once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { productChanged } from "~/jobs/search-index.server";
import { getMeili } from "../../search/client";
import { Client, reviewFields } from "../helpers/app";
import { createUser, signedInCookie } from "../helpers/fixtures";
import { completeParcels, sellable, shippingRate } from "../helpers/orders";
import { queuedJobs } from "../helpers/jobs";
import { spawnApp, spawnWorker, waitFor } from "../helpers/processes";
import { toInputString } from "~/domain/money";

type Proc = { stop: () => Promise<void> };
const procs: Proc[] = [];
let apps: Array<{ base: string }> = [];

beforeAll(async () => {
  apps = await Promise.all([spawnApp(), spawnApp()]);
  procs.push(...(apps as unknown as Proc[]));
}, 120_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.stop()));
});

const form = (i: number) => ({
  intent: "place",
  email: `b${i}@example.test`,
  name: `Pembeli ${i}`,
  phone: "+62 812 3456 7890",
  country: "ID",
  province: "63",
  regencyCode: "",
  city: "Banjarmasin",
  address: `Jl. A ${i}`,
  postcode: "70111",
  paymentMethod: "BANK_TRANSFER",
});

describe("two app processes and two workers", () => {
  it("have no duplicate side effects", async () => {
    const { product, variant, producer } = await sellable({ stock: 100, name: "Madu kelulut" });
    await shippingRate();

    // 1. 40 buyers, alternating between the two apps, race for 10 units
    const buyers = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const c = await new Client(apps[i % 2].base).ready();
        const added = await c.post(`/products/${product.slug}`, { variantId: variant.id, quantity: "1" });
        expect([added.status, added.headers.get("Location")]).toEqual([302, `/products/${product.slug}?added=1`]);
        return c;
      }),
    );
    // every buyer reviews first (as the page makes them), then all place at once
    const reviewed = await Promise.all(
      buyers.map(async (c, i) =>
        reviewFields(await (await c.post("/checkout", { ...form(i), intent: "review" })).text()),
      ),
    );
    await db.variant.update({ where: { id: variant.id }, data: { stock: 10 } });
    const results = await Promise.all(buyers.map((c, i) => c.post("/checkout", { ...form(i), ...reviewed[i] })));
    expect(results.filter((r) => r.status === 302).length).toBe(10);
    expect(results.filter((r) => r.status === 409).length).toBe(30);
    expect((await db.variant.findUniqueOrThrow({ where: { id: variant.id } })).stock).toBe(0);
    const orders = await db.order.findMany({ where: { lines: { some: { variantId: variant.id } } } });
    expect(orders).toHaveLength(10);

    // 2. the same transfer confirmed by two staff members on the two apps at once
    const staff = await createUser({ roles: ["STAFF"] });
    const cookie = await signedInCookie(staff.id);
    const paidOrder = orders[0];
    const confirmations = await Promise.all(
      apps.map(async (a) =>
        new Client(a.base, cookie).post("/trade/payments", {
          orderId: paidOrder.id,
          received: toInputString(paidOrder.transferAmount!, "IDR"),
        }),
      ),
    );
    expect(confirmations.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await db.payment.count({ where: { orderId: paidOrder.id } })).toBe(1);
    expect(await db.ledgerEntry.count({ where: { producerId: producer.id, kind: "SALE_CREDIT" } })).toBe(1);
    expect(await db.outboundMail.count({ where: { kind: "order.paid", to: paidOrder.email } })).toBe(1);

    // 3. two workers: the index right, expired holds returned once (the workers were "down" for three minutes: both
    //    backfill the missed sweeps at start, and each missed minute is swept once)
    const others = orders.slice(1);
    await db.order.updateMany({
      where: { id: { in: others.map((o) => o.id) } },
      data: { reservedUntil: new Date(Date.now() - 1000) },
    });
    const edits = await db.product.findMany({ take: 50 });
    for (const p of edits) {
      await db.product.update({ where: { id: p.id }, data: { nameEn: `${p.nameEn} (edited)` } });
      await productChanged(db, p.id);
    }
    await db.$executeRaw`INSERT INTO graphile_worker._private_known_crontabs (identifier, known_since, last_execution)
      VALUES ('order_holds', now() - interval '1 hour', now() - interval '3 minutes')
      ON CONFLICT (identifier) DO UPDATE SET last_execution = excluded.last_execution`;
    const workers = await Promise.all([spawnWorker("w1"), spawnWorker("w2")]);
    procs.push(...workers);
    expect(
      await waitFor(
        async () =>
          (await queuedJobs("search_index")).length === 0 &&
          (await db.order.count({ where: { id: { in: others.map((o) => o.id) }, status: "CANCELLED" } })) ===
            others.length,
        60_000,
        250,
      ),
    ).toBe(true);
    expect((await db.variant.findUniqueOrThrow({ where: { id: variant.id } })).stock).toBe(others.length);
    expect(
      await db.stockReservation.count({ where: { orderId: { in: others.map((o) => o.id) }, status: "RELEASED" } }),
    ).toBe(others.length);
    expect(await db.outboundMail.count({ where: { kind: "order.cancelled" } })).toBe(others.length);
    expect(
      await db.auditLog.count({ where: { action: "order.cancelled", entityId: { in: others.map((o) => o.id) } } }),
    ).toBe(others.length);
    // each missed minute swept once across both workers (three or four, depending on where the minute falls)
    const [sweeps] = await db.$queryRaw<
      Array<{ last: Date }>
    >`SELECT last_execution AS last FROM graphile_worker._private_known_crontabs WHERE identifier = 'order_holds'`;
    expect(Date.now() - sweeps.last.getTime()).toBeLessThan(61_000);
    const index = getMeili().index(`${process.env.MEILI_INDEX_PREFIX}products`);
    expect(
      await waitFor(
        async () =>
          (await index.getStats()).numberOfDocuments === (await db.product.count({ where: { status: "PUBLISHED" } })),
        30_000,
        250,
      ),
    ).toBe(true);
    const doc = await index.getDocument(edits[0].id);
    expect(String(doc.name_en)).toContain("(edited)");

    // 4. a payout batch requested on both apps at once is made once (once the paid parcel completed: escrow)
    await completeParcels(paidOrder.id);
    const payouts = await Promise.all(
      apps.map((a) => new Client(a.base, cookie).post("/trade/payouts", { intent: "create" })),
    );
    expect(payouts.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await db.payoutBatch.count()).toBe(1);
    expect(await db.ledgerEntry.count({ where: { kind: "PAYOUT", producerId: producer.id } })).toBe(1);
  }, 180_000);
});
