/**
 * A producer's statement of verified sales, what a bank asks for a KUR application: per month
 * (WIB), what reached the producer from retail sales whose parcels the buyers received
 * (sale credits less refunds, after commission) and from export lots that passed QC — from the
 * ledger, nothing typed in. Issuing freezes the figures under an unguessable token; the PDF
 * carries a QR code to the public page that confirms them (and says whether the ledger still
 * agrees) without showing any buyer, order or price.
 */
import crypto from "node:crypto";
import QRCode from "qrcode";
import { db } from "~/lib/db.server";
import { appUrl } from "~/lib/env.server";
import type { AppLocale } from "~/lib/i18n";
import { localePath } from "~/lib/i18n";
import { serverT } from "~/lib/i18n.server";
import { renderPdf } from "~/lib/pdf.server";
import { formatMoney } from "../money";
import { regencyLabel } from "../regions";
import { audit } from "../audit.server";
import { WIB_MS, wibMonthStart } from "~/lib/wib";

export type StatementMonth = { month: string; retail: bigint; export: bigint; orders: number; lots: number };

export const STATEMENT_MONTHS = [3, 6, 12] as const;
export { wibMonthStart };

/** Verified sales per WIB month in [start, end). */
export async function verifiedSales(producerId: string, start: Date, end: Date): Promise<StatementMonth[]> {
  const rows = await db.$queryRaw<
    Array<{ month: string; retail: bigint; export: bigint; orders: bigint; lots: bigint }>
  >`
    SELECT to_char(l."createdAt" + interval '7 hours', 'YYYY-MM') AS "month",
           COALESCE(SUM(l."amount") FILTER (WHERE l."kind" IN ('SALE_CREDIT', 'REFUND_DEBIT')), 0)::bigint AS "retail",
           COALESCE(SUM(l."amount") FILTER (WHERE l."kind" = 'LOT_CREDIT'), 0)::bigint AS "export",
           COUNT(DISTINCT l."fulfilmentId") FILTER (WHERE l."kind" = 'SALE_CREDIT') AS "orders",
           COUNT(DISTINCT l."lotId") FILTER (WHERE l."kind" = 'LOT_CREDIT') AS "lots"
      FROM "LedgerEntry" l
      LEFT JOIN "Fulfilment" f ON f."id" = l."fulfilmentId"
     WHERE l."producerId" = ${producerId} AND l."currency" = 'IDR'
       AND l."createdAt" >= ${start} AND l."createdAt" < ${end}
       AND (l."kind" = 'LOT_CREDIT' OR (l."kind" IN ('SALE_CREDIT', 'REFUND_DEBIT') AND f."status" = 'COMPLETED'))
     GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => ({
    month: r.month,
    retail: BigInt(r.retail),
    export: BigInt(r.export),
    orders: Number(r.orders),
    lots: Number(r.lots),
  }));
}

const toJson = (m: StatementMonth[]) =>
  m.map((x) => ({ ...x, retail: x.retail.toString(), export: x.export.toString() }));
const fromJson = (j: unknown): StatementMonth[] =>
  (j as Array<{ month: string; retail: string; export: string; orders: number; lots: number }>).map((x) => ({
    ...x,
    retail: BigInt(x.retail),
    export: BigInt(x.export),
  }));
const sum = (m: StatementMonth[], k: "retail" | "export") => m.reduce((s, x) => s + x[k], 0n);

/** Issues a statement of the last `months` months (this one included), audited. */
export async function issueStatement(producerId: string, actorId: string, months: number, now = new Date()) {
  const periodStart = wibMonthStart(now, months - 1);
  const figures = await verifiedSales(producerId, periodStart, now);
  return db.$transaction(async (tx) => {
    const statement = await tx.salesStatement.create({
      data: {
        token: crypto.randomBytes(18).toString("base64url"),
        producerId,
        periodStart,
        periodEnd: now,
        months: toJson(figures),
        retailTotal: sum(figures, "retail"),
        exportTotal: sum(figures, "export"),
        issuedById: actorId,
      },
    });
    await audit(tx, {
      actorId,
      action: "producer.statement",
      entityType: "Producer",
      entityId: producerId,
      after: { statementId: statement.id, months, retail: statement.retailTotal, export: statement.exportTotal },
    });
    return statement;
  });
}

export function statementUrl(token: string, locale: AppLocale) {
  return `${appUrl()}${localePath(`/statements/${token}`, locale)}`;
}

/** What the public verification page shows: the frozen figures, and whether the ledger still says the same. */
export async function verifyStatement(token: string) {
  const s = await db.salesStatement.findUnique({
    where: { token },
    include: { producer: { select: { legalName: true, nib: true, regencyCode: true } } },
  });
  if (!s) return null;
  const issued = fromJson(s.months);
  const now = await verifiedSales(s.producerId, s.periodStart, s.periodEnd);
  const same =
    now.length === issued.length &&
    now.every((m, i) => m.month === issued[i].month && m.retail === issued[i].retail && m.export === issued[i].export);
  return {
    number: s.id.slice(-8).toUpperCase(),
    producer: { name: s.producer.legalName, nib: s.producer.nib, region: regencyLabel(s.producer.regencyCode) },
    periodStart: s.periodStart,
    periodEnd: s.periodEnd,
    issuedAt: s.issuedAt,
    months: issued,
    retailTotal: s.retailTotal,
    exportTotal: s.exportTotal,
    stillMatches: same,
  };
}

export async function statementsOf(producerId: string) {
  return db.salesStatement.findMany({
    where: { producerId },
    orderBy: { issuedAt: "desc" },
    take: 20,
    select: { id: true, token: true, issuedAt: true, periodStart: true, retailTotal: true, exportTotal: true },
  });
}

/** The statement as a PDF in the producer's language, with the QR code to its verification page. */
export async function statementPdf(token: string, locale: AppLocale) {
  const v = await verifyStatement(token);
  if (!v) return null;
  const t = serverT(locale);
  const url = statementUrl(token, locale);
  const qr = await QRCode.toBuffer(url, { width: 200, margin: 1 });
  const rp = (x: bigint) => formatMoney(x, "IDR", locale);
  const day = (d: Date) => new Date(d.getTime() + WIB_MS).toISOString().slice(0, 10);
  const pdf = await renderPdf(
    { size: "A4", margin: 48, info: { Title: t("statement.pdfTitle"), Author: "Anjung" } },
    (doc) => {
      doc.font("Helvetica-Bold").fontSize(16).text(t("statement.pdfTitle"));
      doc.moveDown(0.3).font("Helvetica").fontSize(10);
      doc.text(
        [v.producer.name, v.producer.nib && `NIB ${v.producer.nib}`, v.producer.region].filter(Boolean).join(" · "),
      );
      doc.text(t("statement.period", { from: day(v.periodStart), to: day(v.periodEnd) }));
      doc.text(t("statement.number", { number: v.number, date: day(v.issuedAt) }));
      doc.moveDown();
      const cols = [90, 130, 130, 130];
      const row = (cells: string[], bold = false) => {
        const y = doc.y;
        let x = doc.page.margins.left;
        doc.font(bold ? "Helvetica-Bold" : "Helvetica");
        cells.forEach((c, i) => {
          doc.text(c, x, y, { width: cols[i], align: i === 0 ? "left" : "right" });
          x += cols[i];
        });
        doc.moveDown(0.4);
      };
      row([t("statement.month"), t("statement.retail"), t("statement.export"), t("statement.total")], true);
      for (const m of v.months) row([m.month, rp(m.retail), rp(m.export), rp(m.retail + m.export)]);
      row([t("statement.sum"), rp(v.retailTotal), rp(v.exportTotal), rp(v.retailTotal + v.exportTotal)], true);
      doc.x = doc.page.margins.left;
      doc.moveDown().font("Helvetica").fontSize(8).text(t("statement.basis"), { width: 480 });
      doc.moveDown().image(qr, { width: 110 });
      doc.fontSize(8).text(t("statement.verifyAt", { url }), { width: 480 });
    },
  );
  return { filename: `anjung-statement-${v.number}.pdf`, pdf };
}

/** A statement's PDF for the producer it belongs to, else null. */
export async function ownStatementPdf(producerId: string, token: string, locale: AppLocale) {
  const own = await db.salesStatement.findFirst({ where: { token, producerId }, select: { id: true } });
  return own ? statementPdf(token, locale) : null;
}
