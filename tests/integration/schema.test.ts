/**
 * The committed migrations and prisma/schema.prisma must describe the same database.
 * The template database was built by `prisma migrate deploy`; here a second database is
 * built from `prisma migrate diff --from-empty --to-schema-datamodel`, and the catalogs
 * are compared (CHECK constraints, partial and expression indexes, which Prisma cannot express, are checked separately).
 */
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { runPrisma } from "../../scripts/lib/prisma-cli";
import { db } from "~/lib/db.server";

const CATALOG = `
  SELECT 'column' AS kind, table_name || '.' || column_name || ' ' || data_type || ' ' || udt_name || ' null=' || is_nullable || ' default=' || coalesce(column_default, '') AS item
    FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
  UNION ALL
  SELECT 'index', indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' AND indexdef NOT LIKE '% WHERE %' AND indexdef NOT LIKE '% USING btree ((%'
  UNION ALL
  SELECT 'constraint', conrelid::regclass::text || ' ' || contype::text || ' ' || pg_get_constraintdef(oid)
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'f', 'u') AND conrelid::regclass::text <> '_prisma_migrations'
  UNION ALL
  SELECT 'enum', t.typname || '=' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname
  ORDER BY 1, 2`;

async function catalog(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ kind: string; item: string }>(CATALOG)).rows.map((r) => `${r.kind}: ${r.item}`);
  } finally {
    await c.end();
  }
}

describe("migrations", () => {
  it("match schema.prisma", async () => {
    const admin = new URL(inject("pgAdminUrl"));
    const fromSchema = `schema_${Date.now()}`;
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(`CREATE DATABASE "${fromSchema}"`);
    await c.end();
    const target = new URL(admin);
    target.pathname = `/${fromSchema}`;
    try {
      const sql = await runPrisma(
        ["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
        target.toString(),
      );
      const script = sql.slice(sql.indexOf("-- Create"));
      const t = new pg.Client({ connectionString: target.toString() });
      await t.connect();
      await t.query(script);
      await t.end();
      const migrated = await catalog(process.env.DATABASE_URL!);
      const declared = await catalog(target.toString());
      expect(
        migrated.filter((x) => !declared.includes(x)),
        "in the migrations but not in schema.prisma",
      ).toEqual([]);
      expect(
        declared.filter((x) => !migrated.includes(x)),
        "in schema.prisma but not in the migrations",
      ).toEqual([]);
    } finally {
      const d = new pg.Client({ connectionString: admin.toString() });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS "${fromSchema}" WITH (FORCE)`);
      await d.end();
    }
  });

  it("keep the database's own guards: stock never below zero, NIB of 13 digits, one open order per transfer amount", async () => {
    const rows = await db.$queryRaw<Array<{ conname: string }>>`SELECT conname FROM pg_constraint WHERE contype = 'c'`;
    const names = rows.map((r) => r.conname);
    expect(names).toEqual(
      expect.arrayContaining([
        "Variant_stock_nonnegative",
        "Producer_nib_format",
        "OrderLine_quantity_positive",
        "Producer_verified_nib_check",
        "User_reachable_check",
        "User_sign_in_check",
      ]),
    );
    // intakes find producers by the digits of their phone number, through this expression index
    const byPhone = await db.$queryRaw<
      Array<{ indexdef: string }>
    >`SELECT indexdef FROM pg_indexes WHERE indexname = 'Producer_contactPhone_digits_idx'`;
    expect(byPhone.map((p) => p.indexdef)).toEqual([expect.stringMatching(/USING btree \(\(\s*CASE/)]);
    const partial = await db.$queryRaw<
      Array<{ indexdef: string }>
    >`SELECT indexdef FROM pg_indexes WHERE indexname = 'Order_open_transferAmount_key'`;
    expect(partial.map((p) => p.indexdef)).toEqual([
      expect.stringMatching(/UNIQUE INDEX .* \("transferAmount"\) WHERE \(status = 'AWAITING_PAYMENT'/),
    ]);
  });
});
