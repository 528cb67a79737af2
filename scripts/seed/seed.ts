/**
 * `npm run seed` (and the first `npm start`): the demo catalogue and one account per role.
 * Deterministic: the same data and the same images every time. Images go through the
 * real sharp pipeline (app/domain/media/images.server.ts).
 */
import { slugify } from "../../app/lib/slug";
import crypto from "node:crypto";
import path from "node:path";
import sharp from "sharp";
import { db, type Tx } from "../../app/lib/db.server";
import { hashPassword } from "../../app/domain/accounts/accounts.server";
import { storeImage } from "../../app/domain/media/images.server";
import { regency } from "../../app/domain/regions/regions";
import { seedShipping } from "./shipping";
import { seedExportRules } from "./export-rules";
import { seedCooperatives } from "./cooperatives";
import { seedEvents } from "./events";
import { gtinCheckDigit } from "../../app/domain/catalogue/gtin";
import type { Prisma } from "../../app/generated/prisma/client";
import {
  categories,
  foodSpecialties,
  producers,
  specialtyCategory,
  specialtyHs,
  templates,
  variations,
  type ProducerSeed,
  type Specialty,
} from "./catalogue";

export const DEMO_PASSWORD = "anjung-demo-2026";
export const DEMO_ACCOUNTS = [
  { email: "admin@anjung.test", name: "Admin Anjung", roles: ["ADMIN", "STAFF"] as const },
  { email: "staff@anjung.test", name: "Staf Rumah Dagang", roles: ["STAFF"] as const },
  { email: "buyer@anjung.test", name: "Pembeli Demo", roles: ["BUYER"] as const },
  { email: "producer@anjung.test", name: "Ina Rosalina", roles: ["BUYER", "PRODUCER"] as const },
  { email: "pendamping@anjung.test", name: "Rina Pendamping", roles: ["FACILITATOR"] as const },
];

/** A GTIN-13 in a demo range of Indonesia's 899 prefix, with its check digit. */
function demoGtin(n: number) {
  const body = `8997000${String(n).padStart(5, "0")}`;
  return body + gtinCheckDigit(body);
}

function demoCarton(food: boolean, grams: number) {
  return food
    ? { cartonUnits: 24, cartonLengthCm: 40, cartonWidthCm: 30, cartonHeightCm: 25, cartonGrossGrams: 24 * grams + 600 }
    : {
        cartonUnits: 10,
        cartonLengthCm: 60,
        cartonWidthCm: 45,
        cartonHeightCm: 50,
        cartonGrossGrams: 10 * grams + 1500,
      };
}

