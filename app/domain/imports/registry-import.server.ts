/**
 * Staff import of producers and products from a provincial UMKM registry CSV.
 * One row per product; producer columns repeat (rows with no SKU only touch the producer).
 * Producers are matched by NIB and products by SKU, so importing the same file twice
 * changes nothing. Each row is validated and applied in its own transaction, and the
 * report says what was created, updated, left unchanged or refused, and why.
 * The job runs off the request path (the outbox worker claims it) and reports progress.
 */
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { db, type Tx } from "~/lib/db.server";
import { audit } from "../audit.server";
import { majorToMinor } from "../money";
import { productChanged, producerChanged } from "../outbox.server";
import { producerProfileSchema } from "../producers/schemas";

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

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;

const productRow = z.object({
  sku: z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, { error: "errors.sku" }),
  nameId: z.string().trim().min(1, { error: "errors.required" }).max(120, { error: "errors.tooLong" }),
  nameEn: z.string().trim().min(1, { error: "errors.required" }).max(120, { error: "errors.tooLong" }),
  descriptionId: z.string().trim().min(1, { error: "errors.required" }).max(5000, { error: "errors.tooLong" }),
  descriptionEn: z.string().trim().min(1, { error: "errors.required" }).max(5000, { error: "errors.tooLong" }),
  categorySlug: z.string().trim().min(1, { error: "errors.required" }),
  unit: z.enum(["pcs", "lembar", "botol", "toples", "bungkus", "kg"], { error: "errors.invalidChoice" }),
  weightGrams: z.coerce.number({ error: "errors.number" }).int({ error: "errors.number" }).min(1, { error: "errors.number" }).max(1_000_000, { error: "errors.number" }),
  price: z.coerce.number({ error: "errors.number" }).int({ error: "errors.number" }).min(100, { error: "errors.price" }).max(1_000_000_000, { error: "errors.number" }),
  stock: z.coerce.number({ error: "errors.number" }).int({ error: "errors.number" }).min(0, { error: "errors.number" }).max(1_000_000, { error: "errors.number" }),
  hsCode: z
    .string()
    .trim()
    .transform((v) => v || undefined)
    .pipe(z.string().regex(/^\d{4}(\.\d{2}){0,2}$/, { error: "errors.hsCode" }).optional()),
});

export type RowOutcome = { row: number; nib: string; sku: string | null; producer: "created" | "updated" | "unchanged" | null; product: "created" | "updated" | "unchanged" | null; errors: string[] };

export class ImportFileError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

