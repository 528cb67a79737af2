/** Search options shared by the server and the search page (no server-only code here). */
export const SORTS = ["relevance", "price_asc", "price_desc", "newest", "rating"] as const;
export const CERT_FILTERS = ["HALAL", "BPOM_MD", "BPOM_ML", "PIRT", "SNI"] as const;
/** Highlight markers Meilisearch puts around matches; the page turns them into <mark> safely. */
export const HL_PRE = "\uE000";
export const HL_POST = "\uE001";
