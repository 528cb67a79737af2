/** send_mail: delivers one stored mail (see app/lib/mail.server.ts). Retried with back-off while the server is down. */
import type { Task } from "graphile-worker";
import { deliverMail } from "~/lib/mail.server";
import { stringField } from "./payload";

export const sendMailTask: Task = async (payload) => {
  await deliverMail(stringField(payload, "mailId"));
};
