/**
 * The mail adapter. In development and tests ("log") a mail is written to the
 * database (OutboundMail) and one line goes to the log; a production transport
 * plugs in here behind the same `sendMail`.
 */
import { db, type Tx } from "./db.server";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  kind: string;
}

export async function sendMail(mail: Mail, tx: Tx = db) {
  await tx.outboundMail.create({ data: mail });
  if (process.env.NODE_ENV !== "test" && !process.env.VITEST) console.log(`mail: ${mail.kind} → ${mail.to}: ${mail.subject}`);
}
