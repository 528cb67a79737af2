-- CreateEnum
CREATE TYPE "ProducerKind" AS ENUM ('INDIVIDUAL', 'COOPERATIVE', 'GROUP');

-- AlterTable
ALTER TABLE "Producer" ADD COLUMN     "groupId" TEXT,
ADD COLUMN     "kind" "ProducerKind" NOT NULL DEFAULT 'INDIVIDUAL',
ALTER COLUMN "contactEmail" DROP NOT NULL;

-- CreateTable
CREATE TABLE "ProducerClaim" (
    "producerId" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "failedAttempts" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMP(3),
    "claimedById" TEXT,

    CONSTRAINT "ProducerClaim_pkey" PRIMARY KEY ("producerId")
);

-- CreateTable
CREATE TABLE "MemberSupply" (
    "productId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "units" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MemberSupply_pkey" PRIMARY KEY ("productId","memberId")
);

-- CreateTable
CREATE TABLE "AllocationShare" (
    "allocationId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "reasonKey" TEXT NOT NULL,
    "reasonParams" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AllocationShare_pkey" PRIMARY KEY ("allocationId","memberId")
);

-- CreateIndex
CREATE INDEX "MemberSupply_memberId_idx" ON "MemberSupply"("memberId");

-- CreateIndex
CREATE INDEX "AllocationShare_memberId_idx" ON "AllocationShare"("memberId");

-- CreateIndex
CREATE INDEX "Producer_groupId_idx" ON "Producer"("groupId");

-- AddForeignKey
ALTER TABLE "Producer" ADD CONSTRAINT "Producer_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Producer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProducerClaim" ADD CONSTRAINT "ProducerClaim_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberSupply" ADD CONSTRAINT "MemberSupply_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberSupply" ADD CONSTRAINT "MemberSupply_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Producer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AllocationShare" ADD CONSTRAINT "AllocationShare_allocationId_fkey" FOREIGN KEY ("allocationId") REFERENCES "LotAllocation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AllocationShare" ADD CONSTRAINT "AllocationShare_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Producer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- a producer is not its own group, and a group has no group above it (checked in code too)
ALTER TABLE "Producer" ADD CONSTRAINT "Producer_group_not_self" CHECK ("groupId" IS NULL OR "groupId" <> "id");
ALTER TABLE "Producer" ADD CONSTRAINT "Producer_members_are_individuals" CHECK ("groupId" IS NULL OR "kind" = 'INDIVIDUAL');
-- only a producer a person registered needs an email; onboarded members may have none
ALTER TABLE "ProducerClaim" ADD CONSTRAINT "ProducerClaim_attempts" CHECK ("failedAttempts" >= 0);
ALTER TABLE "MemberSupply" ADD CONSTRAINT "MemberSupply_units_not_negative" CHECK ("units" >= 0);
ALTER TABLE "AllocationShare" ADD CONSTRAINT "AllocationShare_quantity_positive" CHECK ("quantity" > 0);
