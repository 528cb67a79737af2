-- CreateTable
CREATE TABLE "ProductCostStructure" (
    "productId" TEXT NOT NULL,
    "localMaterials" BIGINT NOT NULL,
    "importedMaterials" BIGINT NOT NULL,
    "labour" BIGINT NOT NULL,
    "overhead" BIGINT NOT NULL,
    "otherCosts" BIGINT NOT NULL,
    "profit" BIGINT NOT NULL,
    "whollyObtained" BOOLEAN NOT NULL DEFAULT false,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductCostStructure_pkey" PRIMARY KEY ("productId")
);

-- AddForeignKey
ALTER TABLE "ProductCostStructure" ADD CONSTRAINT "ProductCostStructure_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "ProductCostStructure" ADD CONSTRAINT "ProductCostStructure_nonnegative_check" CHECK (
  "localMaterials" >= 0 AND "importedMaterials" >= 0 AND "labour" >= 0 AND "overhead" >= 0 AND "otherCosts" >= 0 AND "profit" >= 0
);
