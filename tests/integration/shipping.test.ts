/**
 * Parcels priced from the couriers' rate cards: the CSV import and its row report, the
 * lookup (origin per producer, the most specific destination, own delivery only next door),
 * weighing, free shipping, and checkout binding the reviewed parcels.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { checkoutQuote, CheckoutRefused, placeOrder, newCheckoutKey } from "~/domain/orders/checkout.server";
import { importRateCards, rateCardsCsv, RATE_COLUMNS, saveCourierService } from "~/domain/shipping/rate-cards.server";
import { producerProfileSchema } from "~/domain/producers/schemas";
import { createProduct, createUser } from "../helpers/fixtures";
import { cartWith, checkoutInput } from "../helpers/orders";

const header = RATE_COLUMNS.join(",");
const CARDS = [
  "JNE-REG,62.02,P:63,30000,2,4",
  "JNE-REG,62.02,R:63.71,27000,2,3",
  "JNT-EZ,62.02,P:63,29000,2,5",
  "JNE-REG,63.71,P:63,12000,1,2",
  "JNE-REG,63.71,R:63.71,9000,1,1",
  "OWN-LOCAL,63.71,R:63.71,6000,0,1",
];
let staffId = "";

async function service(code: string, courierCode: string, o: { tolerance?: number; own?: boolean } = {}) {
  await saveCourierService(staffId, {
    code,
    courierCode,
    courierName: courierCode.toUpperCase(),
    trackingUrl: null,
    nameId: `${code} id`,
    nameEn: `${code} en`,
    volumetricDivisor: 6000,
    minWeightGrams: 1000,
    roundingToleranceGrams: o.tolerance ?? 0,
    ownDelivery: !!o.own,
    active: true,
  });
}

/** A producer in `regency` selling one variant of `grams` (and a packed size when given). */
async function seller(regency: string, grams: number, priceIdr: number, size?: [number, number, number]) {
  const { product, producer } = await createProduct({
    nameId: "Barang",
    nameEn: "Goods",
    regencyCode: regency,
    priceIdr,
  });
  await db.product.update({ where: { id: product.id }, data: { weightGrams: grams } });
  const variant = await db.variant.findFirstOrThrow({ where: { productId: product.id } });
  await db.variant.update({
    where: { id: variant.id },
    data: { stock: 20, ...(size ? { lengthCm: size[0], widthCm: size[1], heightCm: size[2] } : {}) },
  });
  return { producer, variant };
}

beforeAll(async () => {
  staffId = (await createUser({ roles: ["STAFF"] })).id;
  await service("JNE-REG", "jne", { tolerance: 300 });
  await service("JNT-EZ", "jnt");
  await service("OWN-LOCAL", "own", { own: true });
});

describe("rate cards", () => {
  it("imports a CSV, names every refused row and why, and exports what it saved", async () => {
    const report = await importRateCards(
      staffId,
      [
        header,
        ...CARDS,
        "XXX-REG,62.02,P:63,30000,2,4",
        "JNE-REG,99.99,P:63,30000,2,4",
        "JNE-REG,62.02,P:99,30000,2,4",
        "JNE-REG,62.02,P:31,12.5,2,4",
        "JNE-REG,62.02,P:32,30000,5,2",
        "OWN-LOCAL,63.71,P:63,6000,0,1",
      ].join("\n"),
    );
    expect(report.saved).toBe(6);
    expect(report.refused).toBe(6);
    expect(report.rows.filter((r) => r.status === "refused").map((r) => [r.row, r.errors])).toEqual([
      [8, ["workErrors.rateService"]],
      [9, ["workErrors.rateOrigin"]],
      [10, ["workErrors.rateDestination"]],
      [11, ["workErrors.rateAmount"]],
      [12, ["workErrors.rateEta"]],
      [13, ["workErrors.rateOwnDelivery"]],
    ]);
    expect(await db.shippingRateCard.count()).toBe(6);
    const csv = await rateCardsCsv();
    expect(csv.trim().split("\n")).toEqual([header, ...[...CARDS].sort()]);
    expect(await db.auditLog.count({ where: { action: "shipping-rates.imported", actorId: staffId } })).toBe(1);

    // a row for a card that exists replaces its rate; nothing is duplicated
    const again = await importRateCards(staffId, `${header}\nJNE-REG,62.02,P:63,31000,2,4\n`);
    expect(again).toMatchObject({ saved: 1, refused: 0 });
    expect(await db.shippingRateCard.count()).toBe(6);
    const card = await db.shippingRateCard.findFirstOrThrow({
      where: { originRegencyCode: "62.02", destination: "P:63", service: { code: "JNE-REG" } },
    });
    expect(card.perKgAmount).toBe(3_100_000n);
    await importRateCards(staffId, `${header}\nJNE-REG,62.02,P:63,30000,2,4\n`);
  });

  it("refuses a file with the wrong columns and changes nothing", async () => {
    const before = await rateCardsCsv();
    await expect(importRateCards(staffId, "service,origin,price\nJNE-REG,62.02,1\n")).rejects.toMatchObject({
      key: "workErrors.importColumns",
    });
    expect(await rateCardsCsv()).toBe(before);
  });

  it("fifty imports of the same cards at once leave one card each", async () => {
    const content = [header, ...CARDS].join("\n");
    const reports = await Promise.all(Array.from({ length: 50 }, () => importRateCards(staffId, content)));
    expect(reports.every((r) => r.saved === 6 && r.refused === 0)).toBe(true);
    expect(await db.shippingRateCard.count()).toBe(6);
  });
});

