/** Retail pricing: the wholesale tier for the quantity applies automatically. */
export type Tier = { minQty: number; priceAmount: bigint };

export function unitPrice(basePrice: bigint, tiers: Tier[], quantity: number): bigint {
  let price = basePrice;
  let best = 0;
  for (const t of tiers)
    if (quantity >= t.minQty && t.minQty > best) {
      best = t.minQty;
      price = t.priceAmount;
    }
  return price;
}
