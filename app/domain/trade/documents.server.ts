/**
 * Export documents generated from a lot: commercial invoice, packing list (with a QR code
 * to the lot's public provenance page) and a certificate-of-origin data sheet with the
 * fields of ASEAN Form D, for the issuing office. Lines are the QC-passed quantities per
 * product; money is in the buyer's currency; documents are in English, as the trade uses.
 */
import { renderPdf } from "~/lib/pdf.server";
import QRCode from "qrcode";
import { db } from "~/lib/db.server";
import { appUrl } from "~/lib/env.server";
import { formatNumber } from "~/lib/format";
import { stringify } from "csv-stringify/sync";
import { formatDocumentMoney, toMajorString } from "../money";
import { countryName } from "../orders/index.server";
import { regencyLabel } from "../regions";
import { FIRST_PAYMENT_DAYS } from "./receivables.server";
import { formatBps, type OriginResult } from "./origin";
import { originByProduct } from "./origin.server";
import { digitalLink } from "./batches.server";
import { cartonPlan, cartonSpecOf } from "./cartons";

/** The exporter of record on every document. */
export const EXPORTER = {
  name: "PT Anjung Dagang Kalimantan",
  address: ["Jl. Ahmad Yani Km 5 No. 12", "Banjarmasin 70234, Kalimantan Selatan", "Indonesia"],
  taxId: "NPWP 01.234.567.8-731.000",
};

export type DocumentKind = "invoice" | "packing-list" | "origin" | "proforma";

type Line = {
  no: number;
  description: string;
  sku: string;
  hsCode: string;
  quantity: number;
  unit: string;
  unitPrice: bigint;
  amount: bigint;
  netKg: number;
  grossKg: number;
  packages: number;
  producers: string[];
  productId: string;
  /** Form D box 8 from the product's declared cost structure (trade/origin.ts) */
  origin: OriginResult | null;
};

async function lotForDocuments(lotId: string) {
  const lot = await db.exportLot.findUnique({
    where: { id: lotId },
    include: {
      company: true,
      product: { select: { nameEn: true } },
      category: { select: { nameEn: true } },
      allocations: {
        where: { status: "QC_PASSED" },
        include: { producer: true, variant: { include: { product: true } } },
      },
    },
  });
  if (!lot) return null;
  const byVariant = new Map<string, Line>();
  for (const a of lot.allocations) {
    const v = a.variant;
    if (!v) continue;
    const qty = a.passedQuantity ?? 0;
    const line = byVariant.get(v.id) ?? {
      no: byVariant.size + 1,
      description: `${v.product.nameEn} — ${v.nameEn}`,
      sku: v.sku,
      hsCode: v.product.hsCode ?? "",
      quantity: 0,
      unit: lot.unit,
      unitPrice: lot.unitPriceAmount,
      amount: 0n,
      netKg: 0,
      grossKg: 0,
      packages: 0,
      producers: [],
      productId: v.productId,
      origin: null,
    };
    line.quantity += qty;
    line.amount = BigInt(line.quantity) * lot.unitPriceAmount;
    const grams = v.weightGrams ?? v.product.weightGrams;
    line.netKg = (line.quantity * grams) / 1000;
    if (!line.producers.includes(a.producer.legalName)) line.producers.push(a.producer.legalName);
    byVariant.set(v.id, line);
  }
  const lines = [...byVariant.values()];
  // packages and gross weight from each share's carton plan (cartons.ts): a variant's export
  // carton when it has one; otherwise the lot's units per package, with cartons adding about 8 %
  const plan = cartonPlan(
    lot.allocations
      .filter((a) => a.variant)
      .map((a) => ({
        key: a.variant!.id,
        quantity: a.passedQuantity ?? 0,
        unitGrams: a.variant!.weightGrams ?? a.variant!.product.weightGrams,
        spec: cartonSpecOf(a.variant!),
      })),
    lot.unitsPerPackage,
  );
  for (const p of plan) {
    const line = byVariant.get(p.key)!;
    line.packages += p.cartons;
    line.grossKg += p.spec ? p.grossGrams / 1000 : Math.round(p.netGrams * 1.08) / 1000;
  }
  for (const l of lines) l.grossKg = Math.round(l.grossKg * 100) / 100;
  // food: the batch code and expiry each producer delivered, with the batch's Digital Link
  const batches = lot.allocations
    .filter((a) => a.batchCode && a.variant)
    .map((a) => ({
      producer: a.producer.legalName,
      description: `${a.variant!.product.nameEn} — ${a.variant!.nameEn} (${a.variant!.sku})`,
      batchCode: a.batchCode!,
      expiresOn: a.expiresOn,
      quantity: a.passedQuantity ?? 0,
      link: digitalLink(a.variant!.gtin, a.batchCode!),
    }))
    .sort((a, b) => a.producer.localeCompare(b.producer) || a.batchCode.localeCompare(b.batchCode));
  const origins = await originByProduct([...new Set(lines.map((l) => l.productId))]);
  for (const l of lines) l.origin = origins.get(l.productId) ?? null;
  const producers = [...new Map(lot.allocations.map((a) => [a.producerId, a.producer])).values()];
  return {
    lot,
    lines,
    batches,
    producers,
    totals: {
      quantity: lines.reduce((s, l) => s + l.quantity, 0),
      amount: lines.reduce((s, l) => s + l.amount, 0n),
      netKg: lines.reduce((s, l) => s + l.netKg, 0),
      grossKg: lines.reduce((s, l) => s + l.grossKg, 0),
      packages: lines.reduce((s, l) => s + l.packages, 0),
    },
  };
}

