import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { seedDemo, DEMO_ACCOUNTS } from "../../scripts/seed/seed";
import * as home from "~/routes/($lang)._index";
import { getRequest, unwrap } from "../helpers/http";
import { productCardSelect, toProductCard } from "~/domain/catalogue/product-card.server";

describe("demo catalogue", () => {
  it("seeds a realistic catalogue through the real image pipeline", { timeout: 180_000 }, async () => {
    const uploads = fs.mkdtempSync(path.join(os.tmpdir(), "anjung-seed-"));
    try {
      await seedDemo(() => {}, { uploadsDir: uploads });
      const producers = await db.producer.findMany({ select: { regencyCode: true, provinceCode: true, nib: true } });
      expect(producers.length).toBeGreaterThanOrEqual(15);
      expect(new Set(producers.map((p) => p.regencyCode)).size).toBeGreaterThanOrEqual(8);
      expect(new Set(producers.map((p) => p.provinceCode))).toEqual(new Set(["62", "63"]));
      // every producer has a valid NIB but the two met at the demo expo, who have none yet
      expect(producers.filter((p) => p.nib !== null).every((p) => /^\d{13}$/.test(p.nib!))).toBe(true);
      expect(producers.filter((p) => p.nib === null)).toHaveLength(2);
      expect(await db.eventIntake.count()).toBe(3);
      expect(await db.followUpTask.count({ where: { doneAt: null, facilitatorId: { not: null } } })).toBe(2);
      expect(await db.product.count()).toBeGreaterThanOrEqual(80);
      expect(await db.product.count({ where: { slug: { contains: "jawet-uei" } } })).toBeGreaterThan(0);

      const certs = await db.certification.findMany({ select: { type: true, number: true, status: true } });
      // each format is checked on at least one seeded certificate of its kind
      for (const type of ["PIRT", "BPOM_MD", "HALAL"])
        expect(
          certs.some((c) => c.type === type),
          type,
        ).toBe(true);
      for (const c of certs) {
        if (c.type === "PIRT") expect(c.number).toMatch(/^\d{15}$/);
        if (c.type === "BPOM_MD") expect(c.number).toMatch(/^MD\d{12}$/);
        if (c.type === "HALAL") expect(c.number).toMatch(/^ID\d+$/);
      }
      expect(certs.some((c) => c.status === "EXPIRED")).toBe(true);
      expect(certs.some((c) => c.status === "PENDING")).toBe(true);
      expect(await db.priceTier.count()).toBeGreaterThan(0);
      expect(await db.variant.count({ where: { minOrderQty: { gt: 1 } } })).toBeGreaterThan(0);
      for (const a of DEMO_ACCOUNTS) expect(await db.user.count({ where: { email: a.email } })).toBe(1);

      // every image has AVIF and WebP variants on disk
      const images = await db.productImage.findMany();
      expect(images.length).toBeGreaterThanOrEqual(80);
      for (const img of images.slice(0, 10)) {
        for (const w of img.variantWidths) {
          expect(fs.existsSync(path.join(uploads, `${img.key}-${w}.avif`))).toBe(true);
          expect(fs.existsSync(path.join(uploads, `${img.key}-${w}.webp`))).toBe(true);
        }
      }

      // the home page shows it, in both languages
      const id = unwrap(await home.loader({ request: getRequest("/"), params: {}, context: {} })).body as Awaited<
        ReturnType<typeof home.loader>
      >;
      expect(id.featured.length).toBe(12);
      expect(id.stats.producers).toBeGreaterThanOrEqual(15);
      expect(id.categories.map((c) => c.slug)).toContain("anyaman");
      expect(id.regions.length).toBeGreaterThanOrEqual(8);
      expect(id.producers.length).toBeGreaterThan(0);
      const en = unwrap(await home.loader({ request: getRequest("/en"), params: { lang: "en" }, context: {} }))
        .body as typeof id;
      expect(en.categories.find((c) => c.slug === "madu")?.name).toBe("Honey");
      // expired certificates give no badge: the kerupuk producer's PIRT expired
      const kerupuk = await db.product.findFirstOrThrow({
        where: { producer: { slug: "kerupuk-sampit" } },
        select: { slug: true },
      });
      const row = await db.product.findFirstOrThrow({
        where: { slug: kerupuk.slug },
        select: productCardSelect(new Date()),
      });
      const card = toProductCard(row, "id");
      expect(card).toBeTruthy();
      expect(card.certifications).not.toContain("PIRT");
    } finally {
      fs.rmSync(uploads, { recursive: true, force: true });
    }
  });
});
