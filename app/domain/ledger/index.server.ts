/** The producers' ledger: what other areas may use. */
export { creditFulfilment, debitRefund } from "./ledger.server";
