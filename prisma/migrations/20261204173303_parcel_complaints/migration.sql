-- CreateEnum
CREATE TYPE "ComplaintReason" AS ENUM ('NOT_RECEIVED', 'DAMAGED', 'WRONG_ITEM', 'NOT_AS_DESCRIBED', 'OTHER');

-- CreateEnum
CREATE TYPE "ComplaintRequest" AS ENUM ('REFUND', 'PARTIAL_REFUND', 'RETURN');

-- CreateEnum
CREATE TYPE "ComplaintStatus" AS ENUM ('OPEN', 'ANSWERED', 'REFUNDED', 'REJECTED');

-- AlterEnum
ALTER TYPE "CompletedBy" ADD VALUE 'STAFF';

-- CreateTable
CREATE TABLE "Complaint" (
    "id" TEXT NOT NULL,
    "fulfilmentId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "reason" "ComplaintReason" NOT NULL,
    "details" TEXT NOT NULL,
    "requested" "ComplaintRequest" NOT NULL,
    "photos" JSONB NOT NULL DEFAULT '[]',
    "status" "ComplaintStatus" NOT NULL DEFAULT 'OPEN',
    "producerAnswer" TEXT,
    "answeredAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "refundAmount" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_fulfilmentId_key" ON "Complaint"("fulfilmentId");

-- CreateIndex
CREATE INDEX "Complaint_status_createdAt_idx" ON "Complaint"("status", "createdAt");

-- AddForeignKey
ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_fulfilmentId_fkey" FOREIGN KEY ("fulfilmentId") REFERENCES "Fulfilment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Complaint" ADD CONSTRAINT "Complaint_details_check" CHECK (char_length("details") BETWEEN 1 AND 2000),
  ADD CONSTRAINT "Complaint_refund_check" CHECK ("refundAmount" IS NULL OR "refundAmount" >= 0);
