-- AlterTable
ALTER TABLE "Producer" ADD COLUMN     "freeShippingMinAmount" BIGINT;

-- AlterTable
ALTER TABLE "Variant" ADD COLUMN     "heightCm" INTEGER,
ADD COLUMN     "lengthCm" INTEGER,
ADD COLUMN     "widthCm" INTEGER;

-- DropTable
DROP TABLE "ShippingRate";

-- CreateTable
CREATE TABLE "Courier" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "trackingUrl" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Courier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CourierService" (
    "id" TEXT NOT NULL,
    "courierId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "nameId" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "volumetricDivisor" INTEGER NOT NULL DEFAULT 6000,
    "minWeightGrams" INTEGER NOT NULL DEFAULT 1000,
    "roundingToleranceGrams" INTEGER NOT NULL DEFAULT 0,
    "ownDelivery" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "CourierService_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShippingRateCard" (
    "id" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "originRegencyCode" VARCHAR(5) NOT NULL,
    "destination" VARCHAR(8) NOT NULL,
    "perKgAmount" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'IDR',
    "etaMinDays" INTEGER NOT NULL,
    "etaMaxDays" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShippingRateCard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderParcel" (
    "id" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "serviceId" TEXT NOT NULL,
    "actualGrams" INTEGER NOT NULL,
    "volumetricGrams" INTEGER NOT NULL,
    "chargedKg" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    "rateAmount" BIGINT NOT NULL,
    "freeShipping" BOOLEAN NOT NULL DEFAULT false,
    "etaMinDays" INTEGER NOT NULL,
    "etaMaxDays" INTEGER NOT NULL,

    CONSTRAINT "OrderParcel_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Courier_code_key" ON "Courier"("code");

-- CreateIndex
CREATE UNIQUE INDEX "CourierService_code_key" ON "CourierService"("code");

-- CreateIndex
CREATE INDEX "ShippingRateCard_originRegencyCode_destination_idx" ON "ShippingRateCard"("originRegencyCode", "destination");

-- CreateIndex
CREATE UNIQUE INDEX "ShippingRateCard_serviceId_originRegencyCode_destination_key" ON "ShippingRateCard"("serviceId", "originRegencyCode", "destination");

-- CreateIndex
CREATE UNIQUE INDEX "OrderParcel_orderId_producerId_key" ON "OrderParcel"("orderId", "producerId");

-- AddForeignKey
ALTER TABLE "CourierService" ADD CONSTRAINT "CourierService_courierId_fkey" FOREIGN KEY ("courierId") REFERENCES "Courier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShippingRateCard" ADD CONSTRAINT "ShippingRateCard_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "CourierService"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderParcel" ADD CONSTRAINT "OrderParcel_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderParcel" ADD CONSTRAINT "OrderParcel_serviceId_fkey" FOREIGN KEY ("serviceId") REFERENCES "CourierService"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Rates, weights and sizes are never negative; an estimate's range is in order.
ALTER TABLE "ShippingRateCard" ADD CONSTRAINT "ShippingRateCard_amount_check" CHECK ("perKgAmount" >= 0),
  ADD CONSTRAINT "ShippingRateCard_eta_check" CHECK ("etaMinDays" >= 0 AND "etaMinDays" <= "etaMaxDays"),
  ADD CONSTRAINT "ShippingRateCard_destination_check" CHECK ("destination" ~ '^(P:[0-9]{2}|R:[0-9]{2}\.[0-9]{2}|C:[A-Z]{2})$');
ALTER TABLE "CourierService" ADD CONSTRAINT "CourierService_weights_check"
  CHECK ("volumetricDivisor" > 0 AND "minWeightGrams" >= 0 AND "roundingToleranceGrams" >= 0 AND "roundingToleranceGrams" < 1000);
ALTER TABLE "OrderParcel" ADD CONSTRAINT "OrderParcel_amounts_check" CHECK ("amount" >= 0 AND "rateAmount" >= 0 AND "chargedKg" > 0);
ALTER TABLE "Variant" ADD CONSTRAINT "Variant_size_check"
  CHECK (("lengthCm" IS NULL OR "lengthCm" > 0) AND ("widthCm" IS NULL OR "widthCm" > 0) AND ("heightCm" IS NULL OR "heightCm" > 0));
ALTER TABLE "Producer" ADD CONSTRAINT "Producer_free_shipping_check" CHECK ("freeShippingMinAmount" IS NULL OR "freeShippingMinAmount" > 0);
