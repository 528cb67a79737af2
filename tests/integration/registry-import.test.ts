import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import {
  createImportJob,
  ImportFileError,
  runImportChunk,
  TEMPLATE_COLUMNS,
  TEMPLATE_EXAMPLE,
  templateCsv,
} from "~/domain/imports/registry-import.server";
import { drainJobs } from "~/jobs/worker.server";
import { queuedJobs } from "../helpers/jobs";
import * as importRoute from "~/routes/($lang).trade.import._index";
import * as jobRoute from "~/routes/($lang).trade.import.$id";
import { createUser, signedInCookie } from "../helpers/fixtures";
import { CSRF, getRequest, thrown, unwrap } from "../helpers/http";
import { multipartRequest } from "../helpers/files";

let staffId: string;
let staffCookie: string;
beforeAll(async () => {
  for (const [slug, nameId, nameEn] of [
    ["anyaman-rotan", "Anyaman rotan", "Rattan weaving"],
    ["anyaman-purun", "Anyaman purun", "Purun weaving"],
  ]) {
    await db.category.create({ data: { slug, nameId, nameEn } });
  }
  const staff = await createUser({ roles: ["STAFF"] });
  staffId = staff.id;
  staffCookie = await signedInCookie(staff.id);
});

const badRow =
  "12345,Usaha Tanpa NIB Benar,MIKRO,63.08,Jl. X,Ani,+62 811 1111 111,ani@example.test,Cerita,BAD-001,Tas,Bag,D,D,anyaman-rotan,pcs,100,50000,1,";
const csv = `${TEMPLATE_COLUMNS.join(",")}\n${TEMPLATE_EXAMPLE.join("\n")}\n${badRow}\n`;

/** Runs the queued import jobs (and what they queue) and returns the import's counts. */
async function runImport(id: string) {
  await drainJobs();
  return db.importJob.findUniqueOrThrow({
    where: { id },
    select: { created: true, updated: true, unchanged: true, refused: true },
  });
}

