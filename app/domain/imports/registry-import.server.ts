/**
 * Staff import of producers and products from a provincial UMKM registry CSV.
 * One row per product; producer columns repeat (rows with no SKU only touch the producer).
 * Producers are matched by NIB and products by SKU, so importing the same file twice
 * changes nothing. The report says what was created, updated, left unchanged or refused,
 * and why.
 *
 * The import runs off the request path as registry_import jobs, one chunk of rows per job:
 * a chunk is applied in one transaction together with the progress counter, the search
 * jobs for what it changed and the job for the next chunk. Other work runs between chunks,
 * and a worker that dies mid-chunk leaves nothing half-done: the chunk runs again.
 * Each row has its own savepoint, so a row the database refuses does not undo the others.
 */
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { db, type Tx } from "~/lib/db.server";
import { audit } from "../audit.server";
import { majorToMinor } from "../money";
import { enqueue, PRIORITY } from "~/jobs/queue.server";
import { producerChanged, productsChanged } from "~/jobs/search-index.server";
import { createRegistryProduct, updateRegistryProduct, type RegistryProduct } from "../catalogue/index.server";
import { producerProfileSchema, registerProducer } from "../producers/index.server";

export const TEMPLATE_COLUMNS = [
  "nib",
  "legal_name",
  "scale",
  "regency_code",
  "address",
  "contact_name",
  "contact_phone",
  "contact_email",
  "story_id",
  "product_sku",
  "product_name_id",
  "product_name_en",
  "description_id",
  "description_en",
  "category_slug",
  "unit",
  "weight_grams",
  "price_idr",
  "stock",
  "hs_code",
] as const;

export const TEMPLATE_EXAMPLE = [
  "6309000000001,Kelompok Anyam Amuntai Jaya,KECIL,63.08,Jl. Norman Umar 5 Amuntai,Rahmah,+62 811 5000 111,amuntai@example.test,Anyaman rotan dan purun dari Amuntai.,AMJ-TAS-01,Tas rotan anyam,Woven rattan bag,Tas rotan anyaman tangan.,Hand-woven rattan bag.,anyaman-rotan,pcs,450,185000,25,4602.12",
  "6309000000001,Kelompok Anyam Amuntai Jaya,KECIL,63.08,Jl. Norman Umar 5 Amuntai,Rahmah,+62 811 5000 111,amuntai@example.test,Anyaman rotan dan purun dari Amuntai.,AMJ-TKR-02,Tikar purun,Purun mat,Tikar purun motif alami.,Purun mat with natural patterns.,anyaman-purun,pcs,1200,85000,40,4602.19",
];

export function templateCsv() {
  return `${TEMPLATE_COLUMNS.join(",")}\n${TEMPLATE_EXAMPLE.join("\n")}\n`;
}

// 20,000 rows of the template with full descriptions are about 6 MB
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;

const productRow = z.object({
  sku: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, { error: "workErrors.sku" }),
  nameId: z.string().trim().min(1, { error: "errors.required" }).max(120, { error: "errors.tooLong" }),
  nameEn: z.string().trim().min(1, { error: "errors.required" }).max(120, { error: "errors.tooLong" }),
  descriptionId: z.string().trim().min(1, { error: "errors.required" }).max(5000, { error: "errors.tooLong" }),
  descriptionEn: z.string().trim().min(1, { error: "errors.required" }).max(5000, { error: "errors.tooLong" }),
  categorySlug: z.string().trim().min(1, { error: "errors.required" }),
  unit: z.enum(["pcs", "lembar", "botol", "toples", "bungkus", "kg"], { error: "errors.invalidChoice" }),
  weightGrams: z.coerce
    .number({ error: "errors.number" })
    .int({ error: "errors.number" })
    .min(1, { error: "errors.number" })
    .max(1_000_000, { error: "errors.number" }),
  price: z.coerce
    .number({ error: "errors.number" })
    .int({ error: "errors.number" })
    .min(100, { error: "workErrors.price" })
    .max(1_000_000_000, { error: "errors.number" }),
  stock: z.coerce
    .number({ error: "errors.number" })
    .int({ error: "errors.number" })
    .min(0, { error: "errors.number" })
    .max(1_000_000, { error: "errors.number" }),
  hsCode: z
    .string()
    .trim()
    .transform((v) => v || undefined)
    .pipe(
      z
        .string()
        .regex(/^\d{4}(\.\d{2}){0,2}$/, { error: "workErrors.hsCode" })
        .optional(),
    ),
});