function render(build: (doc: PDFKit.PDFDocument) => Promise<void> | void): Promise<Buffer> {
  return renderPdf({ size: "A4", margin: 40, info: { Title: "Anjung export document", Author: EXPORTER.name } }, build);
}

function heading(doc: PDFKit.PDFDocument, title: string, number: string, date: Date) {
  doc.font("Helvetica-Bold").fontSize(16).text(title, { align: "center" });
  doc
    .moveDown(0.3)
    .font("Helvetica")
    .fontSize(9)
    .text(`No. ${number}    Date: ${date.toISOString().slice(0, 10)}`, { align: "center" });
  doc.moveDown();
}

function parties(doc: PDFKit.PDFDocument, d: NonNullable<Awaited<ReturnType<typeof lotForDocuments>>>) {
  const { lot } = d;
  const top = doc.y;
  doc.font("Helvetica-Bold").fontSize(9).text("Exporter / Shipper", 40, top);
  doc
    .font("Helvetica")
    .text([EXPORTER.name, ...EXPORTER.address, EXPORTER.taxId].join("\n"), 40, doc.y, { width: 250 });
  const leftEnd = doc.y;
  doc.font("Helvetica-Bold").text("Consignee", 310, top);
  const c = lot.company;
  doc
    .font("Helvetica")
    .text(
      c
        ? [
            c.name,
            c.contactName,
            c.contactEmail,
            c.contactPhone ?? "",
            countryName(c.country, "en"),
            c.taxId ? `Tax ID ${c.taxId}` : "",
          ]
            .filter(Boolean)
            .join("\n")
        : "—",
      310,
      doc.y,
      { width: 250 },
    );
  doc.y = Math.max(leftEnd, doc.y) + 8;
  doc.x = 40;
  doc
    .font("Helvetica")
    .text(
      `Incoterm: ${lot.incoterm} ${lot.destinationPort ?? ""} (Incoterms 2020)    Destination: ${countryName(lot.destinationCountry, "en")}    Lot: ${lot.code}`,
    );
  doc.moveDown();
}

function table(doc: PDFKit.PDFDocument, headers: string[], widths: number[], rows: string[][]) {
  const x0 = 40;
  const draw = (cells: string[], bold: boolean) => {
    const y = doc.y;
    let x = x0;
    let h = 0;
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(8);
    cells.forEach((cell, i) => {
      doc.text(cell, x + 2, y + 2, { width: widths[i] - 4 });
      h = Math.max(h, doc.y - y);
      x += widths[i];
    });
    doc
      .moveTo(x0, y + h + 2)
      .lineTo(x0 + widths.reduce((a, b) => a + b, 0), y + h + 2)
      .strokeColor("#999")
      .stroke();
    doc.y = y + h + 4;
    if (doc.y > 760) doc.addPage();
  };
  draw(headers, true);
  for (const r of rows) draw(r, false);
  doc.x = x0;
}

const TERMS_TEXT: Record<string, (days: number) => string> = {
  CASH_IN_ADVANCE: () => `Cash in advance: the full amount within ${FIRST_PAYMENT_DAYS} days of this invoice.`,
  DEPOSIT_BALANCE: () => `Deposit within ${FIRST_PAYMENT_DAYS} days of this invoice; the balance before shipment.`,
  TEMPO: (days) => `Payable ${days} days after shipment.`,
};

