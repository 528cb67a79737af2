/** Trading-house fixtures: producers with stock, a member account each. */
import { db } from "~/lib/db.server";
import { buildUpJson, landedCost, type QuoteIncoterm } from "~/domain/trade/landed-cost";
import { sendQuote } from "~/domain/trade/rfq.server";
import type { LotInput } from "~/domain/trade/lots.server";
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

/**
 * A quote sent at a given unit price (the build-up has the producer price only, and the
 * price staff settled on): for tests about what follows a quote, not about pricing it.
 */
export async function sendQuoteAt(
  staffId: string,
  rfqId: string,
  q: {
    unitPriceAmount: bigint;
    currency: string;
    incoterm: QuoteIncoterm;
    validUntil: Date;
    leadTimeDays: number;
    conditions: string | null;
    producerPriceAmount: bigint;
    idrPerUnit?: string;
  },
) {
  const rfq = await db.quoteRequest.findUniqueOrThrow({ where: { id: rfqId } });
  const zero = 0n;
  const inputs = {
    incoterm: q.incoterm,
    quantity: rfq.quantity,
    producerPrice: q.producerPriceAmount,
    consolidationPerUnit: zero,
    packagingPerUnit: zero,
    inlandFreight: zero,
    portCharges: zero,
    mainFreight: zero,
    destinationDelivery: zero,
    insuranceBps: 0,
    marginBps: 0,
    rate: { currency: q.currency, idrPerUnit: q.idrPerUnit ?? "16000", rateDate: "2026-12-01" },
  };
  const cost = { ...landedCost(inputs), unitPrice: q.unitPriceAmount };
  return sendQuote(staffId, rfqId, q, {
    cost,
    buildUp: buildUpJson(cost, inputs, { pickupRegency: "63.71", port: "trisakti" }),
  });
}

/** A lot's fields for `createLot`, with what a test cares about overridden. */
export function lotInput(o: Partial<LotInput> = {}): LotInput {
  return {
    productId: null,
    categoryId: null,
    grade: null,
    packaging: null,
    targetQuantity: 100,
    unit: "pcs",
    destinationCountry: "SG",
    destinationPort: null,
    incoterm: "FOB",
    unitPriceAmount: 1500n,
    currency: "USD",
    producerPriceAmount: 9_000_000n,
    unitsPerPackage: 5,
    companyId: null,
    wantedBy: null,
    ...o,
  };
}
