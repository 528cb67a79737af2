-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'FACILITATOR';

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "actingProducerId" TEXT;

-- AlterTable
ALTER TABLE "Producer" ADD COLUMN     "facilitatorId" TEXT;

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "onBehalfOfId" TEXT;

-- CreateTable
CREATE TABLE "FacilitatorVisit" (
    "id" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "facilitatorId" TEXT NOT NULL,
    "visitedOn" DATE NOT NULL,
    "notes" TEXT NOT NULL,
    "nextSteps" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FacilitatorVisit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FacilitatorVisit_producerId_visitedOn_idx" ON "FacilitatorVisit"("producerId", "visitedOn");

-- CreateIndex
CREATE INDEX "FacilitatorVisit_facilitatorId_idx" ON "FacilitatorVisit"("facilitatorId");

-- CreateIndex
CREATE INDEX "Producer_facilitatorId_idx" ON "Producer"("facilitatorId");

-- CreateIndex
CREATE INDEX "AuditLog_onBehalfOfId_idx" ON "AuditLog"("onBehalfOfId");

-- AddForeignKey
ALTER TABLE "Producer" ADD CONSTRAINT "Producer_facilitatorId_fkey" FOREIGN KEY ("facilitatorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FacilitatorVisit" ADD CONSTRAINT "FacilitatorVisit_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FacilitatorVisit" ADD CONSTRAINT "FacilitatorVisit_facilitatorId_fkey" FOREIGN KEY ("facilitatorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- a visit note says something
ALTER TABLE "FacilitatorVisit" ADD CONSTRAINT "FacilitatorVisit_notes_not_empty" CHECK (length(btrim("notes")) >= 3);
