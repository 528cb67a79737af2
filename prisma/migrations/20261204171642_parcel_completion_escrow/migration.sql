-- CreateEnum
CREATE TYPE "CompletedBy" AS ENUM ('BUYER', 'TIMER');

-- AlterEnum
ALTER TYPE "FulfilmentStatus" ADD VALUE 'COMPLETED';

-- AlterTable
ALTER TABLE "Fulfilment" ADD COLUMN     "autoCompleteAt" TIMESTAMP(3),
ADD COLUMN     "completedAt" TIMESTAMP(3),
ADD COLUMN     "completedBy" "CompletedBy";

-- AlterTable
ALTER TABLE "LedgerEntry" ADD COLUMN     "fulfilmentId" TEXT;

-- AlterTable
ALTER TABLE "MarketSettings" ADD COLUMN     "autoCompleteDays" INTEGER NOT NULL DEFAULT 7;

-- CreateIndex
CREATE INDEX "Fulfilment_status_autoCompleteAt_idx" ON "Fulfilment"("status", "autoCompleteAt");

-- CreateIndex
CREATE INDEX "LedgerEntry_fulfilmentId_idx" ON "LedgerEntry"("fulfilmentId");

ALTER TABLE "MarketSettings" ADD CONSTRAINT "MarketSettings_auto_complete_check" CHECK ("autoCompleteDays" BETWEEN 1 AND 60);
-- Sale credits and refund debits booked from now on name their parcel; entries booked before
-- escrow keep the terms they were booked under (payable at once), so none is backfilled.
