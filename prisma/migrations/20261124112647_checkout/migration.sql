-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "accessToken" TEXT NOT NULL,
ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "cancelledAt" TIMESTAMP(3),
ADD COLUMN     "locale" "Locale" NOT NULL DEFAULT 'id',
ADD COLUMN     "reservedUntil" TIMESTAMP(3),
ADD COLUMN     "shippingProvince" TEXT,
ADD COLUMN     "stripeCheckoutUrl" TEXT,
ADD COLUMN     "transferAmount" INTEGER;

-- CreateTable
CREATE TABLE "PayoutBatch" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "totalAmount" INTEGER NOT NULL,
    "producerCount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'IDR',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PayoutBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MarketSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "commissionBps" INTEGER NOT NULL DEFAULT 1000,
    "bankName" TEXT NOT NULL DEFAULT 'Bank Kalsel',
    "bankAccountNo" TEXT NOT NULL DEFAULT '0010123456789',
    "bankAccountName" TEXT NOT NULL DEFAULT 'PT Anjung Dagang Kalimantan',
    "transferHoldMinutes" INTEGER NOT NULL DEFAULT 30,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MarketSettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PayoutBatch_reference_key" ON "PayoutBatch"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "Order_accessToken_key" ON "Order"("accessToken");

-- CreateIndex
CREATE INDEX "LedgerEntry_payoutBatchId_idx" ON "LedgerEntry"("payoutBatchId");

-- AddForeignKey
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_payoutBatchId_fkey" FOREIGN KEY ("payoutBatchId") REFERENCES "PayoutBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written: the business rules the database itself enforces.
ALTER TABLE "MarketSettings" ADD CONSTRAINT "MarketSettings_single_row" CHECK ("id" = 1);
ALTER TABLE "MarketSettings" ADD CONSTRAINT "MarketSettings_commission_range" CHECK ("commissionBps" BETWEEN 0 AND 5000);
ALTER TABLE "MarketSettings" ADD CONSTRAINT "MarketSettings_hold_range" CHECK ("transferHoldMinutes" BETWEEN 5 AND 10080);
INSERT INTO "MarketSettings" ("id", "updatedAt") VALUES (1, CURRENT_TIMESTAMP);
