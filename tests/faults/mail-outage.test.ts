/**
 * The mail server is down for a full minute while a worker process sends: every mail is
 * kept, retried with back-off, and arrives exactly once after the server is back.
 */
import { afterAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { requestPasswordReset } from "~/domain/accounts/accounts.server";
import { MailSink } from "../fakes/smtp";
import { createUser } from "../helpers/fixtures";
import { queuedJobs } from "../helpers/jobs";
import { spawnWorker, waitFor } from "../helpers/processes";

const OUTAGE_MS = Number(process.env.MAIL_OUTAGE_MS ?? 60_000);
const sink = new MailSink();
afterAll(() => sink.stop());

describe("mail server outage", () => {
  it(`every mail arrives once after the SMTP server was down for ${OUTAGE_MS / 1000} s`, async () => {
    await sink.start();
    const url = sink.url;
    await sink.stop(); // down before the first mail is written
    const worker = await spawnWorker("mailer", { MAIL_URL: url });
    try {
      const addresses = Array.from({ length: 12 }, (_, i) => `outage${i}@example.test`);
      for (const email of addresses) await requestPasswordReset((await createUser({ email })).email, "id");
      expect(
        await waitFor(
          async () =>
            (await db.outboundMail.count({ where: { to: { in: addresses }, attempts: { gte: 1 } } })) ===
            addresses.length,
          30_000,
          100,
        ),
      ).toBe(true);
      const down = Date.now();
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      const failedTries = await db.outboundMail.aggregate({
        where: { to: { in: addresses } },
        _sum: { attempts: true },
      });
      expect(await db.outboundMail.count({ where: { to: { in: addresses }, status: "QUEUED" } })).toBe(
        addresses.length,
      );
      await sink.start(sink.port);
      // the next tries come on graphile-worker's back-off (exp(attempt) seconds): within about 90 s of the first failure
      expect(await waitFor(async () => (await queuedJobs("send_mail")).length === 0, 120_000, 500)).toBe(true);
      for (const email of addresses) expect(sink.to(email)).toHaveLength(1);
      expect(await db.outboundMail.count({ where: { to: { in: addresses }, status: "SENT" } })).toBe(addresses.length);
      console.warn(
        `faults: SMTP down ${Math.round(OUTAGE_MS / 1000)} s, ${failedTries._sum.attempts} failed tries meanwhile; all ${addresses.length} mails arrived once, ${Math.round((Date.now() - down) / 1000)} s after the outage began`,
      );
    } finally {
      await worker.stop();
    }
  }, 300_000);
});
