/**
 * Where an order can ship: Indonesian provinces (Kemendagri codes; kabupaten/kota lists for
 * the provinces in our reference data) or a country abroad, ASEAN members first. Country
 * names are rendered with Intl.DisplayNames in the visitor's language.
 */
import { provinces as kalimantanProvinces } from "../regions";

export const INDONESIAN_PROVINCES: ReadonlyArray<{ code: string; name: string }> = [
  { code: "11", name: "Aceh" },
  { code: "12", name: "Sumatera Utara" },
  { code: "13", name: "Sumatera Barat" },
  { code: "14", name: "Riau" },
  { code: "15", name: "Jambi" },
  { code: "16", name: "Sumatera Selatan" },
  { code: "17", name: "Bengkulu" },
  { code: "18", name: "Lampung" },
  { code: "19", name: "Kepulauan Bangka Belitung" },
  { code: "21", name: "Kepulauan Riau" },
  { code: "31", name: "DKI Jakarta" },
  { code: "32", name: "Jawa Barat" },
  { code: "33", name: "Jawa Tengah" },
  { code: "34", name: "DI Yogyakarta" },
  { code: "35", name: "Jawa Timur" },
  { code: "36", name: "Banten" },
  { code: "51", name: "Bali" },
  { code: "52", name: "Nusa Tenggara Barat" },
  { code: "53", name: "Nusa Tenggara Timur" },
  { code: "61", name: "Kalimantan Barat" },
  { code: "62", name: "Kalimantan Tengah" },
  { code: "63", name: "Kalimantan Selatan" },
  { code: "64", name: "Kalimantan Timur" },
  { code: "65", name: "Kalimantan Utara" },
  { code: "71", name: "Sulawesi Utara" },
  { code: "72", name: "Sulawesi Tengah" },
  { code: "73", name: "Sulawesi Selatan" },
  { code: "74", name: "Sulawesi Tenggara" },
  { code: "75", name: "Gorontalo" },
  { code: "76", name: "Sulawesi Barat" },
  { code: "81", name: "Maluku" },
  { code: "82", name: "Maluku Utara" },
  { code: "91", name: "Papua" },
  { code: "92", name: "Papua Barat" },
  { code: "93", name: "Papua Selatan" },
  { code: "94", name: "Papua Tengah" },
  { code: "95", name: "Papua Pegunungan" },
  { code: "96", name: "Papua Barat Daya" },
];

/** ASEAN members first (Indonesia at the top), then the other usual destinations. */
export const ASEAN_COUNTRIES = ["ID", "BN", "KH", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN"] as const;
export const OTHER_COUNTRIES = [
  "AU",
  "CN",
  "HK",
  "TW",
  "JP",
  "KR",
  "IN",
  "AE",
  "SA",
  "NL",
  "DE",
  "GB",
  "US",
  "CA",
  "NZ",
] as const;
export const SHIPPING_COUNTRIES: readonly string[] = [...ASEAN_COUNTRIES, ...OTHER_COUNTRIES];

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
