/**
 * Where an order can ship: Indonesian provinces (Kemendagri codes; kabupaten/kota lists for
 * the provinces in our reference data) or a country abroad, ASEAN members first. Country
 * names are rendered with Intl.DisplayNames in the visitor's language.
 */
import { INDONESIAN_PROVINCES, provinces as kalimantanProvinces } from "../regions";

// where an order can go is reference data, kept with the regions (rate cards use it too)
export { ASEAN_COUNTRIES, INDONESIAN_PROVINCES, OTHER_COUNTRIES, SHIPPING_COUNTRIES } from "../regions";

/** The kabupaten/kota we can name for a province (the two in scope), else none: the buyer types the city. */
export function regenciesOf(provinceCode: string) {
  return kalimantanProvinces.find((p) => p.code === provinceCode)?.regencies ?? [];
}

export function provinceName(code: string | null | undefined) {
  return INDONESIAN_PROVINCES.find((p) => p.code === code)?.name ?? null;
}

export function countryName(code: string, locale: string) {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * A shipping address on one line, as a courier reads it: street, city and postcode, province (its
 * name, not its code), country (its name in the reader's language, not "ID").
 */
export function addressText(
  a: { address: string; city: string; postcode: string | null; province: string | null; country: string },
  locale: string,
): string {
  const region = a.country === "ID" ? (provinceName(a.province) ?? a.province) : a.province;
  return [a.address, [a.city, a.postcode].filter(Boolean).join(" "), region, countryName(a.country, locale)]
    .filter(Boolean)
    .join(", ");
}
