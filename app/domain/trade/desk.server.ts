/**
 * The staff desk (/trade): what waits for the trading house right now, counted in one query so
 * the landing page stays cheap however large the tables grow (every count reads an index).
 */
import { db } from "~/lib/db.server";

export type DeskCounts = {
  producersToVerify: number;
  certificatesToVerify: number;
  transfersAwaiting: number;
  ordersToShip: number;
  quotesOpen: number;
  lotsInProgress: number;
  jobsFailed: number;
};

export async function deskCounts(): Promise<DeskCounts> {
  const [row] = await db.$queryRaw<DeskCounts[]>`
    SELECT
      (SELECT count(*) FROM "Producer" WHERE status = 'PENDING')::int AS "producersToVerify",
      (SELECT count(*) FROM "Certification" WHERE status = 'PENDING')::int AS "certificatesToVerify",
      (SELECT count(*) FROM "Order" WHERE status = 'AWAITING_PAYMENT' AND "paymentMethod" = 'BANK_TRANSFER')::int
        AS "transfersAwaiting",
      (SELECT count(*) FROM "Order" WHERE status IN ('PAID', 'PARTIALLY_SHIPPED'))::int AS "ordersToShip",
      (SELECT count(*) FROM "QuoteRequest" WHERE status = 'OPEN')::int AS "quotesOpen",
      (SELECT count(*) FROM "ExportLot" WHERE status IN ('DRAFT', 'SOURCING', 'CONSOLIDATING', 'QC', 'READY'))::int
        AS "lotsInProgress",
      (SELECT count(*) FROM graphile_worker.jobs WHERE attempts >= max_attempts)::int AS "jobsFailed"`;
  return row;
}
