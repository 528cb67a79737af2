/** The producers area: what other areas may use. */
export { producerProfileSchema, type ProducerProfileInput } from "./schemas";
