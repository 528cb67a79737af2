import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { productChanged, producerChanged } from "~/domain/outbox.server";
import { getMeili, indexName } from "../../search/client";
import { drainAll, drainOnce, ensureIndex, expireCertificates, reindexAll } from "../../search/worker";
import { createCatalogue } from "../helpers/fixtures";

const index = () => getMeili().index(indexName("products"));
const ids = async (q: string, filter?: string) => (await index().search(q, { filter })).hits.map((h) => h.id as string);

describe("search index kept right by the outbox", () => {
  beforeAll(async () => {
    await ensureIndex();
  });

  it("indexes a published product of a verified producer once its event is drained", async () => {
    const { product } = await createCatalogue();
    await productChanged(db, product.id);
    expect(await ids("jawet")).not.toContain(product.id);
    await drainAll();
    expect(await ids("jawet")).toContain(product.id);
    expect(await db.outboxEvent.count({ where: { status: "PENDING" } })).toBe(0);
  });

  it("finds rattan goods with a typo and across languages", async () => {
    const { product } = await createCatalogue();
    await productChanged(db, product.id);
    await drainAll();
    expect(await ids("rottan")).toContain(product.id); // typo
    expect(await ids("rattan basket")).toContain(product.id); // English
    expect(await ids("anyaman rotan")).toContain(product.id); // Indonesian
    expect(await ids("woven")).toContain(product.id); // synonym of anyaman
    expect(await ids("", `regencyCode = "62.09"`)).toContain(product.id);
  });

  it("removes products of a suspended producer, and of a pending one never shows them", async () => {
    const { product, producer } = await createCatalogue();
    await productChanged(db, product.id);
    await drainAll();
    expect(await ids("jawet")).toContain(product.id);
    await db.$transaction(async (tx) => {
      await tx.producer.update({ where: { id: producer.id }, data: { status: "SUSPENDED" } });
      await producerChanged(tx, producer.id);
    });
    await drainAll();
    expect(await ids("jawet")).not.toContain(product.id);

    const pending = await createCatalogue({ producerStatus: "PENDING" });
    await productChanged(db, pending.product.id);
    await drainAll();
    expect(await ids("jawet")).not.toContain(pending.product.id);
  });

  it("loses nothing when a worker dies between commit and indexing", async () => {
    const { product } = await createCatalogue();
    await productChanged(db, product.id);
    // a worker that claims the batch and dies: its transaction rolls back, the rows stay pending
    await expect(
      db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT id FROM "OutboxEvent" WHERE status = 'PENDING' FOR UPDATE SKIP LOCKED`;
        throw new Error("killed");
      }),
    ).rejects.toThrow("killed");
    expect(await db.outboxEvent.count({ where: { status: "PENDING", aggregateId: product.id } })).toBe(1);
    expect((await drainOnce()).handled).toBeGreaterThan(0);
    expect(await ids("jawet")).toContain(product.id);
  });

  it("un-badges a product when its certificate expires, without anyone acting", async () => {
    const { product, producer } = await createCatalogue();
    const cert = await db.certification.create({
      data: { producerId: producer.id, type: "HALAL", number: `ID63${Date.now()}`, issuer: "BPJPH", issuedAt: new Date("2024-01-01"), expiresAt: new Date(Date.now() + 86_400_000), status: "VERIFIED" },
    });
    await db.productCertification.create({ data: { productId: product.id, certificationId: cert.id } });
    await productChanged(db, product.id);
    await drainAll();
    expect(await ids("", `certifications = "HALAL" AND producerSlug = "${producer.slug}"`)).toEqual([product.id]);

    expect(await expireCertificates(new Date(Date.now() + 2 * 86_400_000))).toBe(1);
    await drainAll();
    expect((await db.certification.findUniqueOrThrow({ where: { id: cert.id } })).status).toBe("EXPIRED");
    expect(await ids("", `certifications = "HALAL" AND producerSlug = "${producer.slug}"`)).toEqual([]);
    expect(await db.auditLog.count({ where: { entityId: cert.id, action: "certification.expired" } })).toBe(1);
  });

  it("rebuilds the whole index from PostgreSQL", async () => {
    await createCatalogue();
    await index().deleteAllDocuments().waitTask();
    const visible = await db.product.count({ where: { status: "PUBLISHED", producer: { status: "VERIFIED" } } });
    const r = await reindexAll();
    expect(r.indexed).toBe(visible);
    expect((await index().getStats()).numberOfDocuments).toBe(visible);
  });
});
