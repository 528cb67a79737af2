/** The orders area: what other areas (payments, trade) may use. */
export { addressText, countryName, SHIPPING_COUNTRIES } from "./address";
export { cancelUnpaidOrder, lockOrder } from "./cancellation.server";
export { fulfilmentMail, orderMail } from "./order-mail.server";
export { executeCardRefunds, recordExternalRefundTx, refundWholeOrderTx } from "./refunds.server";
export { checkSampleQuantity, findCartId, type CartOwner } from "./cart.server";
export { marketSettings } from "./settings.server";
export { canCancel, isRefundable, isUnpaid, UNPAID_STATUSES } from "./status";
export { consumeHold, returnStock, takeStock, takeStockForLines } from "./stock.server";
