/** certificate_expiry (every 15 minutes, once across all workers): expired certificates lose their badge; producers are reminded 30 days ahead, once. */
import type { Task } from "graphile-worker";
import { expireCertificates, sendExpiryReminders } from "~/domain/certification/certificates.server";

export const certificateExpiryTask: Task = async (_payload, helpers) => {
  const expired = await expireCertificates();
  const reminded = await sendExpiryReminders();
  if (expired || reminded) helpers.logger.info(`${expired} certificate(s) expired, ${reminded} reminder(s) sent`);
};