/**
 * The proforma invoice the buyer receives when it accepts a quote: the quoted quantity and
 * price in its currency, the rupiah equivalent at the quote's dated rate, the payment terms
 * and what is due before shipment, and the house's bank.
 */
async function proformaInvoice(d: NonNullable<Awaited<ReturnType<typeof lotForDocuments>>>) {
  const invoice = await db.buyerInvoice.findUnique({ where: { lotId: d.lot.id } });
  if (!invoice) return null;
  const settings = await db.marketSettings.findUnique({ where: { id: 1 } });
  const { lot } = d;
  const pdf = await render((doc) => {
    heading(doc, "PROFORMA INVOICE", invoice.number, invoice.issuedAt);
    parties(doc, d);
    table(
      doc,
      ["Description of goods", "Quantity", "Unit price", "Amount"],
      [255, 80, 90, 90],
      [
        [
          `${lot.product ? lot.product.nameEn : lot.category ? lot.category.nameEn : lot.code}${lot.grade ? `, ${lot.grade}` : ""} — export lot ${lot.code}`,
          `${formatNumber(invoice.quantity, "en")} ${lot.unit}`,
          money(invoice.unitPriceAmount, invoice.currency),
          money(invoice.amount, invoice.currency),
        ],
      ],
    );
    const rate = invoice.idrPerUnit.toString();
    doc
      .moveDown()
      .font("Helvetica-Bold")
      .fontSize(10)
      .text(`Total: ${money(invoice.amount, invoice.currency)} (${invoice.currency})`, { align: "right" });
    if (invoice.currency !== "IDR")
      doc
        .font("Helvetica")
        .fontSize(8)
        .text(
          `IDR equivalent ${money(invoice.amountIdr, "IDR")} at ${rate} IDR per ${invoice.currency} (rate of ${invoice.rateDate.toISOString().slice(0, 10)})`,
          { align: "right" },
        );
    const terms = invoice.terms.startsWith("TEMPO") ? TERMS_TEXT.TEMPO : TERMS_TEXT[invoice.terms];
    doc.moveDown().font("Helvetica-Bold").fontSize(9).text("Payment terms");
    doc
      .font("Helvetica")
      .text(terms(invoice.tempoDays))
      .text(
        invoice.depositAmount > 0n && invoice.depositAmount < invoice.amount
          ? `Deposit: ${money(invoice.depositAmount, invoice.currency)}. Due before shipment: ${money(invoice.dueBeforeShipment, invoice.currency)}.`
          : `Due before shipment: ${money(invoice.dueBeforeShipment, invoice.currency)}.`,
      );
    if (settings)
      doc
        .moveDown()
        .text(
          `Pay to ${settings.bankAccountName}, ${settings.bankName}, account ${settings.bankAccountNo}, quoting ${invoice.number}.`,
        );
    doc
      .moveDown()
      .fontSize(7)
      .text("This proforma invoice states the agreed price and terms; the commercial invoice follows at shipment.");
  });
  return { filename: `${invoice.number}.pdf`, pdf };
}

/** Trade documents show every amount with its currency's full decimals (US$261.00, not US$261). */
const money = formatDocumentMoney;
const kg = (n: number) => `${formatNumber(Math.round(n * 100) / 100, "en")} kg`;

