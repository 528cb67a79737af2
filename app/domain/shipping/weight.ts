/**
 * How a courier weighs a parcel: the greater of its actual weight and its volumetric weight
 * (length × width × height in cm ÷ the service's divisor, in kg), never less than the
 * service's minimum, rounded up to whole kilograms — except that a service with a
 * tolerance lets the first grams above a kilo go (JNE charges 1.3 kg as 1 kg, 1.31 kg as 2 kg).
 */
export type ParcelItem = {
  unitGrams: number;
  unitSize: { l: number; w: number; h: number } | null;
  quantity: number;
};
export type WeighingRules = { volumetricDivisor: number; minWeightGrams: number; roundingToleranceGrams: number };
export type Weighed = { actualGrams: number; volumetricGrams: number; chargedKg: number };

export function weighParcel(items: ParcelItem[], rules: WeighingRules): Weighed {
  let actualGrams = 0;
  let cm3 = 0;
  for (const i of items) {
    actualGrams += i.unitGrams * i.quantity;
    if (i.unitSize) cm3 += i.unitSize.l * i.unitSize.w * i.unitSize.h * i.quantity;
  }
  // whole grams, rounded up: a courier never rounds in the sender's favour
  const volumetricGrams = Math.ceil((cm3 * 1000) / rules.volumetricDivisor);
  const grams = Math.max(actualGrams, volumetricGrams, rules.minWeightGrams, 1);
  const whole = Math.floor(grams / 1000);
  const over = grams - whole * 1000;
  const chargedKg = Math.max(1, over === 0 || (whole > 0 && over <= rules.roundingToleranceGrams) ? whole : whole + 1);
  return { actualGrams, volumetricGrams, chargedKg };
}
