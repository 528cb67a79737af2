/** Small, explicit fixtures for integration tests (each test file has its own database). */
import crypto from "node:crypto";
import { db } from "../../app/lib/db.server";
import { hashPassword } from "../../app/domain/accounts/accounts.server";
import type { Role } from "../../app/generated/prisma/client";
import { sessionCookieFor } from "./http";

let hashed: Promise<string> | undefined;
export const FIXTURE_PASSWORD = "correct horse battery";

export async function createUser(opts: { email?: string; roles?: Role[]; name?: string } = {}) {
  hashed ??= hashPassword(FIXTURE_PASSWORD);
  return db.user.create({
    data: {
      email: opts.email ?? `u-${crypto.randomBytes(4).toString("hex")}@example.test`,
      name: opts.name ?? "Test User",
      passwordHash: await hashed,
      roles: opts.roles ?? ["BUYER"],
    },
  });
}

export async function signedInCookie(userId: string) {
  const s = await db.session.create({ data: { userId, expiresAt: new Date(Date.now() + 3_600_000) } });
  return sessionCookieFor(s.id);
}

let seq = 0;
export async function createCatalogue(opts: { producerStatus?: "VERIFIED" | "PENDING" | "SUSPENDED"; regencyCode?: string } = {}) {
  seq++;
  const tag = crypto.randomBytes(3).toString("hex");
  const category =
    (await db.category.findUnique({ where: { slug: "anyaman-rotan" } })) ??
    (await db.category.create({ data: { slug: "anyaman-rotan", nameId: "Anyaman rotan", nameEn: "Rattan weaving" } }));
  const producer = await db.producer.create({
    data: {
      slug: `producer-${tag}`,
      legalName: `Kelompok Anyam ${tag}`,
      nib: String(1_000_000_000_000 + seq * 7919 + Math.floor(Math.random() * 1000)).slice(0, 13),
      scale: "MIKRO",
      provinceCode: "62",
      regencyCode: opts.regencyCode ?? "62.09",
      address: "Jl. Tjilik Riwut 1",
      storyId: "Cerita",
      contactName: "Ina",
      contactPhone: "+62 811",
      contactEmail: "ina@example.test",
      status: opts.producerStatus ?? "VERIFIED",
    },
  });
  const product = await db.product.create({
    data: {
      producerId: producer.id,
      slug: `jawet-uei-${tag}`,
      nameId: "Jawet Uei anyaman rotan",
      nameEn: "Jawet Uei woven rattan basket",
      descriptionId: "Keranjang punggung dari rotan uei.",
      descriptionEn: "Back basket of uei rattan.",
      categoryId: category.id,
      weightGrams: 900,
      status: "PUBLISHED",
      publishedAt: new Date(),
      variants: { create: { sku: `SKU-${tag}`, nameId: "Standar", nameEn: "Standard", priceAmount: 15_000_000, stock: 10 } },
    },
    include: { variants: true },
  });
  return { category, producer, product };
}