export async function exportDocument(
  lotId: string,
  kind: DocumentKind,
): Promise<{ filename: string; pdf: Buffer } | null> {
  const d = await lotForDocuments(lotId);
  if (!d) return null;
  if (kind === "proforma") return proformaInvoice(d);
  const { lot, lines, totals } = d;
  const date = lot.shippedAt ?? new Date();
  const provenance = `${appUrl()}/lots/${lot.code}`;
  if (kind === "invoice") {
    const pdf = await render((doc) => {
      heading(doc, "COMMERCIAL INVOICE", `${lot.code}-INV`, date);
      parties(doc, d);
      table(
        doc,
        ["#", "Description of goods", "HS code", "Quantity", "Unit price", "Amount"],
        [24, 220, 60, 70, 70, 71],
        lines.map((l) => [
          String(l.no),
          `${l.description} (${l.sku})`,
          l.hsCode,
          `${formatNumber(l.quantity, "en")} ${l.unit}`,
          money(l.unitPrice, lot.currency),
          money(l.amount, lot.currency),
        ]),
      );
      doc
        .moveDown()
        .font("Helvetica-Bold")
        .fontSize(10)
        .text(
          `Total: ${formatNumber(totals.quantity, "en")} ${lot.unit} — ${money(totals.amount, lot.currency)} (${lot.currency})`,
          { align: "right" },
        );
      doc
        .moveDown()
        .font("Helvetica")
        .fontSize(8)
        .text(
          `Net weight ${kg(totals.netKg)}, gross weight ${kg(totals.grossKg)}, ${totals.packages} packages. Country of origin: Indonesia. Made by ${d.producers.length} UMKM producers of Kalimantan: ${provenance}`,
        );
    });
    return { filename: `${lot.code}-commercial-invoice.pdf`, pdf };
  }
  if (kind === "packing-list") {
    const qr = await QRCode.toBuffer(provenance, { width: 160, margin: 1 });
    const pdf = await render(async (doc) => {
      heading(doc, "PACKING LIST", `${lot.code}-PL`, date);
      parties(doc, d);
      let first = 1;
      table(
        doc,
        ["Packages", "Description of goods", "HS code", "Quantity", "Net weight", "Gross weight"],
        [70, 200, 60, 70, 65, 70],
        lines.map((l) => {
          const range = `${first}–${first + l.packages - 1}`;
          first += l.packages;
          return [
            `${range} (${l.packages} ctn)`,
            `${l.description} (${l.sku}) — ${lot.packaging ?? `${lot.unitsPerPackage} ${lot.unit} per carton`}`,
            l.hsCode,
            `${formatNumber(l.quantity, "en")} ${l.unit}`,
            kg(l.netKg),
            kg(l.grossKg),
          ];
        }),
      );
      doc
        .moveDown()
        .font("Helvetica-Bold")
        .fontSize(10)
        .text(
          `Total: ${totals.packages} packages, ${formatNumber(totals.quantity, "en")} ${lot.unit}, net ${kg(totals.netKg)}, gross ${kg(totals.grossKg)}`,
          { align: "right" },
        );
      if (d.batches.length > 0) {
        doc.moveDown().font("Helvetica-Bold").fontSize(10).text("Batches and expiry by producer", 40);
        table(
          doc,
          ["Producer", "Goods", "Batch", "Expiry", "Quantity", "Trace (GS1 Digital Link)"],
          [95, 120, 55, 55, 45, 165],
          d.batches.map((b) => [
            b.producer,
            b.description,
            b.batchCode,
            b.expiresOn ? b.expiresOn.toISOString().slice(0, 10) : "—",
            formatNumber(b.quantity, "en"),
            b.link ?? "— (no GTIN)",
          ]),
        );
        // each batch's Digital Link as a QR, six to a row
        const linked = d.batches.filter((b) => b.link);
        for (let i = 0; i < linked.length; i++) {
          if (i % 6 === 0) {
            doc.moveDown();
            if (doc.y > 680) doc.addPage();
          }
          const y = doc.y;
          const x = 40 + (i % 6) * 88;
          doc.image(await QRCode.toBuffer(linked[i].link!, { width: 120, margin: 1 }), x, y, { width: 64 });
          doc
            .font("Helvetica")
            .fontSize(7)
            .text(`QR ${linked[i].batchCode}`, x, y + 66, { width: 80 });
          doc.y = i % 6 === 5 || i === linked.length - 1 ? y + 80 : y;
        }
        doc.x = 40;
      }
      doc.moveDown();
      const y = doc.y;
      doc.image(qr, 40, y, { width: 90 });
      doc
        .font("Helvetica")
        .fontSize(8)
        .text(`Scan for provenance: who made this lot.\n${provenance}`, 140, y + 30, { width: 400 });
    });
    return { filename: `${lot.code}-packing-list.pdf`, pdf };
  }
  const pdf = await render((doc) => {
    heading(doc, "CERTIFICATE OF ORIGIN — DATA SHEET (ASEAN FORM D / ATIGA)", `${lot.code}-COO`, date);
    doc
      .font("Helvetica")
      .fontSize(8)
      .text("Data for the issuing authority (IPSKA). This sheet is not the certificate itself.");
    doc.moveDown();
    const c = lot.company;
    const fields: Array<[string, string]> = [
      ["1. Goods consigned from (exporter)", [EXPORTER.name, ...EXPORTER.address].join(", ")],
      [
        "2. Goods consigned to (consignee)",
        c ? `${c.name}, ${countryName(c.country, "en")}${c.taxId ? `, tax ID ${c.taxId}` : ""}` : "—",
      ],
      [
        "3. Means of transport and route",
        `From Indonesia to ${lot.destinationPort ?? ""} ${countryName(lot.destinationCountry, "en")} (${lot.incoterm})`,
      ],
      ["4. For official use", ""],
      [
        "5–7. Items, marks, packages, description",
        lines.map((l) => `${l.no}. ${l.packages} cartons marked ${lot.code}; ${l.description}`).join("\n"),
      ],
      ["8. Origin criterion", lines.map((l) => `${l.no}. ${originText(l.origin)}`).join("\n")],
      ["Origin calculation (ATIGA, build-up)", lines.map((l) => `${l.no}. ${originCalculation(l.origin)}`).join("\n")],
      [
        "9. Gross weight or other quantity",
        lines.map((l) => `${l.no}. ${kg(l.grossKg)} / ${formatNumber(l.quantity, "en")} ${l.unit}`).join("\n"),
      ],
      ["10. Invoice number and date", `${lot.code}-INV, ${date.toISOString().slice(0, 10)}`],
      ["HS codes", lines.map((l) => `${l.no}. ${l.hsCode || "—"}`).join("\n")],
      [
        "Manufacturers (UMKM)",
        d.producers.map((p) => `${p.legalName}, ${regencyLabel(p.regencyCode)} (NIB ${p.nib})`).join("\n"),
      ],
      [
        "11. Declaration by the exporter",
        `The goods were produced in Indonesia and comply with the origin requirements for ${countryName(lot.destinationCountry, "en")}.`,
      ],
    ];
    table(
      doc,
      ["Field", "Data"],
      [170, 345],
      fields.map(([k, v]) => [k, v]),
    );
  });
  return { filename: `${lot.code}-certificate-of-origin-data.pdf`, pdf };
}

