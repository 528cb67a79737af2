/** What a complaint can be about and what the buyer can ask for (the form, its check and the database enums). */
export const COMPLAINT_REASONS = ["NOT_RECEIVED", "DAMAGED", "WRONG_ITEM", "NOT_AS_DESCRIBED", "OTHER"] as const;
export const COMPLAINT_REQUESTS = ["REFUND", "PARTIAL_REFUND", "RETURN"] as const;
export const MAX_COMPLAINT_PHOTOS = 3;
