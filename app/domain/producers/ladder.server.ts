/**
 * The facts the naik kelas ladder (ladder.ts) is computed from, for one producer or a caseload
 * at once: a fixed number of grouped queries however many producers are asked about.
 */
import { db } from "~/lib/db.server";
import { validCertificationWhere } from "../certification/index.server";
import { ladder, type Ladder, type LadderFacts } from "./ladder";

export async function ladderFacts(producerIds: string[], now = new Date()): Promise<Map<string, LadderFacts>> {
  const out = new Map<string, LadderFacts>();
  if (producerIds.length === 0) return out;
  const where = { producerId: { in: producerIds } };
  const [producers, verified, pending, credits, products, food, incomplete] = await Promise.all([
    db.producer.findMany({ where: { id: { in: producerIds } }, select: { id: true, scale: true } }),
    db.certification.findMany({
      where: { ...where, ...validCertificationWhere(now) },
      select: { producerId: true, type: true },
    }),
    db.certification.findMany({ where: { ...where, status: "PENDING" }, select: { producerId: true, type: true } }),
    db.ledgerEntry.groupBy({
      by: ["producerId", "kind"],
      where: { ...where, kind: { in: ["SALE_CREDIT", "LOT_CREDIT"] } },
      _count: { _all: true },
    }),
    db.product.groupBy({ by: ["producerId"], where: { ...where, status: "PUBLISHED" }, _count: { _all: true } }),
    db.product.groupBy({
      by: ["producerId"],
      where: {
        ...where,
        status: { not: "ARCHIVED" },
        OR: [{ category: { isFood: true } }, { category: { parent: { isFood: true } } }],
      },
      _count: { _all: true },
    }),
    db.product.groupBy({
      by: ["producerId"],
      where: {
        ...where,
        status: "PUBLISHED",
        OR: [{ images: { none: {} } }, { descriptionEn: "" }, { descriptionId: "" }],
      },
      _count: { _all: true },
    }),
  ]);
  const count = (rows: Array<{ producerId: string; _count: { _all: number } }>, id: string) =>
    rows.find((r) => r.producerId === id)?._count._all ?? 0;
  for (const p of producers) {
    const credit = (kind: string) => credits.find((c) => c.producerId === p.id && c.kind === kind)?._count._all ?? 0;
    out.set(p.id, {
      verifiedCerts: verified.filter((c) => c.producerId === p.id).map((c) => c.type),
      pendingCerts: pending.filter((c) => c.producerId === p.id).map((c) => c.type),
      sellsFood: count(food, p.id) > 0,
      saleCredits: credit("SALE_CREDIT"),
      lotCredits: credit("LOT_CREDIT"),
      publishedProducts: count(products, p.id),
      incompleteListings: count(incomplete, p.id),
      scale: p.scale,
    });
  }
  return out;
}

/** Each producer's ladder. */
export async function laddersOf(producerIds: string[], now = new Date()): Promise<Map<string, Ladder>> {
  const facts = await ladderFacts(producerIds, now);
  return new Map([...facts].map(([id, f]) => [id, ladder(f)]));
}

export async function producerLadder(producerId: string, now = new Date()): Promise<Ladder | null> {
  return (await laddersOf([producerId], now)).get(producerId) ?? null;
}
