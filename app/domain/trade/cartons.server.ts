/**
 * A lot's carton plan and its shipping marks. Each producer's share (what passed QC, or
 * what was received or accepted before that) is packed in its variant's export carton
 * (cartons.ts): cartons, net and gross weight and volume per producer, the totals, and how
 * full a 20′ or 40′ container would be (or LCL). The shipping marks are one A6 label per
 * carton: consignee, port, lot, goods, maker, batch, carton n of N and a QR code — the
 * batch's GS1 Digital Link for food with a GTIN, else the lot's provenance page.
 */
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import { db } from "~/lib/db.server";
import { appUrl } from "~/lib/env.server";
import { countryName } from "../orders/index.server";
import { regencyLabel } from "../regions";
import { digitalLink } from "./batches.server";
import { cartonPlan, cartonSpecOf, containerAdvice } from "./cartons";
import { EXPORTER } from "./documents.server";

const SHIPPING = ["ACCEPTED", "RECEIVED", "QC_PASSED"] as const;

/** The lot's carton plan per producer share, its totals and the container advice; null when there is no lot. */
export async function lotCartonPlan(lotId: string) {
  const lot = await db.exportLot.findUnique({
    where: { id: lotId },
    include: {
      company: { select: { name: true, country: true } },
      allocations: {
        where: { status: { in: [...SHIPPING] }, variantId: { not: null } },
        orderBy: [{ createdAt: "asc" }],
        include: {
          producer: { select: { legalName: true, regencyCode: true } },
          variant: { include: { product: { select: { nameEn: true, weightGrams: true } } } },
        },
      },
    },
  });
  if (!lot) return null;
  const shares = new Map(lot.allocations.map((a) => [a.id, a]));
  const lines = cartonPlan(
    lot.allocations.map((a) => ({
      key: a.id,
      quantity:
        a.status === "QC_PASSED"
          ? (a.passedQuantity ?? 0)
          : a.status === "RECEIVED"
            ? (a.receivedQuantity ?? 0)
            : a.quantity,
      unitGrams: a.variant!.weightGrams ?? a.variant!.product.weightGrams,
      spec: cartonSpecOf(a.variant!),
    })),
    lot.unitsPerPackage,
  ).map((l) => {
    const a = shares.get(l.key)!;
    return {
      ...l,
      producer: a.producer.legalName,
      regency: regencyLabel(a.producer.regencyCode),
      description: `${a.variant!.product.nameEn} — ${a.variant!.nameEn} (${a.variant!.sku})`,
      batchCode: a.batchCode,
      expiresOn: a.expiresOn,
      link: a.batchCode ? digitalLink(a.variant!.gtin, a.batchCode) : null,
    };
  });
  const cartons = lines.reduce((s, l) => s + l.cartons, 0);
  const volumeCm3 = lines.reduce((s, l) => s + (l.volumeCm3 ?? 0), 0);
  const grossGrams = lines.reduce((s, l) => s + l.grossGrams, 0);
  return {
    lot,
    lines,
    totals: {
      cartons,
      netKg: lines.reduce((s, l) => s + l.netGrams, 0) / 1000,
      grossKg: grossGrams / 1000,
      volumeM3: Math.round(volumeCm3 / 10_000) / 100,
      /** shares whose variant has no carton on record (their volume is not counted) */
      unknown: lines.filter((l) => !l.spec).length,
    },
    container: containerAdvice(volumeCm3 / 1_000_000, grossGrams / 1000),
  };
}

const kg = (grams: number) => `${(Math.round(grams / 10) / 100).toFixed(2)} kg`;

/** One A6 label per carton, in English as the trade reads them. Null when there is no lot. */
export async function shippingMarks(lotId: string): Promise<{ filename: string; pdf: Buffer } | null> {
  const plan = await lotCartonPlan(lotId);
  if (!plan) return null;
  const { lot, lines, totals } = plan;
  const provenance = `${appUrl()}/lots/${lot.code}`;
  const qr = new Map<string, Buffer>();
  for (const url of new Set([provenance, ...lines.map((l) => l.link).filter((x): x is string => !!x)]))
    qr.set(url, await QRCode.toBuffer(url, { width: 200, margin: 1 }));
  const doc = new PDFDocument({
    size: "A6",
    margin: 16,
    autoFirstPage: false,
    info: { Title: `Shipping marks ${lot.code}`, Author: EXPORTER.name },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const consignee = lot.company ? `${lot.company.name}, ${countryName(lot.company.country, "en")}` : "TO ORDER";
  const port = `${lot.destinationPort ?? ""} ${countryName(lot.destinationCountry, "en")}`.trim();
  for (const l of lines) {
    const tare = l.spec ? Math.max(0, l.spec.grossGrams - l.spec.units * l.unitGrams) : 0;
    for (let n = l.first; n <= l.last; n++) {
      const units = n < l.last ? l.unitsPerCarton : l.quantity - (l.cartons - 1) * l.unitsPerCarton;
      doc.addPage();
      doc.font("Helvetica-Bold").fontSize(9).text(`CONSIGNEE: ${consignee}`);
      doc.font("Helvetica").fontSize(8).text(`PORT OF DISCHARGE: ${port}`);
      doc.text(`LOT: ${lot.code}    INVOICE: ${lot.code}-INV`);
      doc.moveDown(0.4).font("Helvetica-Bold").fontSize(8).text(l.description);
      doc.font("Helvetica").text(`MADE BY: ${l.producer}, ${l.regency}`);
      if (l.batchCode)
        doc.text(`BATCH: ${l.batchCode}${l.expiresOn ? `    EXP: ${l.expiresOn.toISOString().slice(0, 10)}` : ""}`);
      doc.text(
        `QTY: ${units} ${lot.unit}    NET: ${kg(units * l.unitGrams)}    GROSS: ${kg(units * l.unitGrams + tare)}`,
      );
      if (l.spec) doc.text(`DIMENSIONS: ${l.spec.lengthCm} x ${l.spec.widthCm} x ${l.spec.heightCm} cm`);
      doc.moveDown(0.4).font("Helvetica-Bold").fontSize(16).text(`CARTON ${n} OF ${totals.cartons}`);
      doc.font("Helvetica-Bold").fontSize(9).text("MADE IN INDONESIA");
      const url = l.link ?? provenance;
      const y = doc.y + 4;
      doc.image(qr.get(url)!, 16, y, { width: 86 });
      doc
        .font("Helvetica")
        .fontSize(6)
        .text(url, 108, y + 4, { width: 170 });
      doc.text(`Shipper: ${EXPORTER.name}`, 108, y + 40, { width: 170 });
    }
  }
  if (lines.length === 0) doc.addPage().font("Helvetica").fontSize(9).text(`No cartons in ${lot.code} yet.`);
  doc.end();
  return { filename: `${lot.code}-shipping-marks.pdf`, pdf: await done };
}
