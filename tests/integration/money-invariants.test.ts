/**
 * Invariants of money and stock, as properties (fast-check) over generated sequences of
 * orders, payments, partial and full refunds, cancellations, lot credits and payout
 * batches — some steps run concurrently — against the real PostgreSQL:
 *
 * - every producer's balance is its credits less refunds less payouts, and each paid
 *   parcel's credit and refund debits add up to exactly the producer's share of what was
 *   kept (refunds net to zero, in any order, at any commission rate);
 * - every payout batch pays exactly what it marked, and no producer owes a negative payout;
 * - stock + held + sold is constant per variant;
 * - every order's total is its lines plus shipping, and what it keeps after refunds is the
 *   unrefunded lines (plus shipping while anything is kept).
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { CheckoutRefused } from "~/domain/orders/checkout.server";
import { cancelUnpaidOrder } from "~/domain/orders/cancellation.server";
import { cancelPaidOrder, refundLines, RefundRefused } from "~/domain/orders/refunds.server";
import { confirmBankTransfer } from "~/domain/payments/payments.server";
import { producerShare } from "~/domain/ledger/ledger.server";
import { createPayoutBatch, NothingToPay } from "~/domain/ledger/payouts.server";
import { completeDueParcels, CompletionRefused, confirmReceipt } from "~/domain/orders/completion.server";
import { FulfilmentRefused, markShipped } from "~/domain/orders/fulfilment.server";
import {
  answerOffer,
  createLot,
  LotRefused,
  proposeAllocation,
  recordQc,
  recordReceipt,
  sendOffers,
} from "~/domain/trade/lots.server";
import { money, sumMinor } from "~/domain/money";
import { createUser } from "../helpers/fixtures";
import { cartWith, checkoutInput, placeReviewed, sellable, shippingRate } from "../helpers/orders";
import { rattanProducers } from "../helpers/trade";

type Op =
  | { t: "order"; v: number; q: number }
  | { t: "pay"; o: number }
  | { t: "refund"; o: number; line: number; q: number }
  | { t: "cancel"; o: number }
  | { t: "lot"; a: number; passed: number }
  | { t: "receive"; o: number; timer: boolean }
  | { t: "payout" };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ t: fc.constant("order" as const), v: fc.nat(2), q: fc.integer({ min: 1, max: 3 }) }),
  },
  { weight: 4, arbitrary: fc.record({ t: fc.constant("pay" as const), o: fc.nat(20) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant("refund" as const),
      o: fc.nat(20),
      line: fc.nat(2),
      q: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("cancel" as const), o: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("lot" as const), a: fc.nat(3), passed: fc.nat(10) }) },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant("receive" as const), o: fc.nat(20), timer: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.constant({ t: "payout" as const }) },
);

/** Steps of one to three operations that run at the same time. */
const scenario = fc.record({
  prices: fc.tuple(
    fc.integer({ min: 100, max: 2_000_000 }),
    fc.integer({ min: 100, max: 2_000_000 }),
    fc.integer({ min: 100, max: 2_000_000 }),
  ),
  commissionBps: fc.integer({ min: 0, max: 2_500 }),
  steps: fc.array(fc.array(op, { minLength: 1, maxLength: 3 }), { minLength: 4, maxLength: 12 }),
});

const REFUSALS = [CheckoutRefused, RefundRefused, NothingToPay, LotRefused, CompletionRefused, FulfilmentRefused];
let runs = 0;

afterAll(() => {
  console.log(`money invariants: ${runs} generated runs checked`);
});

