/**
 * Batch codes and shelf life, the pure rules. A batch code is what GS1 application
 * identifier 10 allows in a Digital Link path: up to 20 letters, digits and - . _ /.
 * Food reaching the warehouse must keep at least the destination's minimum shelf life.
 */
import { wibToday } from "~/lib/wib";

export const BATCH_CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,19}$/;

const DAY_MS = 86_400_000;

export { wibToday };

/** Whole days from today (WIB) to the expiry date. */
export function daysToExpiry(expiresOn: Date, now = new Date()) {
  return Math.floor((expiresOn.getTime() - wibToday(now).getTime()) / DAY_MS);
}

/** Why a batch's expiry is refused at receipt (a locale key and its values), or null. */
export function shelfLifeRefusal(
  expiresOn: Date,
  minDays: number,
  now = new Date(),
): { key: string; params: Record<string, number> } | null {
  const left = daysToExpiry(expiresOn, now);
  if (left < 0) return { key: "batches.refused.expired", params: { days: -left } };
  if (left < minDays) return { key: "batches.refused.shelfLife", params: { days: left, min: minDays } };
  return null;
}
