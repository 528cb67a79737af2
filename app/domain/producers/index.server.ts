/** The producers area: what other areas may use. */
export { recordNib, registerProducer } from "./producers.server";
export { issueClaimCode } from "./groups.server";
export { laddersOf } from "./ladder.server";
export { producerProfileSchema, type ProducerProfileInput } from "./schemas";
export { producersByPhone } from "./phone-match.server";
