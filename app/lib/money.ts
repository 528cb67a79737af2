/** Converting IDR (minor units) to a display currency (minor units), for display only. */
import { minorUnitsPerMajor } from "./format";

export function convertFromIdr(idrMinor: number, rate: { currency: string; idrPerUnit: number }): number {
  const idrMajor = idrMinor / 100;
  const foreignMajor = idrMajor / rate.idrPerUnit;
  return Math.round(foreignMajor * minorUnitsPerMajor(rate.currency));
}
