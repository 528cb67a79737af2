/** ladder_snapshot (daily, once across all workers): this month's naik kelas level of every producer, for the impact history. */
import type { Task } from "graphile-worker";
import { snapshotLadders } from "~/domain/producers/ladder-history.server";

export const ladderSnapshotTask: Task = async (_payload, helpers) => {
  const producers = await snapshotLadders();
  helpers.logger.info(`ladder snapshot of ${producers} producer(s)`);
};
