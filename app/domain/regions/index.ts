/** Kalimantan's provinces and kabupaten/kota: what other areas may use. */
export * from "./regions";
export * from "./destinations";
