/**
 * Interactive transactions that run out of time leave nothing behind. Prisma ends a
 * transaction past its timeout by sending ROLLBACK while a nested write may still be
 * running; before app/lib/db-adapter.server.ts the nested write's next statement then ran
 * in autocommit on the released connection (the checkout rush's "Foreign key constraint
 * violated: StockReservation_orderId_fkey", and pg's "client.query() when the client is
 * already executing a query").
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { sellable } from "../helpers/orders";

describe("a transaction that outlives its timeout", () => {
  it("refuses the nested write's later statements instead of running them outside the transaction", async () => {
    const { variant } = await sellable({ stock: 5 });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on("warning", onWarning);
    // another session holds the order number, so our INSERT "Order" waits on it
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query(
      `INSERT INTO "Order" ("id","number","email","currency","subtotalAmount","shippingAmount","totalAmount","paymentMethod","shippingName","shippingPhone","shippingAddress","shippingCity","shippingCountry","accessToken","updatedAt")
       VALUES ('blocker','AJ-TIMEOUT','b@example.test','IDR',0,0,0,'BANK_TRANSFER','B','0811','Jl','Kota','ID','blocker-token',now())`,
    );
    const release = setTimeout(() => void blocker.query("ROLLBACK"), 1_200);
    let error: unknown;
    try {
      await db.$transaction(
        (tx) =>
          tx.order.create({
            data: {
              number: "AJ-TIMEOUT",
              email: "late@example.test",
              currency: "IDR",
              subtotalAmount: 0n,
              shippingAmount: 0n,
              totalAmount: 0n,
              paymentMethod: "BANK_TRANSFER",
              shippingName: "L",
              shippingPhone: "0811",
              shippingAddress: "Jl",
              shippingCity: "Kota",
              shippingCountry: "ID",
              accessToken: "late-token",
              reservations: { create: [{ variantId: variant.id, quantity: 1, expiresAt: new Date() }] },
            },
          }),
        { timeout: 400, maxWait: 5_000 },
      );
    } catch (err) {
      error = err;
    } finally {
      clearTimeout(release);
      await new Promise((r) => setTimeout(r, 1_500));
      await blocker.end();
      process.off("warning", onWarning);
    }
    const message = error instanceof Error ? error.message : String(error);
    expect(message).not.toMatch(/Foreign key constraint/);
    expect(message).toMatch(/Transaction already closed|expired|timeout/i);
    expect(await db.order.count({ where: { number: "AJ-TIMEOUT" } })).toBe(0);
    expect(await db.stockReservation.count({ where: { variantId: variant.id } })).toBe(0);
    expect(warnings.filter((w) => /already executing a query/.test(w))).toEqual([]);
  });
});