export type RowOutcome = {
  row: number;
  nib: string;
  sku: string | null;
  producer: "created" | "updated" | "unchanged" | null;
  product: "created" | "updated" | "unchanged" | null;
  errors: string[];
};

export class ImportFileError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

/** Parses and checks the header; returns the rows as records. */
export function parseRegistryCsv(content: string): Array<Record<string, string>> {
  if (Buffer.byteLength(content) > MAX_IMPORT_BYTES) throw new ImportFileError("workErrors.importTooLarge");
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(content.replace(/^\uFEFF/, ""), {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
    });
  } catch {
    throw new ImportFileError("workErrors.importNotCsv");
  }
  if (rows.length === 0) throw new ImportFileError("workErrors.importEmpty");
  const missing = TEMPLATE_COLUMNS.filter((c) => !(c in rows[0]));
  if (missing.length) throw new ImportFileError("workErrors.importColumns");
  if (rows.length > MAX_IMPORT_ROWS) throw new ImportFileError("workErrors.importTooLarge");
  return rows;
}

/** Rows applied per job (and per transaction). */
const chunkRows = () => Number(process.env.IMPORT_CHUNK_ROWS ?? 200);
const IMPORT_ATTEMPTS = 10;

function enqueueChunk(tx: Tx, importId: string) {
  return enqueue(
    tx,
    "registry_import",
    { importId },
    { jobKey: `import:${importId}`, priority: PRIORITY.bulk, maxAttempts: IMPORT_ATTEMPTS },
  );
}

export async function createImportJob(staffId: string, fileName: string, content: string) {
  const rows = parseRegistryCsv(content);
  return db.$transaction(async (tx) => {
    const job = await tx.importJob.create({
      data: { createdById: staffId, fileName: fileName.slice(0, 200), content, total: rows.length },
    });
    await audit(tx, {
      actorId: staffId,
      action: "import.started",
      entityType: "ImportJob",
      entityId: job.id,
      after: { fileName: job.fileName, rows: rows.length },
    });
    await enqueueChunk(tx, job.id);
    return job;
  });
}

function same(a: unknown, b: unknown) {
  return (a ?? null) === (b ?? null);
}

type Changes = { products: Set<string>; producers: Set<string> };

