/**
 * Mail. `sendMail` writes the mail to OutboundMail and adds a send_mail job in the same
 * transaction as the change it reports (an order paid, a lot offer): nothing is mailed
 * about a change that rolled back, and nothing committed goes unmailed. The job delivers
 * it (app/jobs/send-mail.server.ts): with MAIL_URL through nodemailer over SMTP, retried
 * with back-off while the server is unreachable; without it (development) to the log.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { db, type Tx } from "./db.server";
import { appUrl, getEnv } from "./env.server";
import type { AppLocale } from "./i18n";
import { enqueue, PRIORITY } from "~/jobs/queue.server";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  kind: string;
  /** the language the mail is written in (the recipient's); recorded with it */
  locale?: AppLocale;
}

export async function sendMail(mail: Mail, tx?: Tx): Promise<{ id: string }> {
  if (!tx) return db.$transaction((t) => sendMail(mail, t));
  const row = await tx.outboundMail.create({
    data: { to: mail.to, subject: mail.subject, text: mail.text, kind: mail.kind, locale: mail.locale ?? "id" },
  });
  await enqueue(
    tx,
    "send_mail",
    { mailId: row.id },
    { jobKey: `mail:${row.id}`, priority: PRIORITY.mail, maxAttempts: 20 },
  );
  return row;
}

/** The language a mail to this address should be written in: its account's, else `fallback`. */
export async function recipientLocale(tx: Tx, email: string, fallback: AppLocale = "id"): Promise<AppLocale> {
  const user = await tx.user.findUnique({ where: { email: email.toLowerCase() }, select: { locale: true } });
  return (user?.locale as AppLocale | undefined) ?? fallback;
}

/**
 * Where a producer's mail goes: its contact address; a member staff onboarded without one is
 * reached through its koperasi or kelompok (which relays), else through its owner's account.
 */
export async function producerAddress(tx: Tx, producerId: string): Promise<string | null> {
  const p = await tx.producer.findUnique({
    where: { id: producerId },
    select: {
      contactEmail: true,
      group: { select: { contactEmail: true } },
      members: { where: { isOwner: true }, take: 1, select: { user: { select: { email: true } } } },
    },
  });
  return p?.contactEmail ?? p?.members[0]?.user.email ?? p?.group?.contactEmail ?? null;
}

/** A producer's mails: in its contact's language if that address has an account, else its owner's, else Indonesian. */
export async function producerLocale(tx: Tx, producerId: string): Promise<AppLocale> {
  const producer = await tx.producer.findUnique({
    where: { id: producerId },
    select: {
      contactEmail: true,
      members: { where: { isOwner: true }, take: 1, select: { user: { select: { locale: true } } } },
    },
  });
  if (!producer) return "id";
  const fallback = (producer.members[0]?.user.locale as AppLocale | undefined) ?? "id";
  return producer.contactEmail ? recipientLocale(tx, producer.contactEmail, fallback) : fallback;
}

let transport: { url: string; transporter: Transporter } | undefined;

function transporter(url: string) {
  if (transport?.url !== url) {
    transport?.transporter.close();
    // fail within seconds when the server is unreachable: the job retries later
    transport = {
      url,
      transporter: nodemailer.createTransport({
        url,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      }),
    };
  }
  return transport.transporter;
}

export function mailFrom() {
  return getEnv().MAIL_FROM ?? `Anjung <noreply@${new URL(appUrl()).hostname}>`;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The HTML part: the same words as the text part, paragraphs kept and links made clickable. */
export function mailHtml(text: string, locale: string) {
  const body = text
    .split(/\n{2,}/)
    .map(
      (p) =>
        `<p>${escapeHtml(p)
          .replace(/https?:\/\/[^\s<]+/g, (u) => `<a href="${u}">${u}</a>`)
          .replace(/\n/g, "<br>")}</p>`,
    )
    .join("\n");
  return `<!doctype html><html lang="${locale}"><meta charset="utf-8"><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:36rem">${body}</body></html>`;
}

export class MailBusy extends Error {}

/**
 * Delivers one stored mail (the send_mail job). A mail already SENT or LOGGED is not sent
 * again, and two runs for one mail never both send: the run holds the mail's advisory lock
 * from the status check to the status update (the other run gives up and retries later, when
 * it finds the mail sent). The Message-ID is derived from the row, so if a worker dies between
 * the server's acceptance and our bookkeeping, the retry carries the same Message-ID.
 */
export async function deliverMail(mailId: string) {
  const url = getEnv().MAIL_URL;
  try {
    return await db.$transaction(
      async (tx) => {
        const [{ locked }] = await tx.$queryRaw<
          Array<{ locked: boolean }>
        >`SELECT pg_try_advisory_xact_lock(hashtext('mail:' || ${mailId})) AS locked`;
        if (!locked) throw new MailBusy(`mail ${mailId} is being sent by another run`);
        const mail = await tx.outboundMail.findUnique({ where: { id: mailId } });
        if (!mail || mail.status !== "QUEUED") return "skipped" as const;
        if (!url) {
          await tx.outboundMail.update({
            where: { id: mailId },
            data: { status: "LOGGED", sentAt: new Date(), attempts: { increment: 1 } },
          });
          if (process.env.NODE_ENV !== "test" && !process.env.VITEST)
            console.log(`mail: ${mail.kind} → ${mail.to}: ${mail.subject}`);
          return "logged" as const;
        }
        const messageId = `<${mail.id}@${new URL(appUrl()).hostname}>`;
        await transporter(url).sendMail({
          from: mailFrom(),
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mailHtml(mail.text, mail.locale),
          messageId,
          headers: { "Content-Language": mail.locale, "X-Anjung-Kind": mail.kind },
        });
        await tx.outboundMail.update({
          where: { id: mailId },
          data: { status: "SENT", sentAt: new Date(), messageId, lastError: null, attempts: { increment: 1 } },
        });
        return "sent" as const;
      },
      { timeout: 90_000, maxWait: 10_000 },
    );
  } catch (err) {
    if (!(err instanceof MailBusy)) {
      await db.outboundMail.updateMany({
        where: { id: mailId, status: "QUEUED" },
        data: { attempts: { increment: 1 }, lastError: err instanceof Error ? err.message.slice(0, 500) : String(err) },
      });
    }
    throw err;
  }
}
