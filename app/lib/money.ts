/** Converting IDR (minor units) to a display currency (minor units), for display only. */
import { minorUnitsPerMajor } from "./format";

export function convertFromIdr(idrMinor: number, rate: { currency: string; idrPerUnit: number }): number {
  const idrMajor = idrMinor / 100;
  const foreignMajor = idrMajor / rate.idrPerUnit;
  return Math.round(foreignMajor * minorUnitsPerMajor(rate.currency));
}

/** "150.000" / "150,000" / "150000" rupiah typed by a person → minor units (15000000). */
export function rupiahToMinor(typed: string): number {
  return Number(typed.replace(/[.,\s]/g, "")) * 100;
}
