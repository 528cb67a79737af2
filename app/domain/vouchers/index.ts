/** The vouchers area's client-safe part: the staff form, the code field and the discount arithmetic. */
export * from "./schemas";
export { voucherDiscount, discountRefundShare, paidForUnits, type VoucherTerms } from "./discount";
