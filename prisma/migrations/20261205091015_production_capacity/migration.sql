-- CreateEnum
CREATE TYPE "CapacityPeriod" AS ENUM ('WEEK', 'MONTH');

-- AlterTable
ALTER TABLE "LotAllocation" ADD COLUMN     "fromStock" INTEGER;

-- CreateTable
CREATE TABLE "ProductCapacity" (
    "productId" TEXT NOT NULL,
    "unitsPerPeriod" INTEGER NOT NULL,
    "period" "CapacityPeriod" NOT NULL,
    "leadTimeDays" INTEGER NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductCapacity_pkey" PRIMARY KEY ("productId")
);

-- AddForeignKey
ALTER TABLE "ProductCapacity" ADD CONSTRAINT "ProductCapacity_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- a capacity is a positive rate after a lead time of at most a year
ALTER TABLE "ProductCapacity" ADD CONSTRAINT "ProductCapacity_values_check" CHECK ("unitsPerPeriod" > 0 AND "unitsPerPeriod" <= 10000000 AND "leadTimeDays" BETWEEN 0 AND 365);
-- units from stock are part of the allocation
ALTER TABLE "LotAllocation" ADD CONSTRAINT "LotAllocation_fromStock_check" CHECK ("fromStock" IS NULL OR ("fromStock" >= 0 AND "fromStock" <= "quantity"));