describe("money and stock invariants", () => {
  it("hold after any sequence of orders, payments, refunds, cancellations, receipts, lot credits and payouts", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    await shippingRate();
    await fc.assert(
      fc.asyncProperty(scenario, async ({ prices, commissionBps, steps }) => {
        runs++;
        await db.marketSettings.update({ where: { id: 1 }, data: { commissionBps } });
        const variants: Array<Awaited<ReturnType<typeof sellable>>> = [];
        for (const p of prices) variants.push(await sellable({ priceIdr: p, stock: 12 }));
        const initial = new Map(variants.map((v) => [v.variant.id, 12]));
        // a lot whose allocations are received and wait for QC (credits come from QC)
        const lotProducers = await rattanProducers();
        const lot = await createLot(staff.id, {
          productId: lotProducers[0].product.id,
          categoryId: null,
          grade: null,
          packaging: null,
          targetQuantity: 40,
          unit: "pcs",
          destinationCountry: "SG",
          destinationPort: null,
          incoterm: "FOB",
          unitPriceAmount: 1_450n,
          currency: "USD",
          producerPriceAmount: 9_000_123n,
          unitsPerPackage: 5,
          companyId: null,
        });
        await proposeAllocation(lot.id, staff.id);
        await sendOffers(staff.id, lot.id, new Date(Date.now() + 86_400_000));
        for (const a of await db.lotAllocation.findMany({
          where: { lotId: lot.id, status: "OFFERED" },
          include: { producer: { include: { members: true } } },
        })) {
          await answerOffer(a.producerId, a.producer.members[0].userId, a.id, "accept");
          await recordReceipt(staff.id, a.id, a.quantity);
        }
        const allocations = await db.lotAllocation.findMany({
          where: { lotId: lot.id, status: "RECEIVED" },
          orderBy: { id: "asc" },
        });
        const orders: string[] = [];

        const run = async (o: Op) => {
          const order = async (i: number) =>
            orders.length
              ? db.order.findUniqueOrThrow({ where: { id: orders[i % orders.length] }, include: { lines: true } })
              : null;
          switch (o.t) {
            case "order": {
              const v = variants[o.v];
              const placed = await placeReviewed(
                await cartWith([{ variantId: v.variant.id, quantity: o.q }]),
                null,
                checkoutInput(),
              );
              orders.push(placed.id);
              return;
            }
            case "pay": {
              const x = await order(o.o);
              if (x?.transferAmount) await confirmBankTransfer(staff.id, x.id, x.transferAmount);
              return;
            }
            case "refund": {
              const x = await order(o.o);
              const line = x?.lines[o.line % x.lines.length];
              if (x && line) await refundLines(staff.id, x.id, [{ lineId: line.id, quantity: o.q }], "generated");
              return;
            }
            case "cancel": {
              const x = await order(o.o);
              if (!x) return;
              if (x.paidAt) await cancelPaidOrder(staff.id, x.id, "generated");
              else await cancelUnpaidOrder(x.id, staff.id, "staff");
              return;
            }
            case "lot": {
              const a = allocations[o.a % allocations.length];
              if (a) await recordQc(staff.id, a.id, Math.min(o.passed, a.receivedQuantity ?? 0), "generated", []);
              return;
            }
            case "receive": {
              // the order's parcels ship, then complete: by the buyer's confirmation or by the timer
              const x = await order(o.o);
              if (!x) return;
              const parcels = await db.fulfilment.findMany({
                where: { orderId: x.id, status: { in: ["PENDING", "PACKED"] } },
              });
              for (const f of parcels) {
                const member = await db.producerMember.findFirst({ where: { producerId: f.producerId } });
                await markShipped(f.producerId, member?.userId ?? staff.id, f.id, "JNE", `JNE${f.id.slice(-10)}`);
              }
              if (o.timer) await completeDueParcels(new Date(Date.now() + 60 * 86_400_000));
              else
                for (const f of await db.fulfilment.findMany({ where: { orderId: x.id, status: "SHIPPED" } }))
                  await confirmReceipt(x.id, f.id, null);
              return;
            }
            case "payout":
              await createPayoutBatch(staff.id);
          }
        };
        for (const step of steps) {
          const results = await Promise.allSettled(step.map(run));
          for (const r of results)
            if (r.status === "rejected" && !REFUSALS.some((k) => r.reason instanceof k)) throw r.reason;
        }

        // ---- the invariants ----
        const producerIds = [...variants.map((v) => v.producer.id), ...lotProducers.map((p) => p.producer.id)];
        for (const producerId of producerIds) {
          const entries = await db.ledgerEntry.findMany({ where: { producerId } });
          const byKind = (k: string) => sumMinor(entries.filter((e) => e.kind === k).map((e) => e.amount));
          const balance = sumMinor(entries.map((e) => e.amount));
          expect(balance).toBe(
            byKind("SALE_CREDIT") + byKind("LOT_CREDIT") + byKind("REFUND_DEBIT") + byKind("PAYOUT"),
          );
          expect(byKind("PAYOUT") <= 0n).toBe(true);
        }
        // each paid parcel: credit + refund debits = the share of what the buyer kept
        const fulfilments = await db.fulfilment.findMany({
          where: { producerId: { in: producerIds } },
          include: { lines: true },
        });
        for (const f of fulfilments) {
          const credit = await db.ledgerEntry.findUniqueOrThrow({ where: { sourceKey: `sale:${f.id}` } });
          const debits = await db.ledgerEntry.findMany({
            where: {
              producerId: f.producerId,
              kind: "REFUND_DEBIT",
              sourceKey: { startsWith: "refund:" },
              memo: { startsWith: (await db.order.findUniqueOrThrow({ where: { id: f.orderId } })).number },
            },
          });
          const kept = sumMinor(f.lines.map((l) => l.unitAmount * BigInt(l.quantity - l.refundedQty)));
          const all = sumMinor(f.lines.map((l) => l.lineAmount));
          expect(credit.amount).toBe(producerShare(money(all, "IDR"), credit.commissionBps!).amount);
          expect(credit.amount + sumMinor(debits.map((d) => d.amount))).toBe(
            producerShare(money(kept, "IDR"), credit.commissionBps!).amount,
          );
        }
        // escrow: no batch paid a parcel's entries before the parcel completed
        for (const e of await db.ledgerEntry.findMany({
          where: { payoutBatchId: { not: null }, fulfilmentId: { not: null } },
        })) {
          const f = await db.fulfilment.findUniqueOrThrow({ where: { id: e.fulfilmentId! } });
          expect(f.status, `entry ${e.sourceKey} paid before its parcel completed`).toBe("COMPLETED");
        }
        // payout batches pay exactly what they marked
        for (const b of await db.payoutBatch.findMany({ include: { entries: true } })) {
          const marked = sumMinor(b.entries.filter((e) => e.kind !== "PAYOUT").map((e) => e.amount));
          const paid = -sumMinor(b.entries.filter((e) => e.kind === "PAYOUT").map((e) => e.amount));
          expect(paid).toBe(marked);
          expect(b.totalAmount).toBe(paid);
        }
        // stock + held + sold is constant per variant (sold less what a paid cancellation put back)
        for (const v of variants) {
          const now = await db.variant.findUniqueOrThrow({ where: { id: v.variant.id } });
          const sum = async (status: "HELD" | "CONSUMED") =>
            (
              await db.stockReservation.aggregate({
                where: { variantId: v.variant.id, status },
                _sum: { quantity: true },
              })
            )._sum.quantity ?? 0;
          const cancelled = await db.auditLog.findMany({
            where: { action: "order.cancelled-refunded", entityId: { in: orders } },
          });
          const lineIds = new Set(
            (await db.orderLine.findMany({ where: { variantId: v.variant.id }, select: { id: true } })).map(
              (l) => l.id,
            ),
          );
          const putBack = cancelled
            .flatMap((a) =>
              ((a.after as { lines: Array<{ lineId: string; quantity: number }> }).lines ?? []).filter((l) =>
                lineIds.has(l.lineId),
              ),
            )
            .reduce((s, l) => s + l.quantity, 0);
          expect(now.stock + (await sum("HELD")) + (await sum("CONSUMED")) - putBack).toBe(initial.get(v.variant.id));
        }
        // order totals: lines + shipping; what is kept after refunds
        for (const id of orders) {
          const o = await db.order.findUniqueOrThrow({ where: { id }, include: { lines: true, refunds: true } });
          expect(o.subtotalAmount).toBe(sumMinor(o.lines.map((l) => l.lineAmount)));
          expect(o.totalAmount).toBe(o.subtotalAmount + o.shippingAmount);
          const keptLines = sumMinor(o.lines.map((l) => l.unitAmount * BigInt(l.quantity - l.refundedQty)));
          const keptUnits = o.lines.reduce((s, l) => s + l.quantity - l.refundedQty, 0);
          expect(o.totalAmount - sumMinor(o.refunds.map((r) => r.amount))).toBe(
            o.refunds.length === 0 ? o.totalAmount : keptLines + (keptUnits > 0 ? o.shippingAmount : 0n),
          );
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 25), endOnFailure: true },
    );
    await db.marketSettings.update({ where: { id: 1 }, data: { commissionBps: 1000 } });
    expect(runs).toBeGreaterThanOrEqual(Number(process.env.PROPERTY_RUNS ?? 25));
  }, 600_000);
});
