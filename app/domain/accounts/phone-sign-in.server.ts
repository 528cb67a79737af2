/**
 * Signing up and in with a phone number: a six-digit code goes to the number by WhatsApp
 * (gateways/whatsapp.server.ts); typing it back proves the number. The same two steps sign a
 * known number in and make an account for a new one (its name asked with the code), so the
 * answer never says whether a number has an account.
 *
 * Abuse limits: codes are asked at most 3 times in 15 minutes and 6 times an hour per number
 * and 10 times an hour per client; a code lives 5 minutes, only the newest one counts, it is
 * used once (a conditional update: of several tries at once one wins), five wrong tries lock
 * it, and tries are throttled per client too. Only a digest of number and code is stored, and
 * it is compared in constant time.
 */
import crypto from "node:crypto";
import { db } from "~/lib/db.server";
import { hit } from "~/lib/rate-limit.server";
import { hashToken, sameDigest } from "~/lib/tokens.server";
import type { AppLocale } from "~/lib/i18n";
import { CodeNotSent, codeChannel, sendSignInCode } from "../gateways/index.server";

export const CODE_TTL_MS = 5 * 60_000;
export const CODE_MAX_ATTEMPTS = 5;
export const CODES_PER_NUMBER_15_MIN = 3;
export const CODES_PER_NUMBER_HOUR = 6;
export const CODES_PER_CLIENT_HOUR = 10;
export const CHECKS_PER_CLIENT_HOUR = 30;

export class PhoneSignInRefused extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(key);
  }
}

/** Whether phone sign-in is offered (WhatsApp configured, or codes written to the log in development/demo). */
export function phoneSignInEnabled() {
  return codeChannel() !== null;
}

const digestOf = (phone: string, code: string) => hashToken(`${phone}:${code}`);

async function throttle(keys: Array<[string, number, number]>) {
  const decisions = await Promise.all(keys.map(([key, limit, seconds]) => hit(key, limit, seconds)));
  const refused = decisions.filter((d) => !d.allowed);
  if (refused.length > 0)
    throw new PhoneSignInRefused("phone.refused.tooMany", {
      minutes: Math.max(1, Math.ceil(Math.max(...refused.map((d) => d.retryAfterSeconds)) / 60)),
    });
}

/** Sends a new code to the number (older unused codes stop working). */
export async function requestSignInCode(phone: string, locale: AppLocale, clientKey: string) {
  if (!phoneSignInEnabled()) throw new PhoneSignInRefused("phone.refused.unavailable");
  await throttle([
    [`otp:send:number:${phone}`, CODES_PER_NUMBER_15_MIN, 900],
    [`otp:send:number-hour:${phone}`, CODES_PER_NUMBER_HOUR, 3600],
    [`otp:send:client:${clientKey}`, CODES_PER_CLIENT_HOUR, 3600],
  ]);
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, "0");
  const row = await db.$transaction(async (tx) => {
    await tx.phoneCode.updateMany({ where: { phone, usedAt: null }, data: { usedAt: new Date() } });
    return tx.phoneCode.create({
      data: { phone, codeHash: digestOf(phone, code), expiresAt: new Date(Date.now() + CODE_TTL_MS) },
    });
  });
  try {
    const messageId = await sendSignInCode(phone, code, locale);
    await db.phoneCode.update({ where: { id: row.id }, data: { messageId } });
  } catch (err) {
    if (!(err instanceof CodeNotSent)) throw err;
    // a code that never left cannot be typed: drop it, and say so
    await db.phoneCode.delete({ where: { id: row.id } });
    throw new PhoneSignInRefused(err.code === 131026 ? "phone.refused.notWhatsApp" : "phone.refused.notSent");
  }
}

/**
 * Checks a code typed for a number. Right: the code is used, and the account with that
 * number is signed in, or made (with `name`, which a new number needs). Wrong: the try counts.
 */
export async function verifySignInCode(input: {
  phone: string;
  code: string;
  name?: string;
  locale: AppLocale;
  clientKey: string;
}): Promise<{ userId: string; created: boolean }> {
  await throttle([[`otp:check:client:${input.clientKey}`, CHECKS_PER_CLIENT_HOUR, 3600]]);
  const outcome = await db.$transaction(async (tx) => {
    const now = new Date();
    const latest = await tx.phoneCode.findFirst({
      where: { phone: input.phone, usedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
    });
    if (!latest) return "phone.refused.invalid";
    if (latest.attempts >= CODE_MAX_ATTEMPTS) return "phone.refused.locked";
    if (!sameDigest(digestOf(input.phone, input.code), latest.codeHash)) {
      // counted in this transaction, which commits: the refusal is returned, not thrown
      await tx.phoneCode.updateMany({
        where: { id: latest.id, attempts: { lt: CODE_MAX_ATTEMPTS } },
        data: { attempts: { increment: 1 } },
      });
      return latest.attempts + 1 >= CODE_MAX_ATTEMPTS ? "phone.refused.locked" : "phone.refused.invalid";
    }
    const account = await tx.user.findUnique({ where: { phone: input.phone }, select: { id: true } });
    // a new number needs a name first; the code stays good for the retry
    if (!account && !input.name) return "phone.refused.nameNeeded";
    const used = await tx.phoneCode.updateMany({
      where: { id: latest.id, usedAt: null, attempts: { lt: CODE_MAX_ATTEMPTS } },
      data: { usedAt: now },
    });
    if (used.count === 0) return "phone.refused.invalid";
    if (account) return { userId: account.id, created: false };
    const user = await tx.user.create({
      data: { phone: input.phone, name: input.name!, locale: input.locale, roles: ["BUYER"] },
      select: { id: true },
    });
    return { userId: user.id, created: true };
  });
  if (typeof outcome === "string") throw new PhoneSignInRefused(outcome, { attempts: CODE_MAX_ATTEMPTS });
  return outcome;
}
