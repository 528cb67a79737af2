-- AlterTable
ALTER TABLE "Variant" ADD COLUMN     "gtin" VARCHAR(14);

-- CreateIndex
CREATE UNIQUE INDEX "Variant_gtin_key" ON "Variant"("gtin");

-- digits only, of a GTIN length (the check digit is verified by the application)
ALTER TABLE "Variant" ADD CONSTRAINT "Variant_gtin_check" CHECK ("gtin" IS NULL OR "gtin" ~ '^([0-9]{8}|[0-9]{12}|[0-9]{13}|[0-9]{14})$');
