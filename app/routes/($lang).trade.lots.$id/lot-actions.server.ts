/** The staff lot page's form actions (HTTP: parse the form, call one lots.server function, answer). */
import { z } from "zod";
import { filesOf, formError, parseForm } from "~/lib/forms.server";
import { ImageRefused, storeImage, uploadsDir } from "~/domain/media/index.server";
import {
  adjustAllocation,
  allocationInLot,
  changeLotStatus,
  LotRefused,
  proposeAllocation,
  recordQc,
  recordReceipt,
  sendOffers,
  updateLotSpec,
} from "~/domain/trade/lots.server";
import { ScanRefused } from "~/domain/certification/index.server";
import { BATCH_CODE_RE } from "~/domain/trade/batches";
import { addEvidence, waiveRequirement } from "~/domain/trade/checklist.server";
import { invoiceInLot, recordBuyerPayment } from "~/domain/trade/receivables.server";
import { buyerPaymentSchema } from "~/domain/trade/schemas";

const id = z.string().min(1).max(40);
const count = z.coerce
  .number({ error: "errors.quantity" })
  .int({ error: "errors.quantity" })
  .min(0, { error: "errors.quantity" })
  .max(10_000_000, { error: "errors.quantity" });
const STATUSES = ["DRAFT", "SOURCING", "CONSOLIDATING", "QC", "READY", "SHIPPED", "DELIVERED", "CANCELLED"] as const;

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("propose") }),
  z.object({ intent: z.literal("adjust"), allocationId: id, quantity: count }),
  z.object({ intent: z.literal("send"), respondBy: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "errors.date" }) }),
  z
    .object({
      intent: z.literal("receive"),
      allocationId: id,
      received: count,
      // food: the batch code and expiry printed on the goods (required by recordReceipt for food)
      batchCode: z
        .string()
        .trim()
        .default("")
        .refine((v) => v === "" || BATCH_CODE_RE.test(v), { error: "batches.errors.code" }),
      expiresOn: z
        .string()
        .default("")
        .refine((v) => v === "" || /^\d{4}-\d{2}-\d{2}$/.test(v), { error: "errors.date" }),
    })
    .refine((d) => !d.batchCode === !d.expiresOn, {
      error: "batches.errors.both",
      path: ["expiresOn"],
    }),
  z.object({
    intent: z.literal("qc"),
    allocationId: id,
    passed: count,
    notes: z.string().trim().max(2000, { error: "errors.tooLong" }).default(""),
  }),
  z.object({
    intent: z.literal("status"),
    to: z.enum(STATUSES),
    overrideReason: z.string().trim().max(500, { error: "errors.tooLong" }).default(""),
  }),
  // checked field by field by buyerPaymentSchema below (its amount depends on the chosen currency)
  z.object({
    intent: z.literal("payment"),
    invoiceId: id,
    paidCurrency: z.string(),
    paidAmount: z.string(),
    paidOn: z.string(),
    bankReference: z.string(),
  }),
  z.object({ intent: z.literal("evidence"), requirementId: id }),
  z.object({
    intent: z.literal("waive"),
    requirementId: id,
    reason: z.string().trim().min(3, { error: "checklist.errors.reason" }).max(500, { error: "errors.tooLong" }),
  }),
  z.object({
    intent: z.literal("spec"),
    grade: z.string().trim().max(80, { error: "errors.tooLong" }).default(""),
    packaging: z.string().trim().max(160, { error: "errors.tooLong" }).default(""),
    unitsPerPackage: z.coerce
      .number({ error: "errors.number" })
      .int({ error: "errors.number" })
      .min(1, { error: "errors.number" })
      .max(100_000, { error: "errors.number" }),
  }),
]);

export async function lotAction(request: Request, staffId: string, lotId: string) {
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/");
  const parsed = await parseForm(request, schema, { multipart });
  if (!parsed.ok) return parsed.response;
  const d = parsed.data;
  // allocations named in a form must belong to this lot
  if ("allocationId" in d && !(await allocationInLot(lotId, d.allocationId)))
    return formError(404, parsed.form, "errors.notFoundTitle");
  try {
    switch (d.intent) {
      case "propose": {
        const plan = await proposeAllocation(lotId, staffId);
        return { ok: true as const, done: d.intent, summary: plan.summary };
      }
      case "adjust":
        await adjustAllocation(staffId, d.allocationId, d.quantity);
        break;
      case "send": {
        const respondBy = new Date(`${d.respondBy}T23:59:59+07:00`);
        if (respondBy < new Date())
          return formError(400, parsed.form, "errors.formInvalid", { respondBy: "errors.datePast" });
        await sendOffers(staffId, lotId, respondBy);
        break;
      }
      case "receive":
        await recordReceipt(
          staffId,
          d.allocationId,
          d.received,
          d.batchCode ? { code: d.batchCode, expiresOn: new Date(`${d.expiresOn}T00:00:00Z`) } : null,
        );
        break;
      case "qc": {
        const keys: string[] = [];
        for (const file of (await filesOf(parsed.form, "photos")).slice(0, 6)) {
          try {
            keys.push((await storeImage(file, uploadsDir(), { avifEffort: 2 })).key);
          } catch (err) {
            if (err instanceof ImageRefused) return formError(400, parsed.form, `workErrors.image_${err.reason}`);
            throw err;
          }
        }
        await recordQc(staffId, d.allocationId, d.passed, d.notes, keys);
        break;
      }
      case "status":
        await changeLotStatus(staffId, lotId, d.to, d.overrideReason || null);
        break;
      case "payment": {
        const p = buyerPaymentSchema.safeParse(d);
        if (!p.success)
          return formError(
            400,
            parsed.form,
            "errors.formInvalid",
            Object.fromEntries(p.error.issues.map((i) => [String(i.path[0]), i.message])),
          );
        if (!(await invoiceInLot(lotId, p.data.invoiceId))) return formError(404, parsed.form, "errors.notFoundTitle");
        await recordBuyerPayment(staffId, p.data.invoiceId, p.data);
        break;
      }
      case "evidence": {
        const [scan] = await filesOf(parsed.form, "evidence");
        if (!scan) return formError(400, parsed.form, "workErrors.scan_missing");
        try {
          await addEvidence(staffId, lotId, d.requirementId, scan);
        } catch (err) {
          if (err instanceof ScanRefused)
            return formError(err.reason === "too-large" ? 413 : 415, parsed.form, `workErrors.scan_${err.reason}`);
          throw err;
        }
        break;
      }
      case "waive":
        await waiveRequirement(staffId, lotId, d.requirementId, d.reason);
        break;
      case "spec":
        await updateLotSpec(staffId, lotId, {
          grade: d.grade || null,
          packaging: d.packaging || null,
          unitsPerPackage: d.unitsPerPackage,
        });
        break;
    }
    return { ok: true as const, done: d.intent, summary: null };
  } catch (err) {
    if (err instanceof LotRefused) return formError(409, parsed.form, err.key, {}, err.params);
    throw err;
  }
}