/** Form D box 8 for one line: the criterion, or why there is none. */
function originText(o: OriginResult | null) {
  if (!o) return "— (no cost structure declared by the producer)";
  if (o.ok) return o.criterion;
  if (o.reason === "origin.refused.belowRvc")
    return `NOT ORIGINATING: RVC ${formatBps(o.rvcBps ?? 0, "en")} is below 40%`;
  return "— (cost structure incomplete)";
}

function originCalculation(o: OriginResult | null) {
  if (!o || !o.ok) return "—";
  const rupiah = (v: bigint) => formatDocumentMoney(v, "IDR");
  const share = o.rvcBps === null ? "—" : formatBps(o.rvcBps, "en");
  return `regional value ${rupiah(o.regional)} / FOB ${rupiah(o.fob)} per unit = ${share}`;
}

/**
 * The lot's Form D data as CSV for the issuing office: one row per line, with the origin
 * criterion and the RVC behind it. Null when the lot does not exist.
 */
export async function formDCsv(lotId: string) {
  const d = await lotForDocuments(lotId);
  if (!d) return null;
  const csv = stringify([
    [
      "item_no",
      "description",
      "hs_code",
      "quantity",
      "unit",
      "packages",
      "gross_kg",
      "origin_criterion",
      "rvc_percent",
      "fob_idr_per_unit",
      "regional_value_idr_per_unit",
      "manufacturers",
      "importing_country",
      "invoice",
    ],
    ...d.lines.map((l) => {
      const o = l.origin;
      return [
        l.no,
        l.description,
        l.hsCode,
        l.quantity,
        l.unit,
        l.packages,
        l.grossKg,
        o?.ok ? o.criterion : "",
        o && (o.ok || o.reason === "origin.refused.belowRvc") && o.rvcBps != null
          ? formatBps(o.rvcBps, "en").replace("%", "")
          : "",
        o?.ok ? toMajorString(o.fob, "IDR") : "",
        o?.ok ? toMajorString(o.regional, "IDR") : "",
        l.producers.join("; "),
        d.lot.destinationCountry,
        `${d.lot.code}-INV`,
      ];
    }),
  ]);
  return { filename: `${d.lot.code}-form-d.csv`, csv };
}

export { pdfDownload } from "~/lib/pdf.server";
