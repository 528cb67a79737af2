/**
 * A demo kelompok usaha: the honey farmers' group of Pulang Pisau sells for three member
 * beekeepers, onboarded by staff without an email (they claim their accounts with a code staff
 * issue on the group's page), each with jars of the group's honey ready to supply.
 */
import type { Tx } from "../../app/lib/db.server";

const members = [
  { legalName: "Peternak Kelulut Sei Pitung", scale: "MIKRO", contactName: "Rahmadi", units: 40 },
  { legalName: "Kelulut Bahaur Jaya", scale: "MIKRO", contactName: "Siti Aminah", units: 25 },
  { legalName: "Madu Galam Maliku", scale: "KECIL", contactName: "Yusran", units: 60 },
] as const;

export async function seedCooperatives(db: Tx, digits: (seed: string, n: number) => string) {
  const group = await db.producer.findUnique({
    where: { slug: "madu-kelulut-pulang-pisau" },
    include: { products: true },
  });
  if (!group || group.kind !== "INDIVIDUAL") return;
  await db.producer.update({ where: { id: group.id }, data: { kind: "GROUP" } });
  for (const [i, m] of members.entries()) {
    const slug = `${group.slug}-anggota-${i + 1}`;
    const member = await db.producer.create({
      data: {
        slug,
        legalName: m.legalName,
        nib: digits(`nib:${slug}`, 13),
        scale: m.scale,
        provinceCode: group.provinceCode,
        regencyCode: group.regencyCode,
        address: `Desa ${["Sei Pitung", "Bahaur", "Maliku"][i]}, Pulang Pisau`,
        storyId: "",
        contactName: m.contactName,
        contactPhone: `+62 8${digits(`phone:${slug}`, 10)}`,
        contactEmail: null,
        status: "VERIFIED",
        groupId: group.id,
        certifications: {
          create: {
            type: "NIB",
            number: digits(`nib:${slug}`, 13),
            issuer: "OSS RBA",
            issuedAt: new Date("2024-03-01"),
            status: "VERIFIED",
          },
        },
      },
    });
    for (const p of group.products)
      await db.memberSupply.create({ data: { productId: p.id, memberId: member.id, units: m.units } });
  }
}
