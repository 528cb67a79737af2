/** Vouchers: what other areas may use (checkout prices and claims a code; cancellation gives a use back). */
export {
  priceVoucher,
  redeemVoucher,
  releaseVoucher,
  reclaimVoucher,
  discountLines,
  VoucherRefused,
  type AppliedVoucher,
  type VoucherRefusal,
} from "./vouchers.server";
export { discountRefundShare, paidForUnits } from "./discount";
