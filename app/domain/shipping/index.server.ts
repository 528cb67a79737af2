/** The shipping area: parcels priced from the couriers' rate cards; what other areas may use. */
export { parcelRows, quoteParcels, destinationKeys, type Destination, type QuotedParcel } from "./parcels.server";
export { weighParcel } from "./weight";
export { courierLinks } from "./rate-cards.server";
