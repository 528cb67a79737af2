-- CreateEnum
CREATE TYPE "BuyerTerms" AS ENUM ('CASH_IN_ADVANCE', 'DEPOSIT_BALANCE', 'TEMPO_30', 'TEMPO_60', 'TEMPO_90');

-- AlterTable
ALTER TABLE "BuyerCompany" ADD COLUMN     "creditLimitIdr" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "depositBps" INTEGER NOT NULL DEFAULT 3000,
ADD COLUMN     "terms" "BuyerTerms" NOT NULL DEFAULT 'CASH_IN_ADVANCE',
ADD COLUMN     "termsApprovedAt" TIMESTAMP(3),
ADD COLUMN     "termsApprovedById" TEXT;

-- AlterTable
ALTER TABLE "Quote" ADD COLUMN     "costBuildUp" JSONB,
ADD COLUMN     "idrPerUnit" DECIMAL(18,6),
ADD COLUMN     "rateDate" DATE,
ADD COLUMN     "unitPriceIdr" BIGINT;

-- AlterTable
ALTER TABLE "ExportLot" ADD COLUMN     "shipOverrideReason" TEXT;

-- AlterTable
ALTER TABLE "LedgerEntry" ADD COLUMN     "lotId" TEXT;

-- AlterTable
ALTER TABLE "MarketSettings" ADD COLUMN     "exposureLimitIdr" BIGINT NOT NULL DEFAULT 50000000000;

-- CreateTable
CREATE TABLE "BuyerInvoice" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "lotId" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitPriceAmount" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "amount" BIGINT NOT NULL,
    "idrPerUnit" DECIMAL(18,6) NOT NULL,
    "rateDate" DATE NOT NULL,
    "amountIdr" BIGINT NOT NULL,
    "terms" "BuyerTerms" NOT NULL,
    "dueBeforeShipment" BIGINT NOT NULL,
    "tempoDays" INTEGER NOT NULL DEFAULT 0,
    "depositAmount" BIGINT NOT NULL DEFAULT 0,
    "issuedById" TEXT,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BuyerInvoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BuyerPayment" (
    "id" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "paidAmount" BIGINT NOT NULL,
    "paidCurrency" CHAR(3) NOT NULL,
    "amount" BIGINT NOT NULL,
    "amountIdr" BIGINT NOT NULL,
    "paidOn" DATE NOT NULL,
    "bankReference" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BuyerPayment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BuyerInvoice_number_key" ON "BuyerInvoice"("number");

-- CreateIndex
CREATE UNIQUE INDEX "BuyerInvoice_lotId_key" ON "BuyerInvoice"("lotId");

-- CreateIndex
CREATE INDEX "BuyerInvoice_companyId_idx" ON "BuyerInvoice"("companyId");

-- CreateIndex
CREATE UNIQUE INDEX "BuyerPayment_sourceKey_key" ON "BuyerPayment"("sourceKey");

-- CreateIndex
CREATE INDEX "BuyerPayment_invoiceId_idx" ON "BuyerPayment"("invoiceId");

-- CreateIndex
CREATE INDEX "LedgerEntry_lotId_idx" ON "LedgerEntry"("lotId");

-- AddForeignKey
ALTER TABLE "BuyerInvoice" ADD CONSTRAINT "BuyerInvoice_lotId_fkey" FOREIGN KEY ("lotId") REFERENCES "ExportLot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BuyerInvoice" ADD CONSTRAINT "BuyerInvoice_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "BuyerCompany"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BuyerPayment" ADD CONSTRAINT "BuyerPayment_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "BuyerInvoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- invoice numbers come from one sequence: no two proforma invoices share a number, whatever runs at once
CREATE SEQUENCE "BuyerInvoice_number_seq";

ALTER TABLE "BuyerCompany" ADD CONSTRAINT "BuyerCompany_terms_check"
  CHECK ("depositBps" BETWEEN 0 AND 10000 AND "creditLimitIdr" >= 0);
ALTER TABLE "MarketSettings" ADD CONSTRAINT "MarketSettings_exposure_check" CHECK ("exposureLimitIdr" >= 0);
ALTER TABLE "BuyerInvoice" ADD CONSTRAINT "BuyerInvoice_amounts_check"
  CHECK ("quantity" > 0 AND "amount" > 0 AND "amountIdr" > 0 AND "dueBeforeShipment" BETWEEN 0 AND "amount"
    AND "depositAmount" BETWEEN 0 AND "dueBeforeShipment"
    AND "tempoDays" IN (0, 30, 60, 90) AND "idrPerUnit" > 0);
ALTER TABLE "BuyerPayment" ADD CONSTRAINT "BuyerPayment_amounts_check"
  CHECK ("paidAmount" > 0 AND "amount" > 0 AND "amountIdr" > 0);

-- the lot of each existing LOT_CREDIT (its key is "lot:<allocationId>")
UPDATE "LedgerEntry" e SET "lotId" = a."lotId"
  FROM "LotAllocation" a WHERE e."kind" = 'LOT_CREDIT' AND e."sourceKey" = 'lot:' || a."id";
