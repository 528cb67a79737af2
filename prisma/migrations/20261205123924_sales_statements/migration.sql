-- CreateTable
CREATE TABLE "SalesStatement" (
    "id" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "months" JSONB NOT NULL,
    "retailTotal" BIGINT NOT NULL,
    "exportTotal" BIGINT NOT NULL,
    "issuedById" TEXT NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SalesStatement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SalesStatement_token_key" ON "SalesStatement"("token");

-- CreateIndex
CREATE INDEX "SalesStatement_producerId_issuedAt_idx" ON "SalesStatement"("producerId", "issuedAt");

-- AddForeignKey
ALTER TABLE "SalesStatement" ADD CONSTRAINT "SalesStatement_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "SalesStatement" ADD CONSTRAINT "SalesStatement_period" CHECK ("periodStart" < "periodEnd");
