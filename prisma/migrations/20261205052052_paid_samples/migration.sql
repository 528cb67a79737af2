-- AlterTable
ALTER TABLE "CartItem" ADD COLUMN     "sampleRfqId" TEXT;

-- AlterTable
ALTER TABLE "OrderLine" ADD COLUMN     "sampleRfqId" TEXT;

-- AlterTable
ALTER TABLE "BuyerPayment" ADD COLUMN     "sampleLineId" TEXT;

-- AlterTable
ALTER TABLE "MarketSettings" ADD COLUMN     "sampleCreditDays" INTEGER NOT NULL DEFAULT 90,
ADD COLUMN     "sampleMaxUnits" INTEGER NOT NULL DEFAULT 5;

-- CreateIndex
CREATE UNIQUE INDEX "BuyerPayment_sampleLineId_key" ON "BuyerPayment"("sampleLineId");

-- AddForeignKey
ALTER TABLE "CartItem" ADD CONSTRAINT "CartItem_sampleRfqId_fkey" FOREIGN KEY ("sampleRfqId") REFERENCES "QuoteRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_sampleRfqId_fkey" FOREIGN KEY ("sampleRfqId") REFERENCES "QuoteRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BuyerPayment" ADD CONSTRAINT "BuyerPayment_sampleLineId_fkey" FOREIGN KEY ("sampleLineId") REFERENCES "OrderLine"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- samples are few: a partial index finds a quote request's sample lines
CREATE INDEX "OrderLine_sampleRfqId_idx" ON "OrderLine"("sampleRfqId") WHERE "sampleRfqId" IS NOT NULL;

ALTER TABLE "MarketSettings" ADD CONSTRAINT "MarketSettings_sampleMaxUnits_check" CHECK ("sampleMaxUnits" BETWEEN 1 AND 1000);
ALTER TABLE "MarketSettings" ADD CONSTRAINT "MarketSettings_sampleCreditDays_check" CHECK ("sampleCreditDays" BETWEEN 0 AND 730);
-- a sample credit is in rupiah and never negative
ALTER TABLE "BuyerPayment" ADD CONSTRAINT "BuyerPayment_sampleCredit_check" CHECK ("sampleLineId" IS NULL OR ("paidCurrency" = 'IDR' AND "paidAmount" > 0));
