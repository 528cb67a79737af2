/** order_holds (every minute, once across all workers): unpaid orders whose hold ran out are cancelled and their stock goes back on sale. */
import type { Task } from "graphile-worker";
import { expireUnpaidOrders } from "~/domain/orders/cancellation.server";

const BATCH = 200;

export const orderHoldsTask: Task = async (_payload, helpers) => {
  let total = 0;
  for (;;) {
    const n = await expireUnpaidOrders(new Date(), BATCH);
    total += n;
    if (n < BATCH) break;
  }
  if (total) helpers.logger.info(`${total} unpaid order(s) expired; their stock is back on sale`);
};
