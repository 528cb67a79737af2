/** The producers' ledger: what other areas may use. */
export { creditFulfilment, debitRefund, parcelMoney } from "./ledger.server";
