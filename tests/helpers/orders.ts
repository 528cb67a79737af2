/** Carts, shipping rates and orders for the checkout tests. */
import { db } from "~/lib/db.server";
import type { CheckoutInput } from "~/domain/orders/checkout-schema";
import { checkoutQuote, newCheckoutKey, placeOrder } from "~/domain/orders/checkout.server";
import { completeDueParcels } from "~/domain/orders/completion.server";
import { createProduct } from "./fixtures";
import { INDONESIAN_PROVINCES, SHIPPING_COUNTRIES } from "~/domain/orders/address";
import { provinces } from "~/domain/regions";

/**
 * One courier service ("TEST-REG": 1 kg minimum, whole kilos) with `perKg` from every
 * kabupaten/kota in the reference data to every province and every country abroad: a
 * fixture product (100 g) ships for exactly `perKg` per parcel.
 */
export async function shippingRate(code = "TEST-REG", perKg = 2_500_000n) {
  const courier = await db.courier.upsert({
    where: { code: "test" },
    update: {},
    create: { code: "test", name: "Kurir Uji", trackingUrl: "https://track.example.test/?awb={waybill}" },
  });
  const service = await db.courierService.upsert({
    where: { code },
    update: {},
    create: { code, courierId: courier.id, nameId: "Reguler uji", nameEn: "Test regular" },
  });
  const destinations = [
    ...INDONESIAN_PROVINCES.map((p) => `P:${p.code}`),
    ...SHIPPING_COUNTRIES.filter((c) => c !== "ID").map((c) => `C:${c}`),
  ];
  await db.shippingRateCard.createMany({
    data: provinces.flatMap((p) =>
      p.regencies.flatMap((r) =>
        destinations.map((destination) => ({
          serviceId: service.id,
          originRegencyCode: r.code,
          destination,
          perKgAmount: perKg,
          etaMinDays: 2,
          etaMaxDays: 4,
        })),
      ),
    ),
    skipDuplicates: true,
  });
  return service;
}

/** A sellable variant with the price (in rupiah) and stock asked for, from a producer of its own. */
export async function sellable(o: { priceIdr?: number; stock?: number; name?: string; bank?: boolean } = {}) {
  const { product, producer } = await createProduct({
    nameId: o.name ?? "Madu kelulut",
    nameEn: o.name ?? "Kelulut honey",
    priceIdr: o.priceIdr ?? 150_000,
  });
  const variant = await db.variant.findFirstOrThrow({ where: { productId: product.id } });
  await db.variant.update({ where: { id: variant.id }, data: { stock: o.stock ?? 10 } });
  if (o.bank !== false)
    await db.producer.update({
      where: { id: producer.id },
      data: { bankName: "BRI", bankAccountNo: "0123456789", bankAccountName: producer.legalName },
    });
  return { product, producer, variant };
}

export async function cartWith(lines: Array<{ variantId: string; quantity: number }>, userId: string | null = null) {
  const cart = await db.cart.create({ data: { userId, items: { create: lines } } });
  return cart.id;
}

export function checkoutInput(over: Partial<CheckoutInput> = {}): CheckoutInput {
  return {
    intent: "place",
    email: "pembeli@example.test",
    name: "Siti Rahmah",
    phone: "+62 812 3456 7890",
    country: "ID",
    province: "63",
    regencyCode: "63.71",
    city: "Banjarmasin",
    address: "Jl. Lambung Mangkurat 12",
    postcode: "70111",
    ship: {},
    voucher: "",
    vaBank: "",
    paymentMethod: "BANK_TRANSFER",
    reviewDigest: "",
    ...over,
  };
}

/** Reviews the cart as the checkout page does, then places the order with the review's key and digest. */
export async function placeReviewed(
  cartId: string,
  userId: string | null,
  input: CheckoutInput,
  checkoutKey = newCheckoutKey(),
) {
  const q = await checkoutQuote(cartId, "id", input, userId);
  return placeOrder(cartId, userId, "id", input, { checkoutKey, reviewDigest: q.digest });
}

export async function orderFor(
  lines: Array<{ variantId: string; quantity: number }>,
  over: Partial<CheckoutInput> = {},
  userId: string | null = null,
) {
  await shippingRate();
  const placed = await placeReviewed(await cartWith(lines, userId), userId, checkoutInput(over));
  return db.order.findUniqueOrThrow({ where: { id: placed.id }, include: { lines: true } });
}

/** Ships every open parcel of a paid order and lets the timer complete it (its sale becomes payable). */
export async function completeParcels(orderId: string) {
  await db.fulfilment.updateMany({
    where: { orderId, status: { in: ["PENDING", "PACKED"] } },
    data: { status: "SHIPPED", shippedAt: new Date(), autoCompleteAt: new Date(Date.now() - 1000) },
  });
  return completeDueParcels(new Date());
}
