-- CreateEnum
CREATE TYPE "VoucherKind" AS ENUM ('PERCENT', 'FIXED');

-- CreateEnum
CREATE TYPE "VoucherFunder" AS ENUM ('PLATFORM', 'PRODUCER');

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "discountAmount" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "discountFundedBy" "VoucherFunder",
ADD COLUMN     "voucherCode" TEXT;

-- AlterTable
ALTER TABLE "OrderLine" ADD COLUMN     "discountAmount" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Voucher" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "kind" "VoucherKind" NOT NULL,
    "percentBps" INTEGER,
    "maxDiscount" BIGINT,
    "amount" BIGINT,
    "currency" CHAR(3) NOT NULL DEFAULT 'IDR',
    "minSpend" BIGINT NOT NULL DEFAULT 0,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "totalLimit" INTEGER,
    "perBuyerLimit" INTEGER NOT NULL DEFAULT 1,
    "usedCount" INTEGER NOT NULL DEFAULT 0,
    "fundedBy" "VoucherFunder" NOT NULL,
    "producerId" TEXT,
    "categoryId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Voucher_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VoucherRedemption" (
    "id" TEXT NOT NULL,
    "voucherId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "buyerId" TEXT,
    "email" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "releasedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VoucherRedemption_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Voucher_code_key" ON "Voucher"("code");

-- CreateIndex
CREATE UNIQUE INDEX "VoucherRedemption_orderId_key" ON "VoucherRedemption"("orderId");

-- CreateIndex
CREATE INDEX "VoucherRedemption_voucherId_email_idx" ON "VoucherRedemption"("voucherId", "email");

-- CreateIndex
CREATE INDEX "VoucherRedemption_voucherId_buyerId_idx" ON "VoucherRedemption"("voucherId", "buyerId");

-- AddForeignKey
ALTER TABLE "Voucher" ADD CONSTRAINT "Voucher_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Voucher" ADD CONSTRAINT "Voucher_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VoucherRedemption" ADD CONSTRAINT "VoucherRedemption_voucherId_fkey" FOREIGN KEY ("voucherId") REFERENCES "Voucher"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VoucherRedemption" ADD CONSTRAINT "VoucherRedemption_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- a voucher is well formed whatever writes it: one kind of amount, a window, limits it cannot pass
ALTER TABLE "Voucher" ADD CONSTRAINT "Voucher_code_check" CHECK ("code" ~ '^[A-Z0-9-]{3,24}$'),
  ADD CONSTRAINT "Voucher_kind_check" CHECK (
    ("kind" = 'PERCENT' AND "percentBps" BETWEEN 1 AND 10000 AND "amount" IS NULL AND ("maxDiscount" IS NULL OR "maxDiscount" > 0))
    OR ("kind" = 'FIXED' AND "amount" > 0 AND "percentBps" IS NULL AND "maxDiscount" IS NULL)),
  ADD CONSTRAINT "Voucher_window_check" CHECK ("endsAt" > "startsAt"),
  ADD CONSTRAINT "Voucher_limits_check" CHECK ("minSpend" >= 0 AND "perBuyerLimit" >= 1 AND "usedCount" >= 0
    AND ("totalLimit" IS NULL OR ("totalLimit" >= 1 AND "usedCount" <= "totalLimit"))),
  ADD CONSTRAINT "Voucher_funder_check" CHECK ("fundedBy" = 'PLATFORM' OR "producerId" IS NOT NULL);

ALTER TABLE "VoucherRedemption" ADD CONSTRAINT "VoucherRedemption_amount_check" CHECK ("amount" > 0);

ALTER TABLE "Order" ADD CONSTRAINT "Order_discount_check" CHECK ("discountAmount" >= 0 AND "discountAmount" <= "subtotalAmount");
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_discount_check" CHECK ("discountAmount" >= 0 AND "discountAmount" <= "lineAmount");
