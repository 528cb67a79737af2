/**
 * Accounts: sign up, sign in (rate limited), password reset by emailed token,
 * profile. Passwords are hashed with argon2id.
 */
import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { db, Prisma } from "~/lib/db.server";
import { sendMail } from "~/lib/mail.server";
import { hit } from "~/lib/rate-limit.server";
import { hashToken } from "~/lib/tokens.server";
import { serverT } from "~/lib/i18n.server";
import { localePath, type AppLocale } from "~/lib/i18n";
import { appUrl } from "~/lib/env.server";
import type { Role } from "~/generated/prisma/client";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;
export const RESET_TTL_MS = 60 * 60 * 1000;

// argon2id with OWASP's minimum parameters (19 MiB, 2 passes)
const ARGON = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string) {
  return hash(password, ARGON);
}

export class EmailTakenError extends Error {}

export async function signUp(input: {
  email: string;
  name: string;
  password: string;
  locale: AppLocale;
  producer: boolean;
}) {
  const roles: Role[] = input.producer ? ["BUYER", "PRODUCER"] : ["BUYER"];
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await db.user.create({
      data: { email: input.email, name: input.name, passwordHash, locale: input.locale, roles },
      select: { id: true, email: true, name: true },
    });
    const t = serverT(input.locale);
    await sendMail({
      to: input.email,
      kind: "welcome",
      locale: input.locale,
      subject: t("mail.welcomeSubject"),
      text: t("mail.welcomeBody", { name: user.name }),
    });
    return user;
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw new EmailTakenError();
    throw err;
  }
}

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "bad-credentials" }
  | { ok: false; reason: "rate-limited"; retryAfterMinutes: number };

const LOGIN_EMAIL_LOCK = 42_0101;
const LOGIN_IP_LOCK = 42_0102;

/**
 * Checks a password at most MAX_FAILURES_PER_EMAIL times per address (and
 * MAX_FAILURES_PER_IP per client) in the window, however many attempts arrive at once:
 * each attempt first reserves its place — counted and recorded under advisory locks on the
 * address, then the client, always in that order — and only a reserved attempt is hashed.
 * A reservation counts as a failure until the password proves right.
 */
const LOGIN_TX = { maxWait: 15_000, timeout: 15_000 };

export async function signIn(input: { email: string; password: string; ip: string }): Promise<SignInResult> {
  const since = new Date(Date.now() - LOGIN_WINDOW_MS);
  const reservation = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOGIN_EMAIL_LOCK}, hashtext(${input.email}))`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOGIN_IP_LOCK}, hashtext(${input.ip}))`;
    const byEmail = await tx.loginAttempt.findMany({
      where: { email: input.email, createdAt: { gte: since } },
      select: { createdAt: true },
      orderBy: { createdAt: "asc" },
    });
    const byIp = await tx.loginAttempt.count({ where: { ip: input.ip, createdAt: { gte: since } } });
    if (byEmail.length >= MAX_FAILURES_PER_EMAIL || byIp >= MAX_FAILURES_PER_IP)
      return { oldest: byEmail[0]?.createdAt ?? new Date() };
    await tx.loginAttempt.create({ data: { email: input.email, ip: input.ip } });
    return null;
    // a burst of attempts on one address queues on its lock: wait for a connection rather than fail with a 500
  }, LOGIN_TX);
  if (reservation) {
    const retryAfterMinutes = Math.max(
      1,
      Math.ceil((reservation.oldest.getTime() + LOGIN_WINDOW_MS - Date.now()) / 60000),
    );
    return { ok: false, reason: "rate-limited", retryAfterMinutes };
  }
  const user = await db.user.findUnique({ where: { email: input.email }, select: { id: true, passwordHash: true } });
  // verify against a dummy hash when the user is unknown, so timing does not reveal accounts
  const ok = await verify(user?.passwordHash ?? DUMMY_HASH, input.password).catch(() => false);
  if (!user || !ok) return { ok: false, reason: "bad-credentials" };
  await db.loginAttempt.deleteMany({ where: { email: input.email } });
  return { ok: true, userId: user.id };
}