/** Parses and checks the header; returns the rows as records. */
export function parseRegistryCsv(content: string): Array<Record<string, string>> {
  if (Buffer.byteLength(content) > MAX_IMPORT_BYTES) throw new ImportFileError("errors.importTooLarge");
  let rows: Array<Record<string, string>>;
  try {
    rows = parse(content.replace(/^\uFEFF/, ""), { columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch {
    throw new ImportFileError("errors.importNotCsv");
  }
  if (rows.length === 0) throw new ImportFileError("errors.importEmpty");
  const missing = TEMPLATE_COLUMNS.filter((c) => !(c in rows[0]));
  if (missing.length) throw new ImportFileError("errors.importColumns");
  if (rows.length > MAX_IMPORT_ROWS) throw new ImportFileError("errors.importTooLarge");
  return rows;
}

export async function createImportJob(staffId: string, fileName: string, content: string) {
  const rows = parseRegistryCsv(content);
  return db.$transaction(async (tx) => {
    const job = await tx.importJob.create({ data: { createdById: staffId, fileName: fileName.slice(0, 200), content, total: rows.length } });
    await audit(tx, { actorId: staffId, action: "import.started", entityType: "ImportJob", entityId: job.id, after: { fileName: job.fileName, rows: rows.length } });
    return job;
  });
}

function same(a: unknown, b: unknown) {
  return (a ?? null) === (b ?? null);
}

async function applyRow(tx: Tx, staffId: string, r: Record<string, string>, rowNo: number): Promise<RowOutcome> {
  const out: RowOutcome = { row: rowNo, nib: r.nib ?? "", sku: r.product_sku || null, producer: null, product: null, errors: [] };
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
  const fields = { legalName: p.legalName, scale: p.scale, provinceCode: p.provinceCode, regencyCode: p.regencyCode, address: p.address, storyId: p.storyId, contactName: p.contactName, contactPhone: p.contactPhone, contactEmail: p.contactEmail };
  if (!producer) {
    let slug = p.legalName.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60);
    if (await tx.producer.findUnique({ where: { slug } })) slug = `${slug}-${p.nib.slice(-4)}`;
    producer = await tx.producer.create({ data: { ...fields, nib: p.nib, slug, status: "PENDING" } });
    await tx.certification.create({ data: { producerId: producer.id, type: "NIB", number: p.nib, issuer: "OSS RBA (registri provinsi)", issuedAt: new Date(), status: "PENDING" } });
    await audit(tx, { actorId: staffId, action: "producer.imported", entityType: "Producer", entityId: producer.id, after: { nib: p.nib } });
    out.producer = "created";
  } else if (Object.entries(fields).some(([k, v]) => !same((producer as Record<string, unknown>)[k], v))) {
    producer = await tx.producer.update({ where: { id: producer.id }, data: fields });
    await producerChanged(tx, producer.id);
    out.producer = "updated";
  } else {
    out.producer = "unchanged";
  }
  if (!product) return out;

  // product by SKU (of its first variant)
  const category = await tx.category.findUnique({ where: { slug: product.categorySlug } });
  if (!category) {
    out.errors = [`category_slug: errors.importCategory`];
    return out;
  }
  const variant = await tx.variant.findUnique({ where: { sku: product.sku }, include: { product: true } });
  if (variant && variant.product.producerId !== producer.id) {
    out.errors = [`product_sku: errors.importSkuOtherProducer`];
    return out;
  }
  const pFields = { nameId: product.nameId, nameEn: product.nameEn, descriptionId: product.descriptionId, descriptionEn: product.descriptionEn, categoryId: category.id, unit: product.unit, weightGrams: product.weightGrams, hsCode: product.hsCode ?? null };
  const vFields = { priceAmount: majorToMinor(product.price, "IDR"), stock: product.stock };
  if (!variant) {
    let slug = product.nameId.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60);
    if (await tx.product.findUnique({ where: { slug } })) slug = `${slug}-${product.sku.toLowerCase()}`;
    const created = await tx.product.create({
      data: { ...pFields, producerId: producer.id, slug, status: "DRAFT", variants: { create: { sku: product.sku, nameId: "Standar", nameEn: "Standard", ...vFields } } },
    });
    await productChanged(tx, created.id);
    out.product = "created";
  } else if (Object.entries(pFields).some(([k, v]) => !same((variant.product as Record<string, unknown>)[k], v)) || Object.entries(vFields).some(([k, v]) => !same((variant as Record<string, unknown>)[k], v))) {
    await tx.product.update({ where: { id: variant.productId }, data: pFields });
    await tx.variant.update({ where: { id: variant.id }, data: vFields });
    await productChanged(tx, variant.productId);
    out.product = "updated";
  } else {
    out.product = "unchanged";
  }
  return out;
}

/** Runs one job to the end, row by row, saving progress every few rows. */
export async function runImportJob(jobId: string) {
  const job = await db.importJob.findUnique({ where: { id: jobId } });
  if (!job) return;
  const rows = parseRegistryCsv(job.content);
  const report: RowOutcome[] = [];
  const counts = { created: 0, updated: 0, unchanged: 0, refused: 0 };
  for (const [i, r] of rows.entries()) {
    let outcome: RowOutcome;
    try {
      outcome = await db.$transaction((tx) => applyRow(tx, job.createdById, r, i + 2));
    } catch (err) {
      outcome = { row: i + 2, nib: r.nib ?? "", sku: r.product_sku || null, producer: null, product: null, errors: [`errors.importRowFailed`] };
      if (process.env.NODE_ENV !== "test") console.warn(`import ${jobId} row ${i + 2}: ${err instanceof Error ? err.message : err}`);
    }
    report.push(outcome);
    if (outcome.errors.length) counts.refused++;
    else {
      const changes = [outcome.producer, outcome.product].filter(Boolean);
      if (changes.includes("created")) counts.created++;
      else if (changes.includes("updated")) counts.updated++;
      else counts.unchanged++;
    }
    if ((i + 1) % 25 === 0 || i === rows.length - 1) {
      await db.importJob.update({ where: { id: jobId }, data: { processed: i + 1, ...counts, report: report as never } });
    }
  }
  await db.$transaction(async (tx) => {
    await tx.importJob.update({ where: { id: jobId }, data: { status: "DONE", finishedAt: new Date(), processed: rows.length, ...counts, report: report as never } });
    await audit(tx, { actorId: job.createdById, action: "import.finished", entityType: "ImportJob", entityId: jobId, after: counts });
  });
  return counts;
}

/** Claims the oldest waiting job (several workers never take the same one) and runs it. */
export async function runNextImportJob() {
  const claimed = await db.$queryRaw<Array<{ id: string }>>`
    UPDATE "ImportJob" SET status = 'RUNNING'
    WHERE id = (SELECT id FROM "ImportJob" WHERE status = 'PENDING' ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  const id = claimed[0]?.id;
  if (!id) return null;
  try {
    return await runImportJob(id);
  } catch (err) {
    await db.importJob.update({ where: { id }, data: { status: "FAILED", error: err instanceof Error ? err.message.slice(0, 500) : "failed", finishedAt: new Date() } });
    return null;
  }
}

export async function importJob(id: string) {
  const job = await db.importJob.findUnique({ where: { id }, select: { id: true, fileName: true, status: true, total: true, processed: true, created: true, updated: true, unchanged: true, refused: true, report: true, error: true, createdAt: true, finishedAt: true } });
  return job && { ...job, report: job.report as unknown as RowOutcome[] };
}

export async function recentImportJobs() {
  return db.importJob.findMany({ orderBy: { createdAt: "desc" }, take: 10, select: { id: true, fileName: true, status: true, total: true, processed: true, createdAt: true } });
}
