/**
 * Demo rate cards: JNE REG and YES, J&T EZ, POS Kilat Khusus, SiCepat REG and the producers'
 * own delivery, from every kabupaten/kota of Kalteng and Kalsel to all 38 provinces (and to
 * the origin itself, cheaper), plus POS EMS abroad. Prices follow the shape of the couriers'
 * published tariffs from Kalimantan (same province cheapest, Java next, Papua dearest), with
 * a deterministic spread per origin so two kabupaten do not quote the very same figure.
 */
import crypto from "node:crypto";
import { INDONESIAN_PROVINCES, SHIPPING_COUNTRIES } from "../../app/domain/orders/address";
import { provinces } from "../../app/domain/regions/regions";
import type { Tx } from "../../app/lib/db.server";

const COURIERS = [
  { code: "jne", name: "JNE", trackingUrl: "https://www.jne.co.id/tracking-package?awb={waybill}" },
  { code: "jnt", name: "J&T Express", trackingUrl: "https://jet.co.id/track?awb={waybill}" },
  { code: "pos", name: "POS Indonesia", trackingUrl: "https://www.posindonesia.co.id/id/tracking?barcode={waybill}" },
  { code: "sicepat", name: "SiCepat", trackingUrl: "https://www.sicepat.com/checkAwb?awb={waybill}" },
  { code: "own", name: "Kurir toko", trackingUrl: null },
];

type Service = {
  code: string;
  courier: string;
  nameId: string;
  nameEn: string;
  factor: number;
  days: [number, number];
  tolerance: number;
  divisor?: number;
  own?: boolean;
  abroad?: boolean;
};
const SERVICES: Service[] = [
  {
    code: "JNE-REG",
    courier: "jne",
    nameId: "JNE Reguler",
    nameEn: "JNE Regular",
    factor: 1,
    days: [2, 4],
    tolerance: 300,
  },
  {
    code: "JNE-YES",
    courier: "jne",
    nameId: "JNE YES (esok sampai)",
    nameEn: "JNE YES (next day)",
    factor: 1.9,
    days: [1, 1],
    tolerance: 300,
  },
  { code: "JNT-EZ", courier: "jnt", nameId: "J&T EZ", nameEn: "J&T EZ", factor: 0.96, days: [2, 5], tolerance: 0 },
  {
    code: "POS-KILAT",
    courier: "pos",
    nameId: "POS Kilat Khusus",
    nameEn: "POS Kilat Khusus",
    factor: 0.88,
    days: [3, 7],
    tolerance: 0,
  },
  {
    code: "SICEPAT-REG",
    courier: "sicepat",
    nameId: "SiCepat REG",
    nameEn: "SiCepat REG",
    factor: 0.93,
    days: [2, 4],
    tolerance: 300,
  },
  {
    code: "OWN-LOCAL",
    courier: "own",
    nameId: "Antar sendiri (satu kabupaten/kota)",
    nameEn: "Seller's own delivery (same kabupaten/kota)",
    factor: 0,
    days: [0, 1],
    tolerance: 0,
    own: true,
  },
  {
    code: "POS-EMS",
    courier: "pos",
    nameId: "POS EMS (luar negeri)",
    nameEn: "POS EMS (international)",
    factor: 0,
    days: [5, 12],
    tolerance: 0,
    divisor: 5000,
    abroad: true,
  },
];

/** Rupiah per kg by JNE REG from Kalimantan to a province, and the extra days. */
function zone(origin: string, dest: string): [number, number] {
  if (dest === origin) return [12_000, 0];
  const kalimantan = ["61", "62", "63", "64", "65"];
  if (kalimantan.includes(dest)) return [24_000, 1];
  if (["31", "32", "33", "34", "35", "36"].includes(dest)) return [34_000, 1];
  if (["51", "52", "71", "72", "73", "74", "75", "76"].includes(dest)) return [46_000, 2];
  if (dest.startsWith("1") || dest === "21" || dest === "53") return [50_000, 2];
  if (["81", "82"].includes(dest)) return [68_000, 3];
  return [98_000, 4];
}

/** A spread of −6%…+6% that depends only on the origin and destination. */
function spread(origin: string, dest: string) {
  const b = crypto.createHash("sha1").update(`${origin}>${dest}`).digest()[0];
  return 0.94 + (b / 255) * 0.12;
}

const rupiah = (n: number) => BigInt(Math.round(n / 500) * 500) * 100n;

const ABROAD: Record<string, number> = { MY: 210_000, BN: 220_000, SG: 230_000, TH: 260_000, VN: 270_000, PH: 270_000 };

export async function seedShipping(db: Tx) {
  const courierIds = new Map<string, string>();
  for (const c of COURIERS) {
    const row = await db.courier.upsert({ where: { code: c.code }, update: {}, create: c });
    courierIds.set(c.code, row.id);
  }
  const origins = provinces.filter((p) => p.code === "62" || p.code === "63");
  const rows: Array<{
    serviceId: string;
    originRegencyCode: string;
    destination: string;
    perKgAmount: bigint;
    etaMinDays: number;
    etaMaxDays: number;
  }> = [];
  for (const s of SERVICES) {
    const svc = await db.courierService.upsert({
      where: { code: s.code },
      update: {},
      create: {
        code: s.code,
        courierId: courierIds.get(s.courier)!,
        nameId: s.nameId,
        nameEn: s.nameEn,
        volumetricDivisor: s.divisor ?? 6000,
        minWeightGrams: 1000,
        roundingToleranceGrams: s.tolerance,
        ownDelivery: !!s.own,
      },
    });
    for (const op of origins)
      for (const r of op.regencies) {
        if (s.own) {
          rows.push({
            serviceId: svc.id,
            originRegencyCode: r.code,
            destination: `R:${r.code}`,
            perKgAmount: rupiah(6_000),
            etaMinDays: 0,
            etaMaxDays: 1,
          });
          continue;
        }
        if (s.abroad) {
          for (const c of SHIPPING_COUNTRIES.filter((c) => c !== "ID")) {
            const base = ABROAD[c] ?? 420_000;
            rows.push({
              serviceId: svc.id,
              originRegencyCode: r.code,
              destination: `C:${c}`,
              perKgAmount: rupiah(base * spread(r.code, c)),
              etaMinDays: s.days[0] + (ABROAD[c] ? 0 : 3),
              etaMaxDays: s.days[1] + (ABROAD[c] ? 0 : 6),
            });
          }
          continue;
        }
        for (const p of INDONESIAN_PROVINCES) {
          const [perKg, extra] = zone(op.code, p.code);
          rows.push({
            serviceId: svc.id,
            originRegencyCode: r.code,
            destination: `P:${p.code}`,
            perKgAmount: rupiah(perKg * s.factor * spread(r.code, p.code)),
            etaMinDays: s.days[0] + (s.code === "JNE-YES" ? 0 : extra),
            etaMaxDays: s.days[1] + extra,
          });
        }
        // within the same kabupaten/kota: the couriers' "dalam kota" rate
        if (s.code !== "JNE-YES")
          rows.push({
            serviceId: svc.id,
            originRegencyCode: r.code,
            destination: `R:${r.code}`,
            perKgAmount: rupiah(8_000 * s.factor),
            etaMinDays: 1,
            etaMaxDays: 2,
          });
      }
  }
  await db.shippingRateCard.createMany({ data: rows, skipDuplicates: true });
  return rows.length;
}
