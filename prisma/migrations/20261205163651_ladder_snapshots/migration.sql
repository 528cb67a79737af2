-- CreateTable
CREATE TABLE "LadderSnapshot" (
    "month" DATE NOT NULL,
    "producerId" TEXT NOT NULL,
    "regencyCode" VARCHAR(5) NOT NULL,
    "reached" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LadderSnapshot_pkey" PRIMARY KEY ("month","producerId")
);

-- CreateIndex
CREATE INDEX "LadderSnapshot_month_regencyCode_idx" ON "LadderSnapshot"("month", "regencyCode");

-- AddForeignKey
ALTER TABLE "LadderSnapshot" ADD CONSTRAINT "LadderSnapshot_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "LadderSnapshot" ADD CONSTRAINT "LadderSnapshot_reached_check" CHECK ("reached" BETWEEN 0 AND 7);
ALTER TABLE "LadderSnapshot" ADD CONSTRAINT "LadderSnapshot_month_check" CHECK (date_trunc('month', "month") = "month");
