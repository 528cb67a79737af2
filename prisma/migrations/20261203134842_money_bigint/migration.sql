-- AlterTable
ALTER TABLE "Variant" ALTER COLUMN "priceAmount" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "PriceTier" ALTER COLUMN "priceAmount" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "ShippingRate" ALTER COLUMN "amount" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "checkoutKey" TEXT,
ALTER COLUMN "subtotalAmount" SET DATA TYPE BIGINT,
ALTER COLUMN "shippingAmount" SET DATA TYPE BIGINT,
ALTER COLUMN "totalAmount" SET DATA TYPE BIGINT,
ALTER COLUMN "transferAmount" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "OrderLine" ALTER COLUMN "unitAmount" SET DATA TYPE BIGINT,
ALTER COLUMN "lineAmount" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "Payment" ALTER COLUMN "amount" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "Refund" ALTER COLUMN "amount" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "QuoteRequest" ALTER COLUMN "targetPriceAmount" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "Quote" ALTER COLUMN "unitPriceAmount" SET DATA TYPE BIGINT,
ALTER COLUMN "producerPriceAmount" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "ExportLot" ALTER COLUMN "unitPriceAmount" SET DATA TYPE BIGINT,
ALTER COLUMN "producerPriceAmount" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "LotAllocation" ALTER COLUMN "producerPriceAmount" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "LedgerEntry" ALTER COLUMN "amount" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "PayoutBatch" ALTER COLUMN "totalAmount" SET DATA TYPE BIGINT;

-- CreateIndex
CREATE UNIQUE INDEX "Order_checkoutKey_key" ON "Order"("checkoutKey");

-- One rule for minor units (app/domain/money): a zero-decimal currency (VND, JPY …) is
-- stored in whole units, as Stripe and ISO 4217 count it. Quotes and lots typed before this
-- migration stored hundredths in every currency: this brings those few amounts to the rule.
UPDATE "Quote" SET "unitPriceAmount" = "unitPriceAmount" / 100
  WHERE "currency" IN ('BIF','CLP','DJF','GNF','JPY','KMF','KRW','MGA','PYG','RWF','UGX','VND','VUV','XAF','XOF','XPF');
UPDATE "ExportLot" SET "unitPriceAmount" = "unitPriceAmount" / 100
  WHERE "currency" IN ('BIF','CLP','DJF','GNF','JPY','KMF','KRW','MGA','PYG','RWF','UGX','VND','VUV','XAF','XOF','XPF');
UPDATE "QuoteRequest" SET "targetPriceAmount" = "targetPriceAmount" / 100
  WHERE "targetCurrency" IN ('BIF','CLP','DJF','GNF','JPY','KMF','KRW','MGA','PYG','RWF','UGX','VND','VUV','XAF','XOF','XPF');

-- Two orders waiting for a bank transfer never share the amount staff match them by.
-- Should earlier data hold such a pair, the later order keeps only its reference (the order
-- number, which staff can also match) so the guard can be built without losing an order.
UPDATE "Order" o SET "transferAmount" = NULL
  WHERE o."status" = 'AWAITING_PAYMENT' AND o."transferAmount" IS NOT NULL
    AND EXISTS (SELECT 1 FROM "Order" e WHERE e."status" = 'AWAITING_PAYMENT' AND e."transferAmount" = o."transferAmount"
                AND (e."createdAt", e."id") < (o."createdAt", o."id"));
CREATE UNIQUE INDEX "Order_open_transferAmount_key" ON "Order"("transferAmount") WHERE "status" = 'AWAITING_PAYMENT';
