-- AlterTable
ALTER TABLE "Quote" ADD COLUMN     "producerPriceAmount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ExportLot" ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "deliveredAt" TIMESTAMP(3),
ADD COLUMN     "notes" TEXT,
ADD COLUMN     "offerDeadline" TIMESTAMP(3),
ADD COLUMN     "producerPriceAmount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "unitsPerPackage" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "wantedBy" DATE;

-- AlterTable
ALTER TABLE "LotAllocation" ADD COLUMN     "qcAt" TIMESTAMP(3),
ADD COLUMN     "qcPhotoKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "receivedAt" TIMESTAMP(3),
ADD COLUMN     "respondedAt" TIMESTAMP(3);

-- Hand-written: the business rules the database itself enforces.
ALTER TABLE "LotAllocation" ADD CONSTRAINT "LotAllocation_quantities_valid" CHECK (("receivedQuantity" IS NULL OR ("receivedQuantity" >= 0 AND "receivedQuantity" <= "quantity")) AND ("passedQuantity" IS NULL OR ("passedQuantity" >= 0 AND "passedQuantity" <= COALESCE("receivedQuantity", 0))));
ALTER TABLE "ExportLot" ADD CONSTRAINT "ExportLot_prices_nonnegative" CHECK ("unitPriceAmount" >= 0 AND "producerPriceAmount" >= 0 AND "unitsPerPackage" >= 1);
ALTER TABLE "QuoteRequest" ADD CONSTRAINT "QuoteRequest_quantity_positive" CHECK ("quantity" > 0);
ALTER TABLE "Quote" ADD CONSTRAINT "Quote_price_valid" CHECK ("unitPriceAmount" > 0 AND "leadTimeDays" >= 0);