/** A small deterministic PRNG so every seed run produces the same catalogue. */
function rng(seed: string) {
  let h = crypto.createHash("sha256").update(seed).digest().readUInt32LE(0);
  return () => {
    h = (h + 0x6d2b79f5) | 0;
    let t = Math.imul(h ^ (h >>> 15), 1 | h);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function digits(seed: string, n: number) {
  const r = rng(seed);
  let s = String(1 + Math.floor(r() * 9));
  while (s.length < n) s += String(Math.floor(r() * 10));
  return s;
}

const HUES: Record<Specialty, number> = {
  rotan: 30,
  purun: 80,
  sasirangan: 330,
  batik: 15,
  madu: 42,
  amplang: 50,
  kerupuk: 20,
  kopi: 25,
  herbal: 110,
  manik: 200,
};

/** A deterministic illustration of a product: a woven, striped or dotted motif in its colours. */
function productArtwork(slug: string, specialty: Specialty): string {
  const r = rng(slug);
  const hue = (HUES[specialty] + Math.floor(r() * 40) - 20 + 360) % 360;
  const bg = `hsl(${hue},45%,${82 + Math.floor(r() * 8)}%)`;
  const fg = `hsl(${hue},55%,${28 + Math.floor(r() * 15)}%)`;
  const accent = `hsl(${(hue + 150) % 360},50%,45%)`;
  const parts: string[] = [`<rect width="800" height="800" fill="${bg}"/>`];
  const step = 40 + Math.floor(r() * 30);
  if (specialty === "rotan" || specialty === "purun") {
    for (let i = -800; i < 800; i += step) {
      parts.push(`<path d="M${i} 0 L${i + 800} 800" stroke="${fg}" stroke-width="${step / 3}" opacity=".8"/>`);
      parts.push(`<path d="M${i + 800} 0 L${i} 800" stroke="${accent}" stroke-width="${step / 4}" opacity=".5"/>`);
    }
  } else if (specialty === "sasirangan" || specialty === "batik") {
    for (let y = 0; y < 800; y += step)
      parts.push(
        `<path d="M0 ${y} Q200 ${y + step} 400 ${y} T800 ${y}" fill="none" stroke="${fg}" stroke-width="10"/>`,
      );
    for (let i = 0; i < 12; i++)
      parts.push(
        `<circle cx="${Math.floor(r() * 800)}" cy="${Math.floor(r() * 800)}" r="${20 + Math.floor(r() * 40)}" fill="${accent}" opacity=".6"/>`,
      );
  } else if (specialty === "manik") {
    for (let y = step / 2; y < 800; y += step)
      for (let x = step / 2; x < 800; x += step)
        parts.push(`<circle cx="${x}" cy="${y}" r="${step / 3}" fill="${(x + y) % (step * 3) < step ? accent : fg}"/>`);
  } else {
    parts.push(`<rect x="250" y="180" width="300" height="460" rx="40" fill="${fg}"/>`);
    parts.push(`<rect x="290" y="120" width="220" height="80" rx="16" fill="${accent}"/>`);
    parts.push(`<rect x="280" y="330" width="240" height="160" rx="12" fill="${bg}" opacity=".9"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800">${parts.join("")}</svg>`;
}

type Log = (s: string) => void;

/** e.g. "MKPP07" for Madu Kelulut Pulang Pisau, the 8th producer */
function skuPrefix(p: ProducerSeed, index: number) {
  const initials = p.slug
    .split("-")
    .map((w) => w[0])
    .join("")
    .toUpperCase()
    .slice(0, 4);
  return `${initials}${String(index).padStart(2, "0")}`;
}

export async function seedIfEmpty(log: Log): Promise<boolean> {
  if ((await db.user.count()) > 0 || (await db.producer.count()) > 0) return false;
  await seedDemo(log);
  return true;
}

/** All or nothing: a seed that fails half-way leaves the database empty, to be retried. */
export async function seedDemo(log: Log = console.log, opts: { uploadsDir?: string; today?: Date } = {}) {
  return db.$transaction((tx) => seedInto(tx, log, opts), { timeout: 600_000, maxWait: 10_000 });
}

async function seedInto(db: Tx, log: Log, opts: { uploadsDir?: string; today?: Date }) {
  const uploadsDir = opts.uploadsDir ?? path.join(path.resolve(process.env.DATA_DIR ?? ".data"), "uploads");
  const today = opts.today ?? new Date();
  const started = Date.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  // accounts
  const users = new Map<string, string>();
  for (const a of DEMO_ACCOUNTS) {
    const u = await db.user.upsert({
      where: { email: a.email },
      update: {},
      create: { email: a.email, name: a.name, passwordHash, roles: [...a.roles] },
    });
    users.set(a.email, u.id);
  }

  // categories
  const categoryIds = new Map<string, string>();
  let position = 0;
  for (const c of categories) {
    const parent = await db.category.upsert({
      where: { slug: c.slug },
      update: {},
      create: { slug: c.slug, nameId: c.nameId, nameEn: c.nameEn, isFood: c.isFood, position: position++ },
    });
    categoryIds.set(c.slug, parent.id);
    for (const child of c.children) {
      const row = await db.category.upsert({
        where: { slug: child.slug },
        update: {},
        create: {
          slug: child.slug,
          nameId: child.nameId,
          nameEn: child.nameEn,
          isFood: c.isFood,
          parentId: parent.id,
          position: position++,
        },
      });
      categoryIds.set(child.slug, row.id);
    }
  }

  const daysFromToday = (d: number) =>
    new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + d));

  // producers, their certificates and products
  let productCount = 0;
  const perSpecialty = new Map<Specialty, number>();
  for (const [pi, p] of producers.entries()) {
    const reg = regency(p.regencyCode);
    if (!reg) throw new Error(`unknown regency ${p.regencyCode}`);
    const nth = perSpecialty.get(p.specialty) ?? 0;
    perSpecialty.set(p.specialty, nth + 1);
    const producer = await db.producer.create({
      data: {
        slug: p.slug,
        legalName: p.legalName,
        nib: digits(`nib:${p.slug}`, 13),
        scale: p.scale,
        provinceCode: reg.provinceCode,
        regencyCode: p.regencyCode,
        address: `Jl. ${["Ahmad Yani", "Tjilik Riwut", "Pangeran Antasari", "RTA Milono", "Lambung Mangkurat"][pi % 5]} No. ${10 + pi}, ${reg.name}`,
        storyId: p.storyId,
        storyEn: p.storyEn,
        contactName: p.contactName,
        contactPhone: `+62 8${digits(`phone:${p.slug}`, 10)}`,
        contactEmail: `${p.slug}@umkm.anjung.test`,
        bankName: ["Bank Kalsel", "Bank Kalteng", "BRI", "BNI"][pi % 4],
        bankAccountNo: digits(`bank:${p.slug}`, 10),
        bankAccountName: p.legalName,
        // some ship free from Rp300.000, as many shops on the big marketplaces do
        freeShippingMinAmount: pi % 3 === 1 ? 30_000_000n : null,
        status: p.status,
        // every demo producer can sign in: the demo producer account, or its contact email (same demo password)
        members:
          p.slug === "jawet-uei-tumbang-samba"
            ? { create: { userId: users.get("producer@anjung.test")!, isOwner: true } }
            : {
                create: {
                  isOwner: true,
                  user: {
                    create: {
                      email: `${p.slug}@umkm.anjung.test`,
                      name: p.contactName,
                      passwordHash,
                      roles: ["PRODUCER"],
                    },
                  },
                },
              },
      },
    });
    const certs = await seedCertifications(
      db,
      producer.id,
      p,
      reg.name,
      daysFromToday,
      users.get("staff@anjung.test")!,
    );
    productCount += await seedProducts(db, pi, producer.id, p, nth, categoryIds, certs, uploadsDir, today);
    log(`seeded ${p.legalName}`);
  }

  // display currencies (staff maintain these; IDR is the price of record)
  const rateDate = daysFromToday(0);
  for (const [currency, idrPerUnit] of [
    ["USD", "16250"],
    ["SGD", "12150"],
    ["MYR", "3480"],
    ["THB", "455"],
  ] as const) {
    await db.exchangeRate.upsert({
      where: { currency_rateDate: { currency, rateDate } },
      update: {},
      create: { currency, idrPerUnit, rateDate },
    });
  }
  const rates = await seedShipping(db);
  log(`rate cards: ${rates} rates from Kalteng and Kalsel`);
  const honey = await db.producer.findFirst({
    where: { status: "VERIFIED", products: { some: { nameId: { startsWith: "Madu" } } } },
    orderBy: { slug: "asc" },
    select: { id: true },
  });
  await seedVouchers(db, honey?.id ?? null);
  await seedExportRules(db);
  await seedCooperatives(db, digits);
  // the demo facilitator accompanies the honey group's beekeepers and two small producers of Kalimantan Tengah
  const pendamping = users.get("pendamping@anjung.test");
  if (pendamping)
    await db.producer.updateMany({
      where: {
        facilitatorId: null,
        OR: [
          { groupId: { not: null } },
          { slug: { in: ["kerupuk-sampit", "batik-benang-bintik-palangka", "madu-kelulut-pulang-pisau"] } },
        ],
      },
      data: { facilitatorId: pendamping },
    });
  const admin = users.get("admin@anjung.test");
  if (admin) await seedEvents(db, admin, pendamping);
  log(
    `demo catalogue: ${producers.length} producers, ${productCount} products in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return { producers: producers.length, products: productCount };
}

/**
 * Two demo codes: KALIMANTAN10 (10% up to Rp25.000 from Rp100.000, Anjung pays, 500 uses) and,
 * from a honey producer, MADU15K (Rp15.000 off its products from Rp50.000, 100 uses), until 2027.
 */
async function seedVouchers(db: Tx, producerId: string | null) {
  const startsAt = new Date(Date.UTC(2026, 0, 1) - 7 * 3_600_000);
  const endsAt = new Date(Date.UTC(2028, 0, 1) - 7 * 3_600_000);
  const demo = [
    {
      code: "KALIMANTAN10",
      kind: "PERCENT" as const,
      percentBps: 1000,
      maxDiscount: 2_500_000n,
      minSpend: 10_000_000n,
      totalLimit: 500,
      fundedBy: "PLATFORM" as const,
      producerId: null,
    },
    ...(producerId
      ? [
          {
            code: "MADU15K",
            kind: "FIXED" as const,
            amount: 1_500_000n,
            minSpend: 5_000_000n,
            totalLimit: 100,
            fundedBy: "PRODUCER" as const,
            producerId,
          },
        ]
      : []),
  ];
  for (const v of demo)
    await db.voucher.upsert({ where: { code: v.code }, update: {}, create: { ...v, startsAt, endsAt } });
}

async function seedCertifications(
  db: Tx,
  producerId: string,
  p: ProducerSeed,
  regencyName: string,
  days: (d: number) => Date,
  staffId: string,
) {
  const made: Array<{ id: string; type: string; status: string }> = [];
  const add = async (data: Omit<Prisma.CertificationUncheckedCreateInput, "producerId">) => {
    const verified = data.status === "VERIFIED";
    const c = await db.certification.create({
      data: {
        ...data,
        producerId,
        verifiedById: verified || data.status === "EXPIRED" ? staffId : null,
        verifiedAt: verified || data.status === "EXPIRED" ? days(-200) : null,
      },
    });
    made.push({ id: c.id, type: c.type, status: c.status });
  };
  const nib = digits(`nib:${p.slug}`, 13);
  await add({
    type: "NIB",
    number: nib,
    issuer: "OSS RBA (BKPM)",
    issuedAt: days(-700),
    status: p.status === "VERIFIED" ? "VERIFIED" : "PENDING",
  });
  if (foodSpecialties.has(p.specialty)) {
    const expired = p.slug === "kerupuk-sampit";
    const soon = p.slug === "madu-kelulut-barito";
    await add({
      type: "PIRT",
      number: digits(`pirt:${p.slug}`, 15),
      issuer: `Dinas Kesehatan Kab./Kota ${regencyName}`,
      issuedAt: days(expired ? -1900 : -400),
      expiresAt: days(expired ? -20 : soon ? 21 : 1400),
      status: p.status !== "VERIFIED" ? "PENDING" : expired ? "EXPIRED" : "VERIFIED",
    });
    if (["amplang-kotabaru", "madu-kelulut-pulang-pisau", "kopi-aranio", "herbal-gunung-mas"].includes(p.slug)) {
      const pending = p.slug === "herbal-gunung-mas";
      await add({
        type: "HALAL",
        number: `ID63${digits(`halal:${p.slug}`, 14)}`,
        issuer: "BPJPH Kementerian Agama",
        issuedAt: days(-300),
        expiresAt: days(1500),
        status: pending ? "PENDING" : "VERIFIED",
      });
    }
    if (p.slug === "amplang-kotabaru") {
      await add({
        type: "BPOM_MD",
        number: `MD${digits(`bpom:${p.slug}`, 12)}`,
        issuer: "Badan POM RI",
        issuedAt: days(-500),
        expiresAt: days(1300),
        status: "VERIFIED",
      });
    }
  }
  if (p.slug === "anyam-rotan-amuntai") {
    await add({
      type: "SNI",
      number: `SNI 8254:2016-${digits("sni:amuntai", 6)}`,
      issuer: "LSPro BSN",
      issuedAt: days(-365),
      expiresAt: days(730),
      status: "VERIFIED",
    });
  }
  return made;
}

async function seedProducts(
  db: Tx,
  pi: number,
  producerId: string,
  p: ProducerSeed,
  nth: number,
  categoryIds: Map<string, string>,
  certs: Array<{ id: string; type: string }>,
  uploadsDir: string,
  today: Date,
) {
  const r = rng(`products:${p.slug}`);
  const list = templates[p.specialty];
  const picks: Array<{ t: (typeof list)[number]; v: (typeof variations)[number] }> = list.map((t) => ({
    t,
    v: variations[nth % variations.length],
  }));
  // single-producer specialties also carry a large edition of their first two goods
  if (producers.filter((x) => x.specialty === p.specialty).length === 1)
    for (const t of list.slice(0, 2)) picks.push({ t, v: variations[1] });
  const food = foodSpecialties.has(p.specialty);
  let n = 0;
  for (const { t, v } of picks) {
    n++;
    const nameId = v.id ? `${t.id} ${v.id}` : t.id;
    const nameEn = v.en ? `${t.en}, ${v.en}` : t.en;
    const slug = slugify(`${nameId} ${p.slug.split("-").slice(-1)[0]}`, "", 200);
    const factor = v.id === "ukuran besar" ? 1.6 : 1;
    const price = Math.round((t.price * factor * (0.9 + r() * 0.25)) / 500) * 500;
    const published = p.status === "VERIFIED";
    const svg = productArtwork(slug, p.specialty);
    const img = await storeImage(await sharp(Buffer.from(svg)).png().toBuffer(), uploadsDir);
    const stock = r() < 0.08 ? 0 : 5 + Math.floor(r() * 150);
    const wholesale = food || r() < 0.35;
    const exportReady =
      published && ["rotan", "purun", "madu", "kopi"].includes(p.specialty) && p.scale !== "MIKRO"
        ? true
        : published && r() < 0.3;
    const product = await db.product.create({
      data: {
        producerId,
        slug,
        nameId,
        nameEn,
        descriptionId: `${t.descId} Dibuat oleh ${p.legalName}.`,
        descriptionEn: `${t.descEn} Made by ${p.legalName}.`,
        categoryId: categoryIds.get(specialtyCategory[p.specialty])!,
        hsCode: specialtyHs[p.specialty],
        unit: t.unit,
        weightGrams: Math.round(t.grams * factor),
        status: published ? "PUBLISHED" : "DRAFT",
        exportReady,
        publishedAt: published ? new Date(today.getTime() - (n * 3 + Math.floor(r() * 90)) * 86_400_000) : null,
        images: {
          create: {
            key: img.key,
            width: img.width,
            height: img.height,
            variantWidths: img.widths,
            ready: true,
            altId: nameId,
            altEn: nameEn,
          },
        },
        variants: {
          create: [
            {
              sku: `${skuPrefix(p, pi)}-${String(n).padStart(2, "0")}-A`,
              // food carries a barcode number (for the batch trace's Digital Link)
              gtin: food ? demoGtin(pi * 100 + n) : null,
              // the export carton: 24 jars or packs of food, 10 crafts
              ...demoCarton(food, Math.round(t.grams * factor)),
              nameId: "Standar",
              nameEn: "Standard",
              priceAmount: price * 100,
              stock,
              minOrderQty: food && r() < 0.3 ? 2 : 1,
              priceTiers: wholesale
                ? {
                    create: [
                      { minQty: 10, priceAmount: Math.round(price * 0.9) * 100 },
                      { minQty: 50, priceAmount: Math.round(price * 0.8) * 100 },
                    ],
                  }
                : undefined,
            },
            ...(r() < 0.35
              ? [
                  {
                    sku: `${skuPrefix(p, pi)}-${String(n).padStart(2, "0")}-B`,
                    nameId: "Paket isi 3",
                    nameEn: "Pack of 3",
                    priceAmount: Math.round(price * 2.7) * 100,
                    stock: Math.floor(stock / 3),
                  },
                ]
              : []),
          ],
        },
        certifications: {
          create: certs
            .filter((c) => c.type !== "NIB" && (food || c.type === "SNI"))
            .map((c) => ({ certificationId: c.id })),
        },
      },
    });
    void product;
  }
  return picks.length;
}
