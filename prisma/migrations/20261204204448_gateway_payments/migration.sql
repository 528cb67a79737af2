-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "PaymentMethod" ADD VALUE 'QRIS';
ALTER TYPE "PaymentMethod" ADD VALUE 'VIRTUAL_ACCOUNT';

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "gatewayChannel" TEXT,
ADD COLUMN     "gatewayExpiresAt" TIMESTAMP(3),
ADD COLUMN     "gatewayQrString" TEXT,
ADD COLUMN     "gatewayRequestId" TEXT,
ADD COLUMN     "gatewayVaNumber" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Order_gatewayRequestId_key" ON "Order"("gatewayRequestId");
