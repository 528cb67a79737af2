/** parcel_completion (every 5 minutes, once across all workers): shipped parcels whose days ran out complete by themselves, and their sale credit becomes payable. */
import type { Task } from "graphile-worker";
import { completeDueParcels } from "~/domain/orders/completion.server";

const BATCH = 200;

export const parcelCompletionTask: Task = async (_payload, helpers) => {
  let total = 0;
  for (;;) {
    const n = await completeDueParcels(new Date(), BATCH);
    total += n;
    if (n < BATCH) break;
  }
  if (total) helpers.logger.info(`${total} parcel(s) completed by the timer; their sale credit is payable`);
};
