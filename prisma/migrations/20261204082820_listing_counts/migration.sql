-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "listed" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "topCategoryId" TEXT;

-- CreateTable
CREATE TABLE "ListingCount" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "products" INTEGER NOT NULL DEFAULT 0,
    "exportReady" INTEGER NOT NULL DEFAULT 0,
    "producers" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ListingCount_pkey" PRIMARY KEY ("scope","key")
);

-- What buyers may see, kept by the database so every page filters on one column of Product.
-- A product is listed when it is PUBLISHED and its producer is VERIFIED. The producer row is
-- read FOR SHARE: a suspension running at the same moment waits for this write (or this write
-- waits for it and reads the new status), so no listed product outlives its producer's verification.
CREATE FUNCTION "product_listing_fields"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  producer_status "ProducerStatus";
BEGIN
  SELECT status INTO producer_status FROM "Producer" WHERE id = NEW."producerId" FOR SHARE;
  NEW."listed" := NEW.status = 'PUBLISHED' AND producer_status = 'VERIFIED';
  SELECT COALESCE("parentId", id) INTO NEW."topCategoryId" FROM "Category" WHERE id = NEW."categoryId";
  RETURN NEW;
END
$$;

CREATE TRIGGER "Product_listing_fields"
  BEFORE INSERT OR UPDATE OF status, "producerId", "categoryId" ON "Product"
  FOR EACH ROW EXECUTE FUNCTION "product_listing_fields"();

-- A producer verified, suspended or rejected lists or unlists all of its published products.
CREATE FUNCTION "producer_listing_follows_status"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Product" SET "listed" = (status = 'PUBLISHED' AND NEW.status = 'VERIFIED')
  WHERE "producerId" = NEW.id AND "listed" IS DISTINCT FROM (status = 'PUBLISHED' AND NEW.status = 'VERIFIED');
  RETURN NULL;
END
$$;

CREATE TRIGGER "Producer_listing_follows_status"
  AFTER UPDATE OF status ON "Producer"
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION "producer_listing_follows_status"();

-- A category moved under another parent moves its products' top-level category with it.
CREATE FUNCTION "category_top_follows_parent"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Product" SET "topCategoryId" = COALESCE(NEW."parentId", NEW.id) WHERE "categoryId" = NEW.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Category_top_follows_parent"
  AFTER UPDATE OF "parentId" ON "Category"
  FOR EACH ROW WHEN (OLD."parentId" IS DISTINCT FROM NEW."parentId")
  EXECUTE FUNCTION "category_top_follows_parent"();

-- Counts of listed products per category, top-level category and producer. Once per statement,
-- from the rows it changed: the old rows that were listed count -1, the new rows that are listed +1,
-- summed per count row, and only the rows whose sums are not zero are written, in key order (two
-- writers lock count rows in the same order, so they queue rather than deadlock).
CREATE TYPE "listing_change" AS (sign INTEGER, "categoryId" TEXT, "topCategoryId" TEXT, "producerId" TEXT, export INTEGER);

CREATE FUNCTION "listing_counts_products"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes "listing_change"[] := '{}';
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    changes := changes || ARRAY(SELECT ROW(-1, "categoryId", "topCategoryId", "producerId", "exportReady"::int)::"listing_change" FROM old_rows WHERE "listed");
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    changes := changes || ARRAY(SELECT ROW(1, "categoryId", "topCategoryId", "producerId", "exportReady"::int)::"listing_change" FROM new_rows WHERE "listed");
  END IF;
  IF cardinality(changes) = 0 THEN
    RETURN NULL;
  END IF;
  INSERT INTO "ListingCount" AS c (scope, key, products, "exportReady")
  SELECT d.scope, d.key, sum(x.sign), sum(x.sign * x.export)
  FROM unnest(changes) x
  CROSS JOIN LATERAL (VALUES ('category', x."categoryId"), ('top', x."topCategoryId"), ('producer', x."producerId")) d(scope, key)
  WHERE d.key IS NOT NULL
  GROUP BY d.scope, d.key
  HAVING sum(x.sign) <> 0 OR sum(x.sign * x.export) <> 0
  ORDER BY d.scope, d.key
  ON CONFLICT (scope, key) DO UPDATE
    SET products = c.products + EXCLUDED.products, "exportReady" = c."exportReady" + EXCLUDED."exportReady";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Product_listing_counts_insert" AFTER INSERT ON "Product"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "listing_counts_products"();
