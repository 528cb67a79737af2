/** Events and intake: what other areas may use. */
export { eventOutcomes, eventList } from "./events.server";
