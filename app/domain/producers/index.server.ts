/** The producers area: what other areas may use. */
export { registerProducer } from "./producers.server";
export { producerProfileSchema, type ProducerProfileInput } from "./schemas";
