-- CreateEnum
CREATE TYPE "RequirementScope" AS ENUM ('ALL', 'FOOD', 'NON_FOOD');

-- AlterTable
ALTER TABLE "LotAllocation" ADD COLUMN     "batchCode" VARCHAR(40),
ADD COLUMN     "expiresOn" DATE;

-- AlterTable
ALTER TABLE "MarketSettings" ADD COLUMN     "defaultShelfLifeDays" INTEGER NOT NULL DEFAULT 180;

-- CreateTable
CREATE TABLE "ShelfLifeRule" (
    "country" CHAR(2) NOT NULL,
    "minDays" INTEGER NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShelfLifeRule_pkey" PRIMARY KEY ("country")
);

-- CreateTable
CREATE TABLE "LabelRequirement" (
    "id" TEXT NOT NULL,
    "country" CHAR(2) NOT NULL,
    "scope" "RequirementScope" NOT NULL DEFAULT 'ALL',
    "categoryId" TEXT,
    "titleId" VARCHAR(160) NOT NULL,
    "titleEn" VARCHAR(160) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LabelRequirement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LotRequirementCheck" (
    "lotId" TEXT NOT NULL,
    "requirementId" TEXT NOT NULL,
    "evidencePath" TEXT,
    "evidenceMime" TEXT,
    "waivedReason" VARCHAR(500),
    "byId" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LotRequirementCheck_pkey" PRIMARY KEY ("lotId","requirementId")
);

-- CreateIndex
CREATE INDEX "LabelRequirement_country_active_idx" ON "LabelRequirement"("country", "active");

-- CreateIndex
CREATE INDEX "LotAllocation_batchCode_idx" ON "LotAllocation"("batchCode");

-- AddForeignKey
ALTER TABLE "LabelRequirement" ADD CONSTRAINT "LabelRequirement_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LotRequirementCheck" ADD CONSTRAINT "LotRequirementCheck_lotId_fkey" FOREIGN KEY ("lotId") REFERENCES "ExportLot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LotRequirementCheck" ADD CONSTRAINT "LotRequirementCheck_requirementId_fkey" FOREIGN KEY ("requirementId") REFERENCES "LabelRequirement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- a batch code and its expiry are recorded together
ALTER TABLE "LotAllocation" ADD CONSTRAINT "LotAllocation_batch_check" CHECK (("batchCode" IS NULL) = ("expiresOn" IS NULL));
ALTER TABLE "ShelfLifeRule" ADD CONSTRAINT "ShelfLifeRule_minDays_check" CHECK ("minDays" BETWEEN 0 AND 3650);
ALTER TABLE "MarketSettings" ADD CONSTRAINT "MarketSettings_defaultShelfLifeDays_check" CHECK ("defaultShelfLifeDays" BETWEEN 0 AND 3650);
-- a requirement is met by evidence or waived with a reason, never both and never neither
ALTER TABLE "LotRequirementCheck" ADD CONSTRAINT "LotRequirementCheck_one_answer_check" CHECK (("evidencePath" IS NULL) <> ("waivedReason" IS NULL));
ALTER TABLE "LabelRequirement" ADD CONSTRAINT "LabelRequirement_country_check" CHECK ("country" ~ '^[A-Z]{2}$');
