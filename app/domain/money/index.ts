/** The money area: what other areas may use. See money.ts for the rules. */
export * from "./money";
