/** Payment terms a business buyer can have (client-safe list for forms and labels). */
export const BUYER_TERMS_LIST = ["CASH_IN_ADVANCE", "DEPOSIT_BALANCE", "TEMPO_30", "TEMPO_60", "TEMPO_90"] as const;
export type BuyerTermsKey = (typeof BUYER_TERMS_LIST)[number];

/** The age buckets of the receivables page, by days since the invoice date. */
export const AGE_BUCKETS = ["d0_30", "d31_60", "d61_90", "d90plus"] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];
