import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { productChanged, producerChanged } from "~/jobs/search-index.server";
import { getMeili, indexName } from "../../search/client";
import { ensureIndex, reindexAll, settled } from "../../search/indexing";
import { expireCertificates } from "~/domain/certification/certificates.server";
import { drainJobs, rescueJobsOfDeadWorkers } from "~/jobs/worker.server";
import { createCatalogue } from "../helpers/fixtures";
import { queuedJobs } from "../helpers/jobs";

const index = () => getMeili().index(indexName("products"));
const ids = async (q: string, filter?: string) => (await index().search(q, { filter })).hits.map((h) => h.id as string);

describe("search index kept right by jobs added with each change", () => {
  beforeAll(async () => {
    await ensureIndex();
  });

  it("indexes a published product of a verified producer once its job has run; a change made twice before that is one job", async () => {
    const { product } = await createCatalogue();
    await drainJobs();
    await productChanged(db, product.id);
    await productChanged(db, product.id);
    expect((await queuedJobs("search_index")).map((j) => j.payload)).toEqual([{ productIds: [product.id] }]);
    expect(await ids("jawet")).not.toContain(product.id);
    expect(await drainJobs()).toBe(1);
    expect(await ids("jawet")).toContain(product.id);
    expect(await queuedJobs()).toEqual([]);
  });

  it("adds the job in the writing transaction: a change that rolls back leaves no job", async () => {
    const { product } = await createCatalogue();
    await drainJobs();
    await expect(
      db.$transaction(async (tx) => {
        await tx.product.update({ where: { id: product.id }, data: { nameId: "Tas rotan batal" } });
        await productChanged(tx, product.id);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await queuedJobs()).toEqual([]);
  });

  it("finds rattan goods with a typo and across languages", async () => {
    const { product } = await createCatalogue();
    await productChanged(db, product.id);
    await drainJobs();
    expect(await ids("rottan")).toContain(product.id); // typo
    expect(await ids("rattan basket")).toContain(product.id); // English
    expect(await ids("anyaman rotan")).toContain(product.id); // Indonesian
    expect(await ids("woven")).toContain(product.id); // synonym of anyaman
    expect(await ids("", `regencyCode = "62.09"`)).toContain(product.id);
  });

  it("removes products of a suspended producer, and of a pending one never shows them", async () => {
    const { product, producer } = await createCatalogue();
    await productChanged(db, product.id);
    await drainJobs();
    expect(await ids("jawet")).toContain(product.id);
    await db.$transaction(async (tx) => {
      await tx.producer.update({ where: { id: producer.id }, data: { status: "SUSPENDED" } });
      await producerChanged(tx, producer.id);
    });
    await drainJobs();
    expect(await ids("jawet")).not.toContain(product.id);

    const pending = await createCatalogue({ producerStatus: "PENDING" });
    await productChanged(db, pending.product.id);
    await drainJobs();
    expect(await ids("jawet")).not.toContain(pending.product.id);
  });

  it("loses nothing when the worker that took the job dies: its heartbeat stops and the job runs again", async () => {
    const { product } = await createCatalogue();
    await drainJobs();
    await productChanged(db, product.id);
    // a worker took the job (graphile-worker locks it to the worker id) and was killed
    await db.$executeRaw`UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'worker-dead', attempts = 1`;
    await db.workerHeartbeat.create({
      data: { id: "host:1:dead", workerIds: ["worker-dead"], seenAt: new Date(Date.now() - 60_000) },
    });
    await db.workerHeartbeat.create({ data: { id: "host:2:alive", workerIds: ["worker-alive"], seenAt: new Date() } });
    expect(await drainJobs()).toBe(0); // still locked: nothing runs it
    expect(await rescueJobsOfDeadWorkers(30_000)).toBe(1);
    expect((await db.workerHeartbeat.findMany()).map((h) => h.id)).toEqual(["host:2:alive"]);
    expect(await drainJobs()).toBe(1);
    expect(await ids("jawet")).toContain(product.id);
  });

  it("un-badges a product when its certificate expires, without anyone acting", async () => {
    const { product, producer } = await createCatalogue();
    const cert = await db.certification.create({
      data: {
        producerId: producer.id,
        type: "HALAL",
        number: `ID63${Date.now()}`,
        issuer: "BPJPH",
        issuedAt: new Date("2024-01-01"),
        expiresAt: new Date(Date.now() + 86_400_000),
        status: "VERIFIED",
      },
    });
    await db.productCertification.create({ data: { productId: product.id, certificationId: cert.id } });
    await productChanged(db, product.id);
    await drainJobs();
    expect(await ids("", `certifications = "HALAL" AND producerSlug = "${producer.slug}"`)).toEqual([product.id]);

    expect(await expireCertificates(new Date(Date.now() + 2 * 86_400_000))).toBe(1);
    await drainJobs();
    expect((await db.certification.findUniqueOrThrow({ where: { id: cert.id } })).status).toBe("EXPIRED");
    expect(await ids("", `certifications = "HALAL" AND producerSlug = "${producer.slug}"`)).toEqual([]);
    expect(await db.auditLog.count({ where: { entityId: cert.id, action: "certification.expired" } })).toBe(1);
  });

  it("rebuilds the whole index from PostgreSQL", async () => {
    await createCatalogue();
    await settled((await index().deleteAllDocuments()).taskUid);
    const visible = await db.product.count({ where: { status: "PUBLISHED", producer: { status: "VERIFIED" } } });
    const r = await reindexAll();
    expect(r.indexed).toBe(visible);
    expect((await index().getStats()).numberOfDocuments).toBe(visible);
  });
});