CREATE TRIGGER "Product_listing_counts_update" AFTER UPDATE ON "Product"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "listing_counts_products"();
CREATE TRIGGER "Product_listing_counts_delete" AFTER DELETE ON "Product"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "listing_counts_products"();

-- Verified producers per regency, the same way.
CREATE TYPE "regency_change" AS (sign INTEGER, key TEXT);

CREATE FUNCTION "listing_counts_producers"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes "regency_change"[] := '{}';
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    changes := changes || ARRAY(SELECT ROW(-1, "regencyCode")::"regency_change" FROM old_rows WHERE status = 'VERIFIED');
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    changes := changes || ARRAY(SELECT ROW(1, "regencyCode")::"regency_change" FROM new_rows WHERE status = 'VERIFIED');
  END IF;
  IF cardinality(changes) = 0 THEN
    RETURN NULL;
  END IF;
  INSERT INTO "ListingCount" AS c (scope, key, producers)
  SELECT 'regency', x.key, sum(x.sign)
  FROM unnest(changes) x
  GROUP BY x.key
  HAVING sum(x.sign) <> 0
  ORDER BY x.key
  ON CONFLICT (scope, key) DO UPDATE SET producers = c.producers + EXCLUDED.producers;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Producer_listing_counts_insert" AFTER INSERT ON "Producer"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "listing_counts_producers"();
CREATE TRIGGER "Producer_listing_counts_update" AFTER UPDATE ON "Producer"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "listing_counts_producers"();
CREATE TRIGGER "Producer_listing_counts_delete" AFTER DELETE ON "Producer"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "listing_counts_producers"();

-- Existing rows: fields first, then the counts they add up to.
UPDATE "Product" p SET
  "listed" = p.status = 'PUBLISHED' AND pr.status = 'VERIFIED',
  "topCategoryId" = COALESCE(c."parentId", c.id)
FROM "Producer" pr, "Category" c
WHERE pr.id = p."producerId" AND c.id = p."categoryId";

DELETE FROM "ListingCount";

INSERT INTO "ListingCount" (scope, key, products, "exportReady")
SELECT d.scope, d.key, count(*), count(*) FILTER (WHERE p."exportReady")
FROM "Product" p
CROSS JOIN LATERAL (VALUES ('category', p."categoryId"), ('top', p."topCategoryId"), ('producer', p."producerId")) d(scope, key)
WHERE p."listed" AND d.key IS NOT NULL
GROUP BY d.scope, d.key;

INSERT INTO "ListingCount" (scope, key, producers)
SELECT 'regency', "regencyCode", count(*) FROM "Producer" WHERE status = 'VERIFIED' GROUP BY "regencyCode";

-- Listed products newest first: the whole shop, a category, a top-level category, a producer.
CREATE INDEX "Product_listed_newest_idx" ON "Product" ("publishedAt" DESC, id) WHERE "listed";
CREATE INDEX "Product_listed_category_newest_idx" ON "Product" ("categoryId", "publishedAt" DESC, id) WHERE "listed";
CREATE INDEX "Product_listed_top_newest_idx" ON "Product" ("topCategoryId", "publishedAt" DESC, id) WHERE "listed";
CREATE INDEX "Product_listed_producer_newest_idx" ON "Product" ("producerId", "publishedAt" DESC, id) WHERE "listed";
-- Verified producers by name (the home page's certified producers).
CREATE INDEX "Producer_verified_name_idx" ON "Producer" ("legalName") WHERE status = 'VERIFIED';
