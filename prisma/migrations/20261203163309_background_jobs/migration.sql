-- CreateEnum
CREATE TYPE "MailStatus" AS ENUM ('QUEUED', 'SENT', 'LOGGED');

-- AlterTable
ALTER TABLE "OutboundMail" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "locale" TEXT NOT NULL DEFAULT 'id',
ADD COLUMN     "messageId" TEXT,
ADD COLUMN     "sentAt" TIMESTAMP(3),
ADD COLUMN     "status" "MailStatus" NOT NULL DEFAULT 'QUEUED';

-- mails written before the queue existed were only ever logged
UPDATE "OutboundMail" SET "status" = 'LOGGED';

-- DropTable (the search outbox is replaced by graphile-worker jobs: after upgrading a
-- database with pending events, run npm run search:reindex once)
DROP TABLE "OutboxEvent";

-- DropEnum
DROP TYPE "OutboxStatus";

-- CreateTable
CREATE TABLE "WorkerHeartbeat" (
    "id" TEXT NOT NULL,
    "workerIds" TEXT[],
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkerHeartbeat_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OutboundMail_status_createdAt_idx" ON "OutboundMail"("status", "createdAt");
