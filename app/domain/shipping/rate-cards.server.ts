/**
 * Rate cards as staff keep them: couriers and their services (how each weighs a parcel),
 * and a rate per kg with an estimate in days from an origin kabupaten/kota to a
 * destination. Cards travel as CSV (`service,origin,destination,per_kg_idr,eta_min_days,
 * eta_max_days`): export, a template, and an import that applies every valid row in one
 * statement and reports every row it refused, with the reason. Every change is audited.
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { db, type Tx } from "~/lib/db.server";
import { audit, snapshot } from "../audit.server";
import { parseMoneyInput, toInputString } from "../money";
import { INDONESIAN_PROVINCES, regency, SHIPPING_COUNTRIES } from "../regions";

export const RATE_COLUMNS = ["service", "origin", "destination", "per_kg_idr", "eta_min_days", "eta_max_days"] as const;
const MAX_RATE_BYTES = 2 * 1024 * 1024;
const MAX_RATE_ROWS = 20_000;

/** Every courier's code, name and tracking link template (a handful of rows), to link waybills. */
export function courierLinks() {
  return db.courier.findMany({ select: { code: true, name: true, trackingUrl: true } });
}

export async function courierServices() {
  const [services, counts] = await Promise.all([
    db.courierService.findMany({
      include: { courier: true },
      orderBy: [{ courier: { name: "asc" } }, { code: "asc" }],
    }),
    db.shippingRateCard.groupBy({ by: ["serviceId"], _count: { _all: true } }),
  ]);
  const n = new Map(counts.map((c) => [c.serviceId, c._count._all]));
  return services.map((s) => ({ ...s, rateCount: n.get(s.id) ?? 0 }));
}

export type ServiceInput = {
  code: string;
  courierCode: string;
  courierName: string;
  trackingUrl: string | null;
  nameId: string;
  nameEn: string;
  volumetricDivisor: number;
  minWeightGrams: number;
  roundingToleranceGrams: number;
  ownDelivery: boolean;
  active: boolean;
};

/** Creates or updates a service (and its courier), audited. */
export async function saveCourierService(staffId: string, input: ServiceInput) {
  return db.$transaction(async (tx) => {
    const courier = await tx.courier.upsert({
      where: { code: input.courierCode },
      update: { name: input.courierName, trackingUrl: input.trackingUrl },
      create: { code: input.courierCode, name: input.courierName, trackingUrl: input.trackingUrl },
    });
    const data = {
      courierId: courier.id,
      nameId: input.nameId,
      nameEn: input.nameEn,
      volumetricDivisor: input.volumetricDivisor,
      minWeightGrams: input.minWeightGrams,
      roundingToleranceGrams: input.roundingToleranceGrams,
      ownDelivery: input.ownDelivery,
      active: input.active,
    };
    const before = await tx.courierService.findUnique({ where: { code: input.code } });
    const after = await tx.courierService.upsert({
      where: { code: input.code },
      update: data,
      create: { code: input.code, ...data },
    });
    await audit(tx, {
      actorId: staffId,
      action: before ? "courier-service.updated" : "courier-service.created",
      entityType: "CourierService",
      entityId: after.id,
      before: before ? snapshot(before) : undefined,
      after: snapshot(after),
    });
    return after;
  });
}

/** Every rate card as CSV, ordered by service, origin and destination. */
export async function rateCardsCsv(tx: Tx = db) {
  const rows = await tx.shippingRateCard.findMany({
    include: { service: { select: { code: true } } },
    orderBy: [{ service: { code: "asc" } }, { originRegencyCode: "asc" }, { destination: "asc" }],
  });
  return stringify(
    rows.map((r) => [
      r.service.code,
      r.originRegencyCode,
      r.destination,
      toInputString(r.perKgAmount, r.currency),
      r.etaMinDays,
      r.etaMaxDays,
    ]),
    { header: true, columns: [...RATE_COLUMNS] },
  );
}

/** The CSV's columns with two example rows: Sampit to Jakarta by JNE REG, and within Banjarmasin. */
export function rateTemplateCsv() {
  return stringify(
    [
      ["JNE-REG", "62.02", "P:31", "38000", 3, 5],
      ["JNE-REG", "63.71", "R:63.71", "9000", 1, 2],
    ],
    { header: true, columns: [...RATE_COLUMNS] },
  );
}

/** A destination as the cards name it: "P:<province>", "R:<kabupaten/kota>" or "C:<country abroad>". */
export function validDestination(d: string) {
  const m = /^(P|R|C):(.+)$/.exec(d);
  if (!m) return false;
  if (m[1] === "P") return INDONESIAN_PROVINCES.some((p) => p.code === m[2]);
  if (m[1] === "R") return !!regency(m[2]);
  return m[2] !== "ID" && SHIPPING_COUNTRIES.includes(m[2]);
}

