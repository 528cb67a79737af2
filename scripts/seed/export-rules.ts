/**
 * Demo destination rules: Malaysia asks 180 days of shelf life for food and Brunei 240; the
 * packaging and label requirements below are the ones a Kalimantan consolidator meets most
 * (Malay or English labels with the importer's details, a recognised halal logo for food,
 * ingredients and allergens, fumigation for rattan). Singapore and the others keep the
 * market default and no requirements, so a new lot there needs no checklist.
 */
import type { Tx } from "../../app/lib/db.server";

export async function seedExportRules(db: Tx) {
  for (const [country, minDays] of [
    ["MY", 180],
    ["BN", 240],
  ] as const)
    await db.shelfLifeRule.upsert({ where: { country }, update: {}, create: { country, minDays } });
  if ((await db.labelRequirement.count()) > 0) return;
  const rattan = await db.category.findUnique({ where: { slug: "anyaman-rotan" }, select: { id: true } });
  const rules = [
    ...(["MY", "BN"] as const).flatMap((country) => [
      {
        country,
        scope: "ALL" as const,
        titleId: "Label berbahasa Melayu atau Inggris dengan nama dan alamat importir",
        titleEn: "Label in Malay or English with the importer's name and address",
      },
      {
        country,
        scope: "FOOD" as const,
        titleId: "Logo halal dari lembaga yang diakui (JAKIM/MUIB) pada kemasan",
        titleEn: "Halal logo of a recognised body (JAKIM/MUIB) on the pack",
      },
      {
        country,
        scope: "FOOD" as const,
        titleId: "Daftar bahan, alergen, berat bersih, dan tanggal kedaluwarsa pada label",
        titleEn: "Ingredients, allergens, net weight and expiry date on the label",
      },
    ]),
    ...(rattan
      ? [
          {
            country: "MY",
            scope: "NON_FOOD" as const,
            categoryId: rattan.id,
            titleId: "Sertifikat fumigasi untuk barang rotan",
            titleEn: "Fumigation certificate for rattan goods",
          },
        ]
      : []),
  ];
  await db.labelRequirement.createMany({ data: rules });
}
