/** The catalogue area: what other areas may use. */
export { listOwnProducts } from "./manage.server";
export { visibleProductWhere } from "./product-card.server";
