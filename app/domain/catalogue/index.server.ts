/** The catalogue area: what other areas may use. */
export { createRegistryProduct, listOwnProducts, updateRegistryProduct, type RegistryProduct } from "./manage.server";
export { visibleProductWhere } from "./product-card.server";
export { storedGtinForms, toGtin14 } from "./gtin";