describe("registry CSV import", () => {
  it("creates producers and products row by row, reports refusals, and changes nothing the second time", async () => {
    const job = await createImportJob(staffId, "registri-hsu.csv", csv);
    expect(job).toMatchObject({ status: "PENDING", total: 3 });
    expect(await queuedJobs("registry_import")).toHaveLength(1);
    expect(await runImport(job.id)).toEqual({ created: 2, updated: 0, unchanged: 0, refused: 1 });
    const done = await db.importJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(done).toMatchObject({ status: "DONE", processed: 3 });
    const report = done.report as Array<{ row: number; errors: string[] }>;
    expect(report.find((r) => r.row === 4)?.errors).toEqual(["nib: workErrors.nib"]);

    const producer = await db.producer.findUniqueOrThrow({
      where: { nib: "6309000000001" },
      include: { products: { include: { variants: true } } },
    });
    expect(producer).toMatchObject({ status: "PENDING", regencyCode: "63.08", provinceCode: "63" });
    expect(producer.products.map((p) => p.variants[0].sku).sort()).toEqual(["AMJ-TAS-01", "AMJ-TKR-02"]);
    expect(producer.products.every((p) => p.status === "DRAFT")).toBe(true);
    expect(producer.products.find((p) => p.variants[0].sku === "AMJ-TAS-01")?.variants[0].priceAmount).toBe(
      18_500_000n,
    );

    const counts = {
      producers: await db.producer.count(),
      products: await db.product.count(),
      variants: await db.variant.count(),
    };
    const again = await createImportJob(staffId, "registri-hsu.csv", csv);
    expect(await runImport(again.id)).toEqual({ created: 0, updated: 0, unchanged: 2, refused: 1 });
    expect({
      producers: await db.producer.count(),
      products: await db.product.count(),
      variants: await db.variant.count(),
    }).toEqual(counts);
    expect((await db.importJob.findUniqueOrThrow({ where: { id: again.id } })).status).toBe("DONE");

    // a changed price updates the product, nothing else
    const changed = csv.replace(",185000,25,", ",190000,25,");
    const v2 = await createImportJob(staffId, "registri-hsu-v2.csv", changed);
    expect(await runImport(v2.id)).toEqual({ created: 0, updated: 1, unchanged: 1, refused: 1 });
    expect((await db.variant.findUniqueOrThrow({ where: { sku: "AMJ-TAS-01" } })).priceAmount).toBe(19_000_000n);
    expect(await db.auditLog.count({ where: { action: "import.finished" } })).toBe(3);
  });

  it("runs in chunks, one job each, that other work interleaves with; progress is saved with each chunk", async () => {
    process.env.IMPORT_CHUNK_ROWS = "2";
    try {
      await drainJobs();
      const rows = Array.from({ length: 5 }, (_, i) =>
        TEMPLATE_EXAMPLE[0]
          .replace("6309000000001", `63090000001${i}0`)
          .replace("Kelompok Anyam Amuntai Jaya", `Kelompok Chunk ${i}`)
          .replace("AMJ-TAS-01", `CHK-${i}`),
      );
      const job = await createImportJob(staffId, "chunks.csv", `${TEMPLATE_COLUMNS.join(",")}\n${rows.join("\n")}\n`);
      expect(await runImportChunk(job.id)).toBe("RUNNING");
      expect(await db.importJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
        processed: 2,
        created: 2,
        status: "RUNNING",
      });
      // the next chunk is a job of its own (it replaced the queued one, as runImportChunk was called by hand), and the
      // products of the chunk wait for the search index in a job behind interactive changes
      expect((await queuedJobs("registry_import")).map((j) => j.payload)).toEqual([{ importId: job.id }]);
      expect(
        (await queuedJobs("search_index")).map((j) => (j.payload as { productIds: string[] }).productIds.length),
      ).toEqual([2]);
      // running a chunk again after it committed does not apply its rows twice: it takes the next rows
      expect(await runImportChunk(job.id)).toBe("RUNNING");
      expect(await db.importJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
        processed: 4,
        created: 4,
      });
      await drainJobs();
      expect(await db.importJob.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({
        processed: 5,
        created: 5,
        status: "DONE",
      });
      expect(await db.producer.count({ where: { legalName: { startsWith: "Kelompok Chunk" } } })).toBe(5);
      expect(await db.auditLog.count({ where: { action: "import.finished", entityId: job.id } })).toBe(1);
    } finally {
      delete process.env.IMPORT_CHUNK_ROWS;
    }
  });

  it("ten runs of one import's chunk job at once apply every row once", async () => {
    process.env.IMPORT_CHUNK_ROWS = "3";
    try {
      await drainJobs();
      const rows = Array.from({ length: 12 }, (_, i) =>
        TEMPLATE_EXAMPLE[0]
          .replace("6309000000001", `63090000002${String(i).padStart(2, "0")}`)
          .replace("Kelompok Anyam Amuntai Jaya", `Kelompok Serentak ${i}`)
          .replace("AMJ-TAS-01", `SRT-${i}`),
      );
      const job = await createImportJob(staffId, "serentak.csv", `${TEMPLATE_COLUMNS.join(",")}\n${rows.join("\n")}\n`);
      await Promise.all(Array.from({ length: 10 }, () => runImportChunk(job.id)));
      const after = await db.importJob.findUniqueOrThrow({ where: { id: job.id } });
      // ten runs took the four chunks in turn (each from where the last committed one ended) and then found it done
      expect(after).toMatchObject({ status: "DONE", processed: 12, created: 12, unchanged: 0, updated: 0, refused: 0 });
      expect(await db.producer.count({ where: { legalName: { startsWith: "Kelompok Serentak" } } })).toBe(12);
      expect(await db.auditLog.count({ where: { action: "import.finished", entityId: job.id } })).toBe(1);
      await db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
    } finally {
      delete process.env.IMPORT_CHUNK_ROWS;
    }
  });

  it("refuses files that are not the template", async () => {
    await expect(createImportJob(staffId, "x.csv", "a,b\n1,2\n")).rejects.toThrow(ImportFileError);
    await expect(createImportJob(staffId, "x.csv", "")).rejects.toThrow(ImportFileError);
    expect(templateCsv().split("\n")[0]).toBe(TEMPLATE_COLUMNS.join(","));
  });

  it("is for staff only, and starts a job from an upload", async () => {
    const buyer = await createUser({ roles: ["BUYER"] });
    const producer = await createUser({ roles: ["PRODUCER"] });
    for (const u of [buyer, producer]) {
      const cookie = await signedInCookie(u.id);
      expect(
        (
          await thrown(
            importRoute.loader({ request: getRequest("/trade/import", { cookie }), params: {}, context: {} }),
          )
        ).status,
      ).toBe(403);
      const req = multipartRequest(
        "/trade/import",
        {},
        [{ field: "file", name: "r.csv", type: "text/csv", bytes: Buffer.from(csv) }],
        cookie,
        CSRF,
      );
      expect((await thrown(importRoute.action({ request: req, params: {}, context: {} }))).status).toBe(403);
    }
    const req = multipartRequest(
      "/trade/import",
      {},
      [{ field: "file", name: "registri.csv", type: "text/csv", bytes: Buffer.from(csv) }],
      staffCookie,
      CSRF,
    );
    const res = unwrap(await importRoute.action({ request: req, params: {}, context: {} }));
    expect(res.status).toBe(302);
    const id = res.headers.get("Location")!.split("?")[0].split("/").pop()!;
    const page = unwrap(
      await jobRoute.loader({ request: getRequest("/", { cookie: staffCookie }), params: { id }, context: {} }),
    ).body as Awaited<ReturnType<typeof jobRoute.loader>>;
    expect(page.job).toMatchObject({ status: "PENDING", total: 3, fileName: "registri.csv" });
  });
});
