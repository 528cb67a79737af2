/** Payment terms a business buyer can have (client-safe list for forms and labels). */
export const BUYER_TERMS_LIST = ["CASH_IN_ADVANCE", "DEPOSIT_BALANCE", "TEMPO_30", "TEMPO_60", "TEMPO_90"] as const;
export type BuyerTermsKey = (typeof BUYER_TERMS_LIST)[number];
