/** Provinces and kabupaten/kota in scope (Kemendagri codes), from shared reference data. */
import data from "./kalimantan-regions.json";

export type Regency = { code: string; name: string; type: "kabupaten" | "kota" };
export type Province = { code: string; name: string; short: string; regencies: Regency[] };

export const provinces: Province[] = data.provinces as Province[];

const byCode = new Map<string, Regency & { provinceCode: string; provinceName: string }>();
for (const p of provinces)
  for (const r of p.regencies) byCode.set(r.code, { ...r, provinceCode: p.code, provinceName: p.name });

export function regency(code: string) {
  return byCode.get(code);
}

export function province(code: string) {
  return provinces.find((p) => p.code === code);
}

/** "Kabupaten Katingan" / "Kota Palangka Raya" */
export function regencyLabel(code: string): string {
  const r = byCode.get(code);
  if (!r) return code;
  return `${r.type === "kota" ? "Kota" : "Kab."} ${r.name}`;
}

export function regencySlug(code: string): string {
  const r = byCode.get(code);
  return r ? r.name.toLowerCase().replace(/[^a-z0-9]+/g, "-") : code;
}

export type RegionOptions = Array<{ name: string; regencies: Array<{ code: string; label: string }> }>;

/** Provinces with their kabupaten/kota labelled, for a select (sent by loaders, so the list is not in the JS). */
export function regionOptions(): RegionOptions {
  return provinces.map((p) => ({
    name: p.name,
    regencies: p.regencies.map((r) => ({ code: r.code, label: `${r.type === "kota" ? "Kota" : "Kab."} ${r.name}` })),
  }));
}