async function applyRow(
  tx: Tx,
  staffId: string,
  r: Record<string, string>,
  rowNo: number,
  changes: Changes,
): Promise<RowOutcome> {
  const out: RowOutcome = {
    row: rowNo,
    nib: r.nib ?? "",
    sku: r.product_sku || null,
    producer: null,
    product: null,
    errors: [],
  };
  const prof = producerProfileSchema.safeParse({
    legalName: r.legal_name,
    nib: r.nib,
    scale: (r.scale ?? "").toUpperCase(),
    regencyCode: r.regency_code,
    address: r.address,
    storyId: r.story_id,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    contactEmail: r.contact_email,
    provenanceConsent: "true",
  });
  if (!prof.success) {
    out.errors = prof.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    return out;
  }
  const p = prof.data;
  let product: z.infer<typeof productRow> | null = null;
  if (r.product_sku) {
    const parsed = productRow.safeParse({
      sku: r.product_sku,
      nameId: r.product_name_id,
      nameEn: r.product_name_en,
      descriptionId: r.description_id,
      descriptionEn: r.description_en,
      categorySlug: r.category_slug,
      unit: r.unit,
      weightGrams: r.weight_grams,
      price: r.price_idr,
      stock: r.stock,
      hsCode: r.hs_code ?? "",
    });
    if (!parsed.success) {
      out.errors = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
      return out;
    }
    product = parsed.data;
  }

  // producer by NIB
  let producer = await tx.producer.findUnique({ where: { nib: p.nib } });
  const fields = {
    legalName: p.legalName,
    scale: p.scale,
    provinceCode: p.provinceCode,
    regencyCode: p.regencyCode,
    address: p.address,
    storyId: p.storyId,
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    contactEmail: p.contactEmail,
  };
  if (!producer) {
    producer = await registerProducer(tx, { ...fields, nib: p.nib }, { nibIssuer: "OSS RBA (registri provinsi)" });
    await audit(tx, {
      actorId: staffId,
      action: "producer.imported",
      entityType: "Producer",
      entityId: producer.id,
      after: { nib: p.nib },
    });
    out.producer = "created";
  } else if (Object.entries(fields).some(([k, v]) => !same((producer as Record<string, unknown>)[k], v))) {
    producer = await tx.producer.update({ where: { id: producer.id }, data: fields });
    changes.producers.add(producer.id);
    out.producer = "updated";
  } else {
    out.producer = "unchanged";
  }
  if (!product) return out;

  // product by SKU (of its first variant)
  const category = await tx.category.findUnique({ where: { slug: product.categorySlug } });
  if (!category) {
    out.errors = [`category_slug: workErrors.importCategory`];
    return out;
  }
  const variant = await tx.variant.findUnique({ where: { sku: product.sku }, include: { product: true } });
  if (variant && variant.product.producerId !== producer.id) {
    out.errors = [`product_sku: workErrors.importSkuOtherProducer`];
    return out;
  }
  const pFields: RegistryProduct = {
    nameId: product.nameId,
    nameEn: product.nameEn,
    descriptionId: product.descriptionId,
    descriptionEn: product.descriptionEn,
    categoryId: category.id,
    unit: product.unit,
    weightGrams: product.weightGrams,
    hsCode: product.hsCode ?? null,
  };
  const vFields = { priceAmount: majorToMinor(product.price, "IDR"), stock: product.stock };
  if (!variant) {
    const created = await createRegistryProduct(tx, producer.id, pFields, { sku: product.sku, ...vFields });
    changes.products.add(created.id);
    out.product = "created";
  } else if (
    Object.entries(pFields).some(([k, v]) => !same((variant.product as Record<string, unknown>)[k], v)) ||
    Object.entries(vFields).some(([k, v]) => !same((variant as Record<string, unknown>)[k], v))
  ) {
    await updateRegistryProduct(tx, variant.productId, variant.id, pFields, vFields);
    changes.products.add(variant.productId);
    out.product = "updated";
  } else {
    out.product = "unchanged";
  }
  return out;
}

// the parsed file of the imports this process is running (a chunk job re-reads it otherwise)
const parsedFiles = new Map<string, Array<Record<string, string>>>();

async function rowsOf(importId: string) {
  let rows = parsedFiles.get(importId);
  if (!rows) {
    // the file is read (megabytes) only when this process has not parsed it yet
    const { content } = await db.importJob.findUniqueOrThrow({ where: { id: importId }, select: { content: true } });
    rows = parseRegistryCsv(content);
    parsedFiles.set(importId, rows);
    while (parsedFiles.size > 2) parsedFiles.delete(parsedFiles.keys().next().value!);
  }
  return rows;
}

function tally(outcomes: RowOutcome[]) {
  const counts = { created: 0, updated: 0, unchanged: 0, refused: 0 };
  for (const o of outcomes) {
    if (o.errors.length) counts.refused++;
    else {
      const changes = [o.producer, o.product].filter(Boolean);
      if (changes.includes("created")) counts.created++;
      else if (changes.includes("updated")) counts.updated++;
      else counts.unchanged++;
    }
  }
  return counts;
}

/**
 * The registry_import job: applies the next chunk of rows and queues the chunk after it.
 * Returns the import's status after this chunk. On a final failed attempt the import is
 * marked FAILED with the error, so staff see it.
 */
