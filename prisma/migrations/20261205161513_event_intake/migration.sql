-- CreateEnum
CREATE TYPE "PermitStatus" AS ENUM ('HAS', 'IN_PROCESS', 'NONE', 'NOT_NEEDED');

-- CreateEnum
CREATE TYPE "HelpNeed" AS ENUM ('NIB', 'HALAL', 'PIRT', 'BPOM', 'PACKAGING', 'PHOTOS', 'SELLING_ONLINE', 'EXPORT', 'FINANCING');

-- AlterTable
ALTER TABLE "Producer" ALTER COLUMN "nib" DROP NOT NULL;

-- CreateTable
CREATE TABLE "Event" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "regencyCode" VARCHAR(5) NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventIntake" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "registeredById" TEXT NOT NULL,
    "products" TEXT NOT NULL,
    "nibStatus" "PermitStatus" NOT NULL,
    "halalStatus" "PermitStatus" NOT NULL,
    "bpomStatus" "PermitStatus" NOT NULL,
    "needs" "HelpNeed"[],
    "matched" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EventIntake_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUpTask" (
    "id" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "facilitatorId" TEXT,
    "intakeId" TEXT,
    "needs" "HelpNeed"[],
    "dueOn" DATE NOT NULL,
    "doneAt" TIMESTAMP(3),
    "doneNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FollowUpTask_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Event_startsOn_idx" ON "Event"("startsOn");

-- CreateIndex
CREATE INDEX "EventIntake_producerId_idx" ON "EventIntake"("producerId");

-- CreateIndex
CREATE UNIQUE INDEX "EventIntake_eventId_producerId_key" ON "EventIntake"("eventId", "producerId");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUpTask_intakeId_key" ON "FollowUpTask"("intakeId");

-- CreateIndex
CREATE INDEX "FollowUpTask_facilitatorId_doneAt_idx" ON "FollowUpTask"("facilitatorId", "doneAt");

-- CreateIndex
CREATE INDEX "FollowUpTask_producerId_idx" ON "FollowUpTask"("producerId");

-- AddForeignKey
ALTER TABLE "Event" ADD CONSTRAINT "Event_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventIntake" ADD CONSTRAINT "EventIntake_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventIntake" ADD CONSTRAINT "EventIntake_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventIntake" ADD CONSTRAINT "EventIntake_registeredById_fkey" FOREIGN KEY ("registeredById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpTask" ADD CONSTRAINT "FollowUpTask_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpTask" ADD CONSTRAINT "FollowUpTask_facilitatorId_fkey" FOREIGN KEY ("facilitatorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpTask" ADD CONSTRAINT "FollowUpTask_intakeId_fkey" FOREIGN KEY ("intakeId") REFERENCES "EventIntake"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An event ends on or after the day it starts; a producer verified as a business keeps its NIB.
ALTER TABLE "Event" ADD CONSTRAINT "Event_dates_check" CHECK ("endsOn" >= "startsOn");
ALTER TABLE "Producer" ADD CONSTRAINT "Producer_verified_nib_check" CHECK ("status" <> 'VERIFIED' OR "nib" IS NOT NULL);
-- Intakes are matched by phone number however it was typed (0812-…, +62 812 …): an index on its
-- digits with the Indonesian country code (app/domain/events/intake.server.ts phoneDigitsSql).
CREATE INDEX "Producer_contactPhone_digits_idx" ON "Producer" ((
  CASE
    WHEN regexp_replace("contactPhone", '[^0-9]', '', 'g') LIKE '0%' THEN '62' || substr(regexp_replace("contactPhone", '[^0-9]', '', 'g'), 2)
    WHEN regexp_replace("contactPhone", '[^0-9]', '', 'g') LIKE '8%' THEN '62' || regexp_replace("contactPhone", '[^0-9]', '', 'g')
    ELSE regexp_replace("contactPhone", '[^0-9]', '', 'g')
  END
));
