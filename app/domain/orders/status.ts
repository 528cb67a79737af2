/** What an order's status allows, in one place (server and pages). */
export const UNPAID_STATUSES = ["PENDING_PAYMENT", "AWAITING_PAYMENT"] as const;
export const REFUNDABLE_STATUSES = ["PAID", "PARTIALLY_SHIPPED", "SHIPPED", "COMPLETED", "PARTIALLY_REFUNDED"] as const;

export function isUnpaid(status: string) {
  return (UNPAID_STATUSES as readonly string[]).includes(status);
}

/** Staff may cancel an order not yet paid, or paid with nothing shipped. */
export function canCancel(order: { status: string; parcels: Array<{ status: string }> }) {
  return (
    (isUnpaid(order.status) || order.status === "PAID") &&
    !order.parcels.some((p) => ["SHIPPED", "DELIVERED", "COMPLETED"].includes(p.status))
  );
}

export function isRefundable(status: string) {
  return (REFUNDABLE_STATUSES as readonly string[]).includes(status);
}