const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$EJhHsTqb0HxrElFj8F8WKg$AAuZzIKamARBgEyIBEwHdBH16wZM8jXrDALlwlEDxWc";

/** Per hour: reset links asked for one address, and by one client; sign-ups by one client and for one address. */
export const RESET_REQUESTS_PER_EMAIL = 3;
export const RESET_REQUESTS_PER_IP = 10;
export const SIGNUPS_PER_IP = 10;
export const SIGNUPS_PER_EMAIL = 5;

/**
 * Counts a request at one of the account doors, per address and per client (atomic
 * counters in PostgreSQL, so concurrent requests and several app processes count
 * together). Unknown addresses count the same as known ones: the answer reveals nothing.
 */
export async function throttleAccountDoor(door: "reset" | "signup", email: string, ip: string) {
  const [perEmail, perIp] =
    door === "reset" ? [RESET_REQUESTS_PER_EMAIL, RESET_REQUESTS_PER_IP] : [SIGNUPS_PER_EMAIL, SIGNUPS_PER_IP];
  const byEmail = await hit(`${door}:email:${email}`, perEmail, 3600);
  const byIp = await hit(`${door}:ip:${ip}`, perIp, 3600);
  const allowed = byEmail.allowed && byIp.allowed;
  return {
    allowed,
    retryAfterMinutes: Math.max(
      1,
      Math.ceil(
        Math.max(byEmail.allowed ? 0 : byEmail.retryAfterSeconds, byIp.allowed ? 0 : byIp.retryAfterSeconds) / 60,
      ),
    ),
  };
}

/** Sends a reset link when the email is known; says nothing either way (no account probing). A new link ends the older ones. */
export async function requestPasswordReset(email: string, locale: AppLocale) {
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, name: true, email: true, locale: true },
  });
  if (!user?.email) return;
  const to = user.email;
  const token = crypto.randomBytes(32).toString("base64url");
  const mailLocale = (user.locale as AppLocale) ?? locale;
  const t = serverT(mailLocale);
  const url = `${appUrl()}${localePath("/reset-password", mailLocale)}?token=${token}`;
  // the new link, the end of the older ones and the mail carrying it commit together
  await db.$transaction(async (tx) => {
    await tx.passwordResetToken.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: new Date() } });
    await tx.passwordResetToken.create({
      data: { userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + RESET_TTL_MS) },
    });
    await sendMail(
      {
        to,
        kind: "password-reset",
        locale: mailLocale,
        subject: t("mail.resetSubject"),
        text: t("mail.resetBody", { name: user.name, url }),
      },
      tx,
    );
  });
}

export async function resetPassword(token: string, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return db.$transaction(async (tx) => {
    const used = await tx.passwordResetToken.updateMany({
      where: { tokenHash: hashToken(token), usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    });
    if (used.count !== 1) return false;
    const row = await tx.passwordResetToken.findUniqueOrThrow({
      where: { tokenHash: hashToken(token) },
      select: { userId: true },
    });
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: row.userId } });
    const { email } = await tx.user.findUniqueOrThrow({ where: { id: row.userId } });
    if (email) await tx.loginAttempt.deleteMany({ where: { email } });
    return true;
  });
}

export async function isResetTokenUsable(token: string) {
  const row = await db.passwordResetToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { usedAt: true, expiresAt: true },
  });
  return !!row && !row.usedAt && row.expiresAt > new Date();
}

export async function updateProfile(userId: string, input: { name: string; locale: AppLocale }) {
  await db.user.update({ where: { id: userId }, data: { name: input.name, locale: input.locale } });
}

export async function countSessions(userId: string) {
  return db.session.count({ where: { userId, expiresAt: { gt: new Date() } } });
}
