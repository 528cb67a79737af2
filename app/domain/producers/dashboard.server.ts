/** What a producer sees first: status, stock warnings, orders to fulfil, lot offers and what it is owed. */
import { db } from "~/lib/db.server";
import { listOwnProducts } from "../catalogue/index.server";

export async function producerDashboard(producerId: string) {
  const [products, pendingCerts, rejectedCerts, toFulfil, lotOffers, balance] = await Promise.all([
    listOwnProducts(producerId),
    db.certification.count({ where: { producerId, status: "PENDING" } }),
    db.certification.count({ where: { producerId, status: "REJECTED" } }),
    db.fulfilment.count({
      where: {
        producerId,
        status: { in: ["PENDING", "PACKED"] },
        order: { status: { in: ["PAID", "PARTIALLY_SHIPPED"] } },
      },
    }),
    db.lotAllocation.count({ where: { producerId, status: "OFFERED" } }),
    // a balance is the sum of the append-only ledger, never a stored total
    db.ledgerEntry.aggregate({ where: { producerId, currency: "IDR" }, _sum: { amount: true } }),
  ]);
  return {
    products: {
      total: products.length,
      published: products.filter((p) => p.status === "PUBLISHED").length,
      drafts: products.filter((p) => p.status === "DRAFT").length,
    },
    lowStock: products
      .filter((p) => p.lowStock.length > 0)
      .map((p) => ({ id: p.id, nameId: p.nameId, nameEn: p.nameEn, lowStock: p.lowStock })),
    certificates: { pending: pendingCerts, rejected: rejectedCerts },
    ordersToFulfil: toFulfil,
    lotOffers,
    balance: { amount: balance._sum.amount ?? 0, currency: "IDR" },
  };
}
