/** The certification area: what other areas may use. */
export { NIB_RE } from "./schemas";
export { isCertificationValid, validCertificationWhere } from "./valid";
export { checkScan, readScan, removeScan, ScanRefused, storeScan } from "./certificates.server";
