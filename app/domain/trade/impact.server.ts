/**
 * The impact dashboard: producers onboarded and verified, retail sales and export volume
 * per kabupaten and month, and the share of producer revenue that reaches micro
 * producers — all computed from orders, lots and the ledger (never stored totals).
 */
import { db } from "~/lib/db.server";
import { regencyLabel } from "../regions";
import { money, sumMinor, toWholeMajorString } from "../money";

/** Amounts are exact (bigint minor units); chart bars take them as numbers, which only sets their length. */
export type ImpactRow = {
  month: string;
  regencyCode: string;
  regency: string;
  retailAmount: bigint;
  retailUnits: number;
  exportUnits: number;
  exportCredit: bigint;
};

export async function impactFigures(months = 12) {
  const since = new Date();
  since.setUTCMonth(since.getUTCMonth() - months + 1, 1);
  since.setUTCHours(0, 0, 0, 0);
  const [byStatus, retail, exports, shares] = await Promise.all([
    db.producer.groupBy({ by: ["status"], _count: { _all: true } }),
    db.$queryRaw<Array<{ month: string; regency: string; amount: bigint; units: bigint }>>`
      SELECT to_char(date_trunc('month', o."paidAt"), 'YYYY-MM') AS month, p."regencyCode" AS regency,
             SUM(l."lineAmount" - l."unitAmount" * l."refundedQty")::bigint AS amount, SUM(l.quantity - l."refundedQty")::bigint AS units
        FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId" JOIN "Producer" p ON p.id = l."producerId"
       WHERE o."paidAt" >= ${since} GROUP BY 1, 2`,
    db.$queryRaw<Array<{ month: string; regency: string; units: bigint; credit: bigint }>>`
      SELECT to_char(date_trunc('month', a."qcAt"), 'YYYY-MM') AS month, p."regencyCode" AS regency,
             SUM(a."passedQuantity")::bigint AS units, SUM(a."passedQuantity" * a."producerPriceAmount")::bigint AS credit
        FROM "LotAllocation" a JOIN "Producer" p ON p.id = a."producerId"
       WHERE a.status = 'QC_PASSED' AND a."qcAt" >= ${since} GROUP BY 1, 2`,
    db.$queryRaw<Array<{ scale: string; amount: bigint }>>`
      SELECT p.scale::text AS scale, SUM(e.amount)::bigint AS amount
        FROM "LedgerEntry" e JOIN "Producer" p ON p.id = e."producerId"
       WHERE e.kind IN ('SALE_CREDIT', 'REFUND_DEBIT', 'LOT_CREDIT') AND e."createdAt" >= ${since} GROUP BY 1`,
  ]);
  const rows = new Map<string, ImpactRow>();
  const row = (month: string, code: string) => {
    const key = `${month}|${code}`;
    const r = rows.get(key) ?? {
      month,
      regencyCode: code,
      regency: regencyLabel(code),
      retailAmount: 0n,
      retailUnits: 0,
      exportUnits: 0,
      exportCredit: 0n,
    };
    rows.set(key, r);
    return r;
  };
  for (const r of retail)
    Object.assign(row(r.month, r.regency), { retailAmount: r.amount, retailUnits: Number(r.units) });
  for (const r of exports)
    Object.assign(row(r.month, r.regency), { exportUnits: Number(r.units), exportCredit: r.credit });
  const monthsList: string[] = [];
  for (let d = new Date(since); d <= new Date(); d.setUTCMonth(d.getUTCMonth() + 1))
    monthsList.push(d.toISOString().slice(0, 7));
  const totalRevenue = sumMinor(shares.map((x) => x.amount));
  const micro = shares.find((x) => x.scale === "MIKRO")?.amount ?? 0n;
  const count = (s: string) => byStatus.find((b) => b.status === s)?._count._all ?? 0;
  const table = [...rows.values()].sort((a, b) => a.month.localeCompare(b.month) || a.regency.localeCompare(b.regency));
  const perRegency = (pick: (r: ImpactRow) => number) =>
    [
      ...table
        .reduce((m, r) => m.set(r.regency, (m.get(r.regency) ?? 0) + pick(r)), new Map<string, number>())
        .entries(),
    ]
      .map(([label, value]) => ({ label, value }))
      .filter((x) => x.value > 0)
      .sort((a, b) => b.value - a.value);
  const perMonth = (pick: (r: ImpactRow) => number) =>
    monthsList.map((m) => ({ label: m, value: table.filter((r) => r.month === m).reduce((s, r) => s + pick(r), 0) }));
  return {
    since: since.toISOString().slice(0, 10),
    producers: {
      onboarded: byStatus.reduce((s, b) => s + b._count._all, 0),
      verified: count("VERIFIED"),
      pending: count("PENDING"),
      suspended: count("SUSPENDED"),
    },
    microShare: totalRevenue > 0n ? Number((micro * 1_000_000n) / totalRevenue) / 1_000_000 : 0,
    revenueToProducers: totalRevenue,
    charts: {
      retailByRegency: perRegency((r) => Number(r.retailAmount)),
      exportByRegency: perRegency((r) => r.exportUnits),
      retailByMonth: perMonth((r) => Number(r.retailAmount)),
      exportByMonth: perMonth((r) => r.exportUnits),
    },
    table,
  };
}

export function impactCsv(table: ImpactRow[]) {
  const head = "month,regency_code,regency,retail_amount_idr,retail_units,export_units,export_credit_idr";
  const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return (
    [
      head,
      ...table.map((r) =>
        [
          r.month,
          r.regencyCode,
          esc(r.regency),
          toWholeMajorString(money(r.retailAmount, "IDR")),
          r.retailUnits,
          r.exportUnits,
          toWholeMajorString(money(r.exportCredit, "IDR")),
        ].join(","),
      ),
    ].join("\n") + "\n"
  );
}