export type RateRowReport = { row: number; status: "saved" | "refused"; errors: string[] };
export type RateImportReport = { saved: number; refused: number; rows: RateRowReport[] };

export class RateFileError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

/**
 * Imports a rate-card CSV: each row is checked (a known service, an origin kabupaten/kota,
 * a destination, a whole-rupiah rate, days in order); the valid rows are written in one
 * statement (a card for the same service, origin and destination is replaced) and the
 * report names every refused row. A file with a wrong header changes nothing.
 */
export async function importRateCards(staffId: string, content: string): Promise<RateImportReport> {
  if (Buffer.byteLength(content) > MAX_RATE_BYTES) throw new RateFileError("workErrors.importTooLarge");
  let records: string[][];
  try {
    records = parse(content.replace(/^\uFEFF/, ""), { skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch {
    throw new RateFileError("workErrors.importNotCsv");
  }
  const [header, ...rows] = records;
  if (!header || rows.length === 0) throw new RateFileError("workErrors.importEmpty");
  const cols = header.map((h) => h.trim().toLowerCase());
  if (RATE_COLUMNS.some((c, i) => cols[i] !== c)) throw new RateFileError("workErrors.importColumns");
  if (rows.length > MAX_RATE_ROWS) throw new RateFileError("workErrors.importTooLarge");

  const services = new Map((await db.courierService.findMany()).map((s) => [s.code, s]));
  const report: RateRowReport[] = [];
  const good = new Map<
    string,
    { serviceId: string; origin: string; dest: string; amount: bigint; min: number; max: number }
  >();
  rows.forEach((r, i) => {
    const [code = "", origin = "", dest = "", perKg = "", etaMin = "", etaMax = ""] = r;
    const errors: string[] = [];
    const service = services.get(code);
    if (!service) errors.push("workErrors.rateService");
    if (!regency(origin)) errors.push("workErrors.rateOrigin");
    if (!validDestination(dest)) errors.push("workErrors.rateDestination");
    const amount = parseMoneyInput(perKg, "IDR", 10_000_000n);
    if (!amount.ok) errors.push("workErrors.rateAmount");
    const min = /^\d{1,3}$/.test(etaMin) ? Number(etaMin) : NaN;
    const max = /^\d{1,3}$/.test(etaMax) ? Number(etaMax) : NaN;
    if (!(min <= max)) errors.push("workErrors.rateEta");
    if (service?.ownDelivery && dest !== `R:${origin}`) errors.push("workErrors.rateOwnDelivery");
    if (r.length !== RATE_COLUMNS.length) errors.push("workErrors.rateColumns");
    if (errors.length || !service || !amount.ok) {
      report.push({ row: i + 2, status: "refused", errors });
      return;
    }
    // a later row for the same card wins, as it would typed in a spreadsheet
    good.set(`${service.id}|${origin}|${dest}`, {
      serviceId: service.id,
      origin,
      dest,
      amount: amount.amount,
      min,
      max,
    });
    report.push({ row: i + 2, status: "saved", errors: [] });
  });

  const list = [...good.values()];
  await db.$transaction(async (tx) => {
    if (list.length)
      await tx.$executeRaw`
        INSERT INTO "ShippingRateCard" (id, "serviceId", "originRegencyCode", destination, "perKgAmount", "etaMinDays", "etaMaxDays", "updatedAt")
        SELECT gen_random_uuid()::text, s, o, d, a, mn, mx, now()
          FROM unnest(${list.map((g) => g.serviceId)}::text[], ${list.map((g) => g.origin)}::text[],
                      ${list.map((g) => g.dest)}::text[], ${list.map((g) => g.amount)}::bigint[],
                      ${list.map((g) => g.min)}::int[], ${list.map((g) => g.max)}::int[]) AS t(s, o, d, a, mn, mx)
        ON CONFLICT ("serviceId", "originRegencyCode", destination)
        DO UPDATE SET "perKgAmount" = EXCLUDED."perKgAmount", "etaMinDays" = EXCLUDED."etaMinDays",
                      "etaMaxDays" = EXCLUDED."etaMaxDays", "updatedAt" = now()`;
    const refused = report.filter((r) => r.status === "refused").length;
    await audit(tx, {
      actorId: staffId,
      action: "shipping-rates.imported",
      entityType: "ShippingRateCard",
      entityId: "import",
      after: { rows: rows.length, saved: list.length, refused },
    });
  });
  return {
    saved: report.filter((r) => r.status === "saved").length,
    refused: report.filter((r) => r.status === "refused").length,
    rows: report,
  };
}
