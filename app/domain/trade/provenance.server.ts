/**
 * A lot's public provenance page: what it is, where it went (month and country), and the
 * UMKM that made it — named only when they agreed to be (their consent flag); the others
 * are counted; a koperasi's members likewise. Only lots with goods that passed QC have a page.
 */
import { nameIn } from "~/lib/i18n";
import { db } from "~/lib/db.server";
import type { AppLocale } from "~/lib/i18n";
import { province, regencyLabel } from "../regions";

export async function lotProvenance(code: string, locale: AppLocale) {
  const lot = await db.exportLot.findUnique({
    where: { code },
    include: {
      product: { select: { nameId: true, nameEn: true, slug: true } },
      category: { select: { nameId: true, nameEn: true, slug: true } },
      allocations: {
        where: { status: "QC_PASSED" },
        include: {
          // a koperasi's members who supplied its share, named with their own consent
          shares: {
            orderBy: { quantity: "desc" },
            select: { member: { select: { legalName: true, regencyCode: true, provenanceConsent: true } } },
          },
          producer: {
            include: {
              certifications: {
                where: { status: "VERIFIED", type: { not: "NIB" } },
                select: { type: true, expiresAt: true },
              },
            },
          },
        },
      },
    },
  });
  if (!lot || lot.status === "CANCELLED" || lot.allocations.length === 0) return null;
  const now = new Date();
  const producers = new Map<
    string,
    {
      slug: string;
      name: string;
      regency: string;
      province: string;
      scale: string;
      certifications: string[];
      quantity: number;
      batches: Array<{ code: string; expiresOn: string | null }>;
      members: string[];
      hiddenMembers: number;
    }
  >();
  let hidden = 0;
  const hiddenIds = new Set<string>();
  for (const a of lot.allocations) {
    const p = a.producer;
    if (!p.provenanceConsent) {
      if (!hiddenIds.has(p.id)) hidden++;
      hiddenIds.add(p.id);
      continue;
    }
    const entry = producers.get(p.id) ?? {
      slug: p.slug,
      name: p.legalName,
      regency: regencyLabel(p.regencyCode),
      province: province(p.provinceCode)?.name ?? "",
      scale: p.scale,
      certifications: [
        ...new Set(p.certifications.filter((c) => !c.expiresAt || c.expiresAt > now).map((c) => c.type)),
      ],
      quantity: 0,
      batches: [],
      members: [],
      hiddenMembers: 0,
    };
    for (const s of a.shares) {
      const name = `${s.member.legalName} (${regencyLabel(s.member.regencyCode)})`;
      if (!s.member.provenanceConsent) entry.hiddenMembers++;
      else if (!entry.members.includes(name)) entry.members.push(name);
    }
    entry.quantity += a.passedQuantity ?? 0;
    if (a.batchCode)
      entry.batches.push({ code: a.batchCode, expiresOn: a.expiresOn?.toISOString().slice(0, 10) ?? null });
    producers.set(p.id, entry);
  }
  const when = lot.shippedAt ?? lot.updatedAt;
  return {
    code: lot.code,
    status: lot.status,
    name: nameIn(locale, lot.product, lot.category),
    productSlug: lot.product?.slug ?? null,
    destination: lot.destinationCountry,
    month: when.toISOString().slice(0, 7),
    quantity: lot.allocations.reduce((s, a) => s + (a.passedQuantity ?? 0), 0),
    unit: lot.unit,
    producers: [...producers.values()].sort((a, b) => a.name.localeCompare(b.name)),
    hidden,
  };
}
