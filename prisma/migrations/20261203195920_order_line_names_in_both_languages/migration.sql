-- An order line keeps the product and variant names as sold in both languages (the order page,
-- the mails and the producer's list show the reader's language). Lines sold before this change
-- held the buyer's language only: both languages are taken from the product as it is now.
ALTER TABLE "OrderLine" ADD COLUMN "productNameEn" TEXT,
ADD COLUMN "variantNameEn" TEXT;

UPDATE "OrderLine" ol
SET "productName" = p."nameId", "productNameEn" = p."nameEn",
    "variantName" = v."nameId", "variantNameEn" = v."nameEn"
FROM "Variant" v JOIN "Product" p ON p.id = v."productId"
WHERE v.id = ol."variantId";

ALTER TABLE "OrderLine" ALTER COLUMN "productNameEn" SET NOT NULL,
ALTER COLUMN "variantNameEn" SET NOT NULL;
