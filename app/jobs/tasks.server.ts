/**
 * Every background task, by name, and the schedule of the periodic ones. Cron entries run
 * once per period however many workers run (graphile-worker records each run in
 * known_crontabs); `fill` re-runs a period missed while no worker was up.
 */
import type { TaskList } from "graphile-worker";
import { certificateExpiryTask } from "./certificate-expiry.server";
import { imageVariantsTask } from "./image-variants.server";
import { ladderSnapshotTask } from "./ladder-snapshot.server";
import { lotOfferDeadlinesTask } from "./lot-offer-deadlines.server";
import { orderHoldsTask } from "./order-holds.server";
import { parcelCompletionTask } from "./parcel-completion.server";
import type { TaskName } from "./queue.server";
import { registryImportTask } from "./registry-import.server";
import { searchIndexTask, searchProducerTask } from "./search-index.server";
import { sendMailTask } from "./send-mail.server";

export const taskList: Record<TaskName, TaskList[string]> = {
  search_index: searchIndexTask,
  search_producer: searchProducerTask,
  image_variants: imageVariantsTask,
  registry_import: registryImportTask,
  send_mail: sendMailTask,
  order_holds: orderHoldsTask,
  parcel_completion: parcelCompletionTask,
  lot_offer_deadlines: lotOfferDeadlinesTask,
  certificate_expiry: certificateExpiryTask,
  ladder_snapshot: ladderSnapshotTask,
};

export const schedules = [
  { task: "order_holds", cron: "* * * * *", fill: "5m" },
  { task: "parcel_completion", cron: "*/5 * * * *", fill: "1h" },
  { task: "lot_offer_deadlines", cron: "* * * * *", fill: "5m" },
  { task: "certificate_expiry", cron: "*/15 * * * *", fill: "1h" },
  { task: "ladder_snapshot", cron: "17 18 * * *", fill: "2d" },
] as const satisfies ReadonlyArray<{ task: TaskName; cron: string; fill: string }>;

export const crontab = schedules.map((s) => `${s.cron} ${s.task} ?fill=${s.fill}&max=3`).join("\n");
