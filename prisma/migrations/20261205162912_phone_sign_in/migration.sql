-- AlterTable
ALTER TABLE "User" ADD COLUMN     "phone" TEXT,
ALTER COLUMN "email" DROP NOT NULL,
ALTER COLUMN "passwordHash" DROP NOT NULL;

-- CreateTable
CREATE TABLE "PhoneCode" (
    "id" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "usedAt" TIMESTAMP(3),
    "messageId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PhoneCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PhoneCode_phone_createdAt_idx" ON "PhoneCode"("phone", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "User_phone_key" ON "User"("phone");

-- An account is reached by email or by phone, and signs in by password or by phone code.
ALTER TABLE "User" ADD CONSTRAINT "User_reachable_check" CHECK ("email" IS NOT NULL OR "phone" IS NOT NULL);
ALTER TABLE "User" ADD CONSTRAINT "User_sign_in_check" CHECK ("passwordHash" IS NOT NULL OR "phone" IS NOT NULL);
ALTER TABLE "User" ADD CONSTRAINT "User_phone_e164_check" CHECK ("phone" IS NULL OR "phone" ~ '^\+[1-9][0-9]{7,14}$');
ALTER TABLE "PhoneCode" ADD CONSTRAINT "PhoneCode_attempts_check" CHECK ("attempts" >= 0);
