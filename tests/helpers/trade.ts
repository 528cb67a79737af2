/** Trading-house fixtures: producers with stock, a member account each. */
import { db } from "~/lib/db.server";
import { createProduct, createUser } from "./fixtures";

/** Rattan producers in three kabupaten, each with a member account. */
export async function rattanProducers() {
  const made = [];
  for (const [regencyCode, stock, scale] of [
    ["62.09", 40, "MIKRO"],
    ["62.09", 30, "KECIL"],
    ["63.08", 60, "MENENGAH"],
    ["63.06", 25, "MIKRO"],
  ] as const) {
    const { product, producer } = await createProduct({
      nameId: "Keranjang rotan",
      nameEn: "Rattan basket",
      regencyCode,
      category: { slug: "anyaman-rotan", nameId: "Anyaman rotan", nameEn: "Rattan weaving" },
    });
    await db.producer.update({ where: { id: producer.id }, data: { scale } });
    await db.product.update({ where: { id: product.id }, data: { hsCode: "4602.12", weightGrams: 800 } });
    const variant = await db.variant.findFirstOrThrow({ where: { productId: product.id } });
    await db.variant.update({ where: { id: variant.id }, data: { stock } });
    const user = await createUser({ roles: ["PRODUCER"] });
    await db.producerMember.create({ data: { producerId: producer.id, userId: user.id, isOwner: true } });
    made.push({ producer, product, variant, user });
  }
  return made;
}
