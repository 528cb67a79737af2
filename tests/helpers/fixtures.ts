/** Small, explicit fixtures for integration tests (each test file has its own database). */
import crypto from "node:crypto";
import { db } from "../../app/lib/db.server";
import { hashPassword } from "../../app/domain/accounts/accounts.server";
import type { Role } from "../../app/generated/prisma/client";
import { sessionCookieFor } from "./http";
import { majorToMinor } from "../../app/domain/money";

let hashed: Promise<string> | undefined;
export const FIXTURE_PASSWORD = "correct horse battery";

export async function createUser(opts: { email?: string; roles?: Role[]; name?: string } = {}) {
  hashed ??= hashPassword(FIXTURE_PASSWORD);
  const user = await db.user.create({
    data: {
      email: opts.email ?? `u-${crypto.randomBytes(4).toString("hex")}@example.test`,
      name: opts.name ?? "Test User",
      passwordHash: await hashed,
      roles: opts.roles ?? ["BUYER"],
    },
  });
  // a fixture account always has an email (phone-only accounts are made in the phone sign-in tests)
  return { ...user, email: user.email! };
}

export async function signedInCookie(userId: string) {
  const s = await db.session.create({ data: { userId, expiresAt: new Date(Date.now() + 3_600_000) } });
  return sessionCookieFor(s.id);
}

/** A new PRODUCER account that is a member of `producerId`, signed in: its session cookie. */
export async function producerMemberCookie(producerId: string, name?: string) {
  const user = await createUser({ roles: ["PRODUCER"], name });
  await db.producerMember.create({ data: { producerId, userId: user.id, isOwner: true } });
  return signedInCookie(user.id);
}

let seq = 0;
export async function createCatalogue(
  opts: { producerStatus?: "VERIFIED" | "PENDING" | "SUSPENDED"; regencyCode?: string } = {},
) {
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
      variants: {
        create: { sku: `SKU-${tag}`, nameId: "Standar", nameEn: "Standard", priceAmount: 15_000_000, stock: 10 },
      },
    },
    include: { variants: true },
  });
  return { category, producer, product };
}

type ProductOpts = {
  nameId: string;
  nameEn: string;
  category?: { slug: string; nameId: string; nameEn: string; parentSlug?: string };
  regencyCode?: string;
  provinceCode?: string;
  priceIdr?: number;
  exportReady?: boolean;
  certs?: Array<"HALAL" | "PIRT" | "BPOM_MD" | "SNI">;
  producerStatus?: "VERIFIED" | "PENDING" | "SUSPENDED";
  status?: "PUBLISHED" | "DRAFT" | "ARCHIVED";
};

/** A producer in a kabupaten/kota (default Kotawaringin Timur), verified unless told otherwise. */
export async function createProducer(
  o: { regencyCode?: string; provinceCode?: string; status?: "VERIFIED" | "PENDING" | "SUSPENDED" } = {},
) {
  const tag = crypto.randomBytes(4).toString("hex");
  const regencyCode = o.regencyCode ?? "62.09";
  return db.producer.create({
    data: {
      slug: `p-${tag}`,
      legalName: `UMKM ${tag}`,
      nib: `9${String(parseInt(tag, 16)).padStart(12, "0").slice(-12)}`,
      scale: "MIKRO",
      provinceCode: o.provinceCode ?? regencyCode.slice(0, 2),
      regencyCode,
      address: "Jl. 1",
      storyId: "Cerita",
      contactName: "X",
      contactPhone: "+62",
      contactEmail: "x@example.test",
      status: o.status ?? "VERIFIED",
    },
  });
}

/** One product of its own producer, with the category, region and certificates asked for. */
export async function createProduct(o: ProductOpts) {
  const tag = crypto.randomBytes(4).toString("hex");
  const cat = o.category ?? { slug: "anyaman-rotan", nameId: "Anyaman rotan", nameEn: "Rattan weaving" };
  const parent = cat.parentSlug
    ? await db.category.upsert({
        where: { slug: cat.parentSlug },
        update: {},
        create: { slug: cat.parentSlug, nameId: cat.parentSlug, nameEn: cat.parentSlug },
      })
    : null;
  const category = await db.category.upsert({
    where: { slug: cat.slug },
    update: {},
    create: { slug: cat.slug, nameId: cat.nameId, nameEn: cat.nameEn, parentId: parent?.id },
  });
  const producer = await createProducer({
    regencyCode: o.regencyCode,
    provinceCode: o.provinceCode,
    status: o.producerStatus,
  });
  const certs = [];
  for (const type of o.certs ?? []) {
    certs.push(
      await db.certification.create({
        data: {
          producerId: producer.id,
          type,
          number: `${type}-${tag}`,
          issuer: "Dinas",
          issuedAt: new Date("2025-01-01"),
          expiresAt: new Date("2030-01-01"),
          status: "VERIFIED",
        },
      }),
    );
  }
  const product = await db.product.create({
    data: {
      producerId: producer.id,
      slug: `${o.nameId.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${tag}`,
      nameId: o.nameId,
      nameEn: o.nameEn,
      descriptionId: `${o.nameId}.`,
      descriptionEn: `${o.nameEn}.`,
      categoryId: category.id,
      weightGrams: 100,
      status: o.status ?? "PUBLISHED",
      publishedAt: new Date(),
      exportReady: o.exportReady ?? false,
      variants: {
        create: {
          sku: `S-${tag}`,
          nameId: "Standar",
          nameEn: "Standard",
          priceAmount: majorToMinor(o.priceIdr ?? 100_000, "IDR"),
          stock: 5,
        },
      },
      certifications: { create: certs.map((c) => ({ certificationId: c.id })) },
    },
  });
  return { product, producer, category };
}
