/**
 * Batch traceability for food in export lots. At receipt staff record each allocation's
 * production batch code and the expiry printed on the goods (lots.server.ts recordReceipt
 * refuses food without them, or with too short a shelf life for the destination). The
 * minimum shelf life is staff-set per destination country, else the market's default.
 * A GS1 Digital Link (`/01/{GTIN}/10/{batch}`) resolves to the batch's provenance: which
 * product, which UMKM (named only with its consent), which lot and when it expires.
 */
import { db, type Tx } from "~/lib/db.server";
import { appUrl } from "~/lib/env.server";
import { nameIn, type AppLocale } from "~/lib/i18n";
import { audit } from "../audit.server";
import { storedGtinForms, toGtin14 } from "../catalogue/index.server";
import { marketSettings } from "../orders/index.server";
import { regencyLabel } from "../regions";

/** The fewest days before expiry food for this country may have when it reaches the warehouse. */
export async function minShelfLifeDays(country: string, tx: Tx = db) {
  const rule = await tx.shelfLifeRule.findUnique({ where: { country } });
  return rule?.minDays ?? (await marketSettings(tx)).defaultShelfLifeDays;
}

export async function shelfLifeRules() {
  const [rules, settings] = await Promise.all([
    db.shelfLifeRule.findMany({ orderBy: { country: "asc" } }),
    marketSettings(),
  ]);
  return {
    rules: rules.map((r) => ({ country: r.country, minDays: r.minDays })),
    defaultDays: settings.defaultShelfLifeDays,
  };
}

/** Staff set a country's minimum shelf life (null removes the rule: the default applies). Audited. */
export async function setShelfLifeRule(staffId: string, country: string, minDays: number | null) {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('shelf-life'), hashtext(${country}))`;
    const before = await tx.shelfLifeRule.findUnique({ where: { country } });
    if (minDays === null) await tx.shelfLifeRule.deleteMany({ where: { country } });
    else
      await tx.shelfLifeRule.upsert({
        where: { country },
        create: { country, minDays, updatedById: staffId },
        update: { minDays, updatedById: staffId },
      });
    await audit(tx, {
      actorId: staffId,
      action: "settings.shelfLife",
      entityType: "ShelfLifeRule",
      entityId: country,
      before: before ? { minDays: before.minDays } : null,
      after: { minDays },
    });
  });
}

/** Staff set the minimum shelf life for countries without their own rule. Audited. */
export async function setDefaultShelfLife(staffId: string, days: number) {
  await db.$transaction(async (tx) => {
    const before = await marketSettings(tx);
    await tx.marketSettings.update({ where: { id: 1 }, data: { defaultShelfLifeDays: days, updatedById: staffId } });
    await audit(tx, {
      actorId: staffId,
      action: "settings.shelfLife",
      entityType: "MarketSettings",
      entityId: "1",
      before: { defaultDays: before.defaultShelfLifeDays },
      after: { defaultDays: days },
    });
  });
}

/** The batch's GS1 Digital Link, or null when the variant has no GTIN. */
export function digitalLink(gtin: string | null | undefined, batchCode: string) {
  return gtin ? `${appUrl()}/01/${toGtin14(gtin)}/10/${encodeURIComponent(batchCode)}` : null;
}

/**
 * What a Digital Link names: the received, QC-passed batches of that GTIN and batch code
 * (one batch code may reach several lots). Null when there is none.
 */
export async function batchProvenance(gtin: string, batchCode: string, locale: AppLocale) {
  const forms = storedGtinForms(gtin);
  if (forms.length === 0) return null;
  const rows = await db.lotAllocation.findMany({
    where: {
      batchCode,
      status: "QC_PASSED",
      variant: { gtin: { in: forms } },
      lot: { status: { not: "CANCELLED" } },
    },
    orderBy: { receivedAt: "desc" },
    take: 20,
    select: {
      expiresOn: true,
      receivedAt: true,
      passedQuantity: true,
      lot: { select: { code: true, destinationCountry: true, unit: true } },
      producer: { select: { legalName: true, slug: true, regencyCode: true, provenanceConsent: true } },
      variant: {
        select: { nameId: true, nameEn: true, product: { select: { nameId: true, nameEn: true, slug: true } } },
      },
    },
  });
  if (rows.length === 0) return null;
  const v = rows[0].variant!;
  return {
    gtin: toGtin14(gtin),
    batchCode,
    product: nameIn(locale, v.product),
    variant: nameIn(locale, v),
    productSlug: v.product.slug,
    shipments: rows.map((r) => ({
      lotCode: r.lot.code,
      destination: r.lot.destinationCountry,
      quantity: r.passedQuantity ?? 0,
      unit: r.lot.unit,
      expiresOn: r.expiresOn,
      receivedAt: r.receivedAt,
      // a UMKM is named only when it agreed to be; its regency is always shown
      producer: r.producer.provenanceConsent ? { name: r.producer.legalName, slug: r.producer.slug } : null,
      regency: regencyLabel(r.producer.regencyCode),
    })),
  };
}
