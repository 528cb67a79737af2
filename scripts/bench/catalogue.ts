/** A generated catalogue of n published products (with producers, variants, some halal certificates) for benchmarks. */
export async function generateCatalogue(n: number) {
  const { db } = await import("../../app/lib/db.server");
  const { categories } = await import("../seed/catalogue");
  const { provinces } = await import("../../app/domain/regions/regions");
  let pos = 0;
  const leafIds: string[] = [];
  for (const c of categories) {
    const parent = await db.category.create({
      data: { slug: c.slug, nameId: c.nameId, nameEn: c.nameEn, isFood: c.isFood, position: pos++ },
    });
    if (c.children.length === 0) leafIds.push(parent.id);
    for (const ch of c.children)
      leafIds.push(
        (
          await db.category.create({
            data: { slug: ch.slug, nameId: ch.nameId, nameEn: ch.nameEn, parentId: parent.id, position: pos++ },
          })
        ).id,
      );
  }
  const regencies = provinces.flatMap((p) => p.regencies.map((r) => ({ code: r.code, province: p.code })));
  const producers = Math.max(50, Math.round(n / 50));
  await db.$executeRawUnsafe(
    `
    INSERT INTO "Producer" (id, slug, "legalName", nib, scale, "provinceCode", "regencyCode", address, "storyId", "contactName", "contactPhone", "contactEmail", status, "updatedAt")
    SELECT 'bp' || g, 'umkm-' || g, 'UMKM Bench ' || g, lpad((1000000000000 + g)::text, 13, '0'), (ARRAY['MIKRO','KECIL','MENENGAH'])[1 + g % 3]::"ProducerScale",
           split_part(r.code, '.', 1), r.code, 'Jl. ' || g, 'Cerita ' || g, 'Kontak', '+62', 'x@example.test', 'VERIFIED', now()
    FROM generate_series(1, ${producers}) g
    JOIN (SELECT code, row_number() OVER () - 1 AS i FROM unnest($1::text[]) code) r ON r.i = g % ${regencies.length}`,
    regencies.map((r) => r.code),
  );
  const wordsId = [
    "Keranjang rotan",
    "Tas anyaman purun",
    "Kain sasirangan",
    "Madu kelulut",
    "Amplang ikan",
    "Kopi bubuk",
    "Kalung manik",
    "Teh bajakah",
    "Tikar rotan",
    "Kerupuk haruan",
    "Batik benang bintik",
    "Topi purun",
  ];
  const wordsEn = [
    "Rattan basket",
    "Woven purun bag",
    "Sasirangan cloth",
    "Kelulut honey",
    "Fish amplang",
    "Ground coffee",
    "Bead necklace",
    "Bajakah tea",
    "Rattan mat",
    "Snakehead crackers",
    "Benang bintik batik",
    "Purun hat",
  ];
  const adjId = ["klasik", "besar", "kecil", "motif Dayak", "warna alam", "premium", "oleh-oleh", "hemat"];
  const adjEn = ["classic", "large", "small", "Dayak motif", "natural colour", "premium", "souvenir", "value"];
  await db.$executeRawUnsafe(
    `
    INSERT INTO "Product" (id, "producerId", slug, "nameId", "nameEn", "descriptionId", "descriptionEn", "categoryId", "weightGrams", status, "exportReady", "publishedAt", "updatedAt")
    SELECT 'b' || g, 'bp' || (1 + g % ${producers}), 'bench-' || g,
           ($1::text[])[1 + g % 12] || ' ' || ($3::text[])[1 + (g / 12) % 8] || ' ' || g,
           ($2::text[])[1 + g % 12] || ', ' || ($4::text[])[1 + (g / 12) % 8] || ' ' || g,
           'Produk UMKM Kalimantan nomor ' || g, 'Kalimantan UMKM product number ' || g,
           ($5::text[])[1 + g % array_length($5::text[], 1)], 100 + g % 900, 'PUBLISHED', g % 7 = 0, now() - (g || ' minutes')::interval, now()
    FROM generate_series(1, ${n}) g`,
    wordsId,
    wordsEn,
    adjId,
    adjEn,
    leafIds,
  );
  await db.$executeRawUnsafe(`
    INSERT INTO "Variant" (id, "productId", sku, "nameId", "nameEn", "priceAmount", stock, "updatedAt")
    SELECT 'bv' || g, 'b' || g, 'BENCH-' || g, 'Standar', 'Standard', (20000 + (g * 7919) % 500000) * 100, g % 50, now()
    FROM generate_series(1, ${n}) g`);
  // one ready photo per product (the media files themselves are not needed to count database work)
  await db.$executeRawUnsafe(`
    INSERT INTO "ProductImage" (id, "productId", key, width, height, "variantWidths", ready, position)
    SELECT 'bi' || g, 'b' || g, md5(g::text), 1200, 900, '{320,640,960}', true, 0
    FROM generate_series(1, ${n}) g`);
  // some verified halal certificates, to filter on
  await db.$executeRawUnsafe(`
    INSERT INTO "Certification" (id, "producerId", type, number, issuer, "issuedAt", "expiresAt", status, "updatedAt")
    SELECT 'bc' || g, 'bp' || g, 'HALAL', 'ID63' || lpad(g::text, 14, '0'), 'BPJPH', now() - interval '100 days', now() + interval '900 days', 'VERIFIED', now()
    FROM generate_series(1, ${producers}, 4) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "ProductCertification" ("productId", "certificationId")
    SELECT p.id, c.id FROM "Product" p JOIN "Certification" c ON c."producerId" = p."producerId"`);
  await db.$executeRawUnsafe(`ANALYZE`);
}

/**
 * A signed-in buyer with two lines of the generated catalogue in the cart (pages for them are
 * never cached); returns the Cookie header value of the session.
 */
export async function signedInBuyer(email: string): Promise<string> {
  const { db } = await import("../../app/lib/db.server");
  const { sessionCookie } = await import("../../app/lib/cookies.server");
  const buyer = await db.user.create({ data: { email, name: "Pembeli", passwordHash: "x", roles: ["BUYER"] } });
  const session = await db.session.create({ data: { userId: buyer.id, expiresAt: new Date(Date.now() + 86400_000) } });
  await db.cart.create({
    data: {
      userId: buyer.id,
      items: {
        create: [
          { variantId: "bv1", quantity: 1 },
          { variantId: "bv2", quantity: 2 },
        ],
      },
    },
  });
  return (await sessionCookie(new Request("http://127.0.0.1/")).serialize(session.id)).split(";")[0];
}
