-- AlterTable
ALTER TABLE "Variant" ADD COLUMN     "cartonGrossGrams" INTEGER,
ADD COLUMN     "cartonHeightCm" INTEGER,
ADD COLUMN     "cartonLengthCm" INTEGER,
ADD COLUMN     "cartonUnits" INTEGER,
ADD COLUMN     "cartonWidthCm" INTEGER;

-- a carton is described completely (units, three sides, full weight, all positive) or not at all
ALTER TABLE "Variant" ADD CONSTRAINT "Variant_carton_check" CHECK (
  ("cartonUnits" IS NULL AND "cartonLengthCm" IS NULL AND "cartonWidthCm" IS NULL AND "cartonHeightCm" IS NULL AND "cartonGrossGrams" IS NULL)
  OR ("cartonUnits" > 0 AND "cartonLengthCm" > 0 AND "cartonWidthCm" > 0 AND "cartonHeightCm" > 0 AND "cartonGrossGrams" > 0)
);