export async function runImportChunk(importId: string, opts: { finalAttempt?: boolean } = {}) {
  const job = await db.importJob.findUnique({
    where: { id: importId },
    select: { id: true, status: true, createdById: true },
  });
  if (!job || job.status === "DONE" || job.status === "FAILED") return job?.status ?? null;
  try {
    const rows = await rowsOf(importId);
    return await db.$transaction(
      async (tx) => {
        // the chunk starts where the last committed chunk ended (locked: one runner per import)
        const [current] = await tx.$queryRaw<
          Array<{ processed: number; status: string }>
        >`SELECT processed, status::text AS status FROM "ImportJob" WHERE id = ${importId} FOR UPDATE`;
        if (!current || current.status === "DONE" || current.status === "FAILED") return current?.status ?? null;
        const from = current.processed;
        const slice = rows.slice(from, from + chunkRows());
        const changes: Changes = { products: new Set(), producers: new Set() };
        const outcomes: RowOutcome[] = [];
        for (const [k, r] of slice.entries()) {
          const rowNo = from + k + 2;
          await tx.$executeRawUnsafe("SAVEPOINT import_row");
          try {
            const rowChanges: Changes = { products: new Set(), producers: new Set() };
            outcomes.push(await applyRow(tx, job.createdById, r, rowNo, rowChanges));
            await tx.$executeRawUnsafe("RELEASE SAVEPOINT import_row");
            for (const id of rowChanges.products) changes.products.add(id);
            for (const id of rowChanges.producers) changes.producers.add(id);
          } catch (err) {
            await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT import_row");
            outcomes.push({
              row: rowNo,
              nib: r.nib ?? "",
              sku: r.product_sku || null,
              producer: null,
              product: null,
              errors: [`workErrors.importRowFailed`],
            });
            if (process.env.NODE_ENV !== "test")
              console.warn(`import ${importId} row ${rowNo}: ${err instanceof Error ? err.message : err}`);
          }
        }
        const counts = tally(outcomes);
        const refused = outcomes.filter((o) => o.errors.length);
        const processed = from + slice.length;
        const finished = processed >= rows.length;
        await tx.$executeRaw`UPDATE "ImportJob" SET
          status = ${finished ? "DONE" : "RUNNING"}::"JobStatus",
          processed = ${processed},
          created = created + ${counts.created}, updated = updated + ${counts.updated},
          unchanged = unchanged + ${counts.unchanged}, refused = refused + ${counts.refused},
          report = report || ${JSON.stringify(refused)}::jsonb,
          "finishedAt" = ${finished ? new Date() : null}::timestamp
          WHERE id = ${importId}`;
        await productsChanged(tx, [...changes.products]);
        for (const id of changes.producers) await producerChanged(tx, id, { bulk: true });
        if (finished) {
          const total = await tx.importJob.findUniqueOrThrow({
            where: { id: importId },
            select: { created: true, updated: true, unchanged: true, refused: true },
          });
          await audit(tx, {
            actorId: job.createdById,
            action: "import.finished",
            entityType: "ImportJob",
            entityId: importId,
            after: total,
          });
          parsedFiles.delete(importId);
        } else {
          await enqueueChunk(tx, importId);
        }
        return finished ? "DONE" : "RUNNING";
      },
      { timeout: 300_000, maxWait: 10_000 },
    );
  } catch (err) {
    if (opts.finalAttempt || err instanceof ImportFileError) {
      await db.importJob.update({
        where: { id: importId },
        data: {
          status: "FAILED",
          error: err instanceof Error ? err.message.slice(0, 500) : "failed",
          finishedAt: new Date(),
        },
      });
      parsedFiles.delete(importId);
      if (err instanceof ImportFileError) return "FAILED";
    }
    throw err;
  }
}

export async function importJob(id: string) {
  const job = await db.importJob.findUnique({
    where: { id },
    select: {
      id: true,
      fileName: true,
      status: true,
      total: true,
      processed: true,
      created: true,
      updated: true,
      unchanged: true,
      refused: true,
      report: true,
      error: true,
      createdAt: true,
      finishedAt: true,
    },
  });
  return job && { ...job, report: job.report as unknown as RowOutcome[] };
}

export async function recentImportJobs() {
  return db.importJob.findMany({
    orderBy: { createdAt: "desc" },
    take: 10,
    select: { id: true, fileName: true, status: true, total: true, processed: true, createdAt: true },
  });
}