describe("parcels at checkout", () => {
  it("prices each producer's parcel from its origin, the most specific destination first, own delivery only next door", async () => {
    const a = await seller("62.02", 900, 100_000); // Sampit, Kalteng: 2 × 900 g
    const b = await seller("63.71", 500, 80_000, [40, 30, 20]); // Banjarmasin: a bulky basket, 4 kg by volume
    const cart = await cartWith([
      { variantId: a.variant.id, quantity: 2 },
      { variantId: b.variant.id, quantity: 1 },
    ]);
    const banjarmasin = checkoutInput({ province: "63", regencyCode: "63.71" });
    const q = await checkoutQuote(cart, "id", banjarmasin);
    const pa = q.parcels.find((p) => p.producerId === a.producer.id)!;
    const pb = q.parcels.find((p) => p.producerId === b.producer.id)!;
    // JNE: 1.8 kg → 2 kg to Banjarmasin's own card (Rp27.000/kg) beats the province's; J&T to the province
    expect(pa.options.map((o) => [o.code, o.weighed.chargedKg, o.amount])).toEqual([
      ["JNE-REG", 2, 5_400_000n],
      ["JNT-EZ", 2, 5_800_000n],
    ]);
    // the basket: 24,000 cm³ ÷ 6000 = 4 kg; the producer's own delivery serves its own city
    expect(pb.options.map((o) => [o.code, o.weighed.chargedKg, o.amount])).toEqual([
      ["OWN-LOCAL", 4, 2_400_000n],
      ["JNE-REG", 4, 3_600_000n],
    ]);
    expect(pb.options[0].weighed).toEqual({ actualGrams: 500, volumetricGrams: 4000, chargedKg: 4 });
    expect(q.shipping).toBe(5_400_000n + 2_400_000n);

    // elsewhere in Kalsel: only the province's cards apply, and no own delivery
    const elsewhere = await checkoutQuote(cart, "id", checkoutInput({ province: "63", regencyCode: "63.03" }));
    const ea = elsewhere.parcels.find((p) => p.producerId === a.producer.id)!;
    const eb = elsewhere.parcels.find((p) => p.producerId === b.producer.id)!;
    expect(ea.options.map((o) => [o.code, o.amount])).toEqual([
      ["JNT-EZ", 5_800_000n],
      ["JNE-REG", 6_000_000n],
    ]);
    expect(eb.options.map((o) => o.code)).toEqual(["JNE-REG"]);

    // the buyer picks JNE for the first parcel; the order keeps each parcel as reviewed
    const input = { ...banjarmasin, ship: { [a.producer.id]: "JNE-REG", [b.producer.id]: "JNE-REG" } };
    const reviewed = await checkoutQuote(cart, "id", input);
    expect(reviewed.shipping).toBe(5_400_000n + 3_600_000n);
    const placed = await placeOrder(cart, null, "id", input, {
      checkoutKey: newCheckoutKey(),
      reviewDigest: reviewed.digest,
    });
    const order = await db.order.findUniqueOrThrow({
      where: { id: placed.id },
      include: { parcels: { include: { service: true } } },
    });
    expect(order.shippingAmount).toBe(9_000_000n);
    expect(order.totalAmount).toBe(2n * 10_000_000n + 8_000_000n + 9_000_000n);
    expect(
      order.parcels
        .map((p) => [
          p.producerId,
          p.service.code,
          p.chargedKg,
          p.volumetricGrams,
          p.amount,
          p.etaMinDays,
          p.etaMaxDays,
        ])
        .sort(),
    ).toEqual(
      [
        [a.producer.id, "JNE-REG", 2, 0, 5_400_000n, 2, 3],
        [b.producer.id, "JNE-REG", 4, 4000, 3_600_000n, 1, 1],
      ].sort(),
    );
  });

  it("ships free above the producer's threshold, and says what the courier would have charged", async () => {
    const b = await seller("63.71", 500, 200_000);
    await db.producer.update({ where: { id: b.producer.id }, data: { freeShippingMinAmount: 30_000_000n } });
    const below = await checkoutQuote(
      await cartWith([{ variantId: b.variant.id, quantity: 1 }]),
      "id",
      checkoutInput(),
    );
    expect(below.parcels[0].chosen).toMatchObject({ free: false, amount: 600_000n });
    const cart = await cartWith([{ variantId: b.variant.id, quantity: 2 }]);
    const q = await checkoutQuote(cart, "id", checkoutInput());
    expect(q.parcels[0].chosen).toMatchObject({ code: "OWN-LOCAL", free: true, amount: 0n, rateAmount: 600_000n });
    expect(q.shipping).toBe(0n);
    expect(q.total).toBe(40_000_000n);
  });

  it("the producer sets its threshold in its profile: empty turns it off, an absent field (the registry CSV) leaves it", () => {
    const base = {
      legalName: "UMKM Uji",
      nib: "1234567890123",
      scale: "MIKRO",
      regencyCode: "63.71",
      address: "Jl. 1",
      storyId: "Cerita",
      contactName: "Ina",
      contactPhone: "+62 811 1234 5678",
      contactEmail: "ina@example.test",
    };
    const parse = (extra: Record<string, unknown>) => producerProfileSchema.safeParse({ ...base, ...extra });
    expect(parse({ freeShippingMin: "300.000" }).data).toMatchObject({ freeShippingMinAmount: 30_000_000n });
    expect(parse({ freeShippingMin: "" }).data).toMatchObject({ freeShippingMinAmount: null });
    expect(parse({}).data).not.toHaveProperty("freeShippingMinAmount");
    expect(parse({ freeShippingMin: "0" }).error?.issues[0].message).toBe("errors.money");
    expect(parse({ freeShippingMin: "tiga ratus" }).error?.issues[0].message).toBe("errors.money");
  });

  it("the reviewed total binds: a rate changed since the review sends the buyer back", async () => {
    const a = await seller("62.02", 900, 100_000);
    const cart = await cartWith([{ variantId: a.variant.id, quantity: 1 }]);
    const input = checkoutInput({ province: "63", regencyCode: "63.71" });
    const q = await checkoutQuote(cart, "id", input);
    await importRateCards(staffId, `${header}\nJNE-REG,62.02,R:63.71,28000,2,3\n`);
    const orders = await db.order.count();
    await expect(
      placeOrder(cart, null, "id", input, { checkoutKey: newCheckoutKey(), reviewDigest: q.digest }),
    ).rejects.toMatchObject({ reason: "changed" });
    expect(await db.order.count()).toBe(orders);
    await importRateCards(staffId, `${header}\nJNE-REG,62.02,R:63.71,27000,2,3\n`);
  });

  it("a destination no service reaches is shown per parcel and refused, and nothing is written", async () => {
    const a = await seller("62.02", 900, 100_000);
    const cart = await cartWith([{ variantId: a.variant.id, quantity: 1 }]);
    const aceh = checkoutInput({ province: "11", regencyCode: "", postcode: "23111" });
    const q = await checkoutQuote(cart, "id", aceh);
    expect(q.unserved.map((p) => p.producerId)).toEqual([a.producer.id]);
    expect(q.parcels[0].options).toEqual([]);
    const before = {
      orders: await db.order.count(),
      stock: (await db.variant.findUniqueOrThrow({ where: { id: a.variant.id } })).stock,
    };
    const err = await placeOrder(cart, null, "id", aceh, {
      checkoutKey: newCheckoutKey(),
      reviewDigest: q.digest,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CheckoutRefused);
    expect(err).toMatchObject({ reason: "shipping-unavailable", skus: [a.producer.legalName] });
    expect(await db.order.count()).toBe(before.orders);
    expect((await db.variant.findUniqueOrThrow({ where: { id: a.variant.id } })).stock).toBe(before.stock);
  });
});
