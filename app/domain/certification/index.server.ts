/** The certification area: what other areas may use. */
export { NIB_RE } from "./schemas";
export { isCertificationValid, validCertificationWhere } from "./valid";
