/**
 * Koperasi and kelompok usaha: a group sells for its member producers. Staff mark a producer
 * as a group and onboard its members, who often have a phone but no email and no account:
 * each member is a producer record of its own (with its NIB, kabupaten and scale, so the
 * allocator can treat it fairly and its ledger is its own), and the person behind it claims
 * it later with a one-time code staff hand over.
 *
 * A claim code is eight characters from an alphabet without look-alikes (40 bits). Only its
 * sha256 is stored; it expires after 30 days; five wrong tries lock it until staff issue a
 * new one; tries are also limited per client and per NIB; the comparison is constant-time.
 */
import crypto from "node:crypto";
import { db, Prisma, type Tx } from "~/lib/db.server";
import { hit } from "~/lib/rate-limit.server";
import { hashToken, sameDigest } from "~/lib/tokens.server";
import { audit, snapshot } from "../audit.server";
import { normalizePhone } from "~/lib/phone";
import { producersByPhone } from "./phone-match.server";
import { NibTakenError, registerProducer } from "./producers.server";
import type { MemberInput } from "./schemas";

export class GroupRefused extends Error {
  constructor(
    readonly key: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(key);
  }
}

export const CLAIM_TTL_DAYS = 30;
export const CLAIM_MAX_ATTEMPTS = 5;
/** tries per client (IP) and per NIB in an hour, right or wrong */
export const CLAIM_TRIES_PER_HOUR = 10;
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function newClaimCode(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4).join("")}`;
}

/** What a person types, in any case and with or without the dash or spaces. */
export function normalizeClaimCode(input: string): string {
  const s = input.toUpperCase().replace(/[^A-Z0-9]/g, "");
  return s.length === 8 ? `${s.slice(0, 4)}-${s.slice(4)}` : s;
}

/** Staff mark a producer as a koperasi or kelompok usaha (or back), audited. */
export async function setProducerKind(
  staffId: string,
  producerId: string,
  kind: "INDIVIDUAL" | "COOPERATIVE" | "GROUP",
) {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Producer" WHERE "id" = ${producerId} FOR UPDATE`;
    const before = await tx.producer.findUnique({
      where: { id: producerId },
      include: { _count: { select: { groupMembers: true } } },
    });
    if (!before) return null;
    if (kind !== "INDIVIDUAL" && before.groupId) throw new GroupRefused("groups.refused.memberOfGroup");
    if (kind === "INDIVIDUAL" && before._count.groupMembers > 0) throw new GroupRefused("groups.refused.hasMembers");
    const after = await tx.producer.update({ where: { id: producerId }, data: { kind } });
    await audit(tx, {
      actorId: staffId,
      action: "producer.kind",
      entityType: "Producer",
      entityId: producerId,
      before: { kind: before.kind },
      after: { kind },
    });
    return after;
  });
}

/** A new one-time claim code for a producer nobody runs yet (the old one stops working); shown once. */
export async function issueClaimCode(tx: Tx, staffId: string, producerId: string) {
  const code = newClaimCode();
  const data = {
    codeHash: hashToken(code),
    expiresAt: new Date(Date.now() + CLAIM_TTL_DAYS * 86_400_000),
    failedAttempts: 0,
    createdById: staffId,
    createdAt: new Date(),
    claimedAt: null,
    claimedById: null,
  };
  await tx.producerClaim.upsert({ where: { producerId }, create: { producerId, ...data }, update: data });
  return code;
}

/**
 * Staff onboard a member of a group: a producer record of its own (PENDING until its NIB is
 * verified, like any producer), in the group, with a claim code shown once to hand over.
 */
export async function onboardMember(staffId: string, groupId: string, input: MemberInput) {
  try {
    return await db.$transaction(async (tx) => {
      const group = await tx.producer.findUnique({ where: { id: groupId } });
      if (!group) return null;
      if (group.kind === "INDIVIDUAL") throw new GroupRefused("groups.refused.notGroup");
      const member = await registerProducer(
        tx,
        {
          ...input,
          contactEmail: input.contactEmail ?? null,
          provinceCode: input.regencyCode.slice(0, 2),
          storyId: "",
          groupId,
          kind: "INDIVIDUAL",
        },
        { nibIssuer: "OSS RBA" },
      );
      const code = await issueClaimCode(tx, staffId, member.id);
      await audit(tx, {
        actorId: staffId,
        action: "producer.member-onboarded",
        entityType: "Producer",
        entityId: member.id,
        after: snapshot(member),
      });
      return { member, code };
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw new NibTakenError();
    throw err;
  }
}

/** A new code for a member nobody has claimed yet (the old one stops working), audited. */
export async function reissueClaimCode(staffId: string, producerId: string) {
  return db.$transaction(async (tx) => {
    const p = await tx.producer.findUnique({
      where: { id: producerId },
      include: { _count: { select: { members: true } } },
    });
    if (!p) return null;
    if (p._count.members > 0) throw new GroupRefused("groups.refused.hasAccount");
    const code = await issueClaimCode(tx, staffId, producerId);
    await audit(tx, { actorId: staffId, action: "producer.claim-code", entityType: "Producer", entityId: producerId });
    return code;
  });
}

/** The members of a group, whether each has been claimed, and what each holds of the group's products. */
export async function groupMembers(groupId: string) {
  const members = await db.producer.findMany({
    where: { groupId },
    orderBy: { legalName: "asc" },
    select: {
      id: true,
      legalName: true,
      nib: true,
      scale: true,
      status: true,
      regencyCode: true,
      contactName: true,
      contactPhone: true,
      claim: { select: { claimedAt: true, expiresAt: true, failedAttempts: true } },
      _count: { select: { members: true } },
      supplies: { select: { productId: true, units: true } },
    },
  });
  return members.map((m) => ({
    ...m,
    claimed: m._count.members > 0,
    claimLocked: !!m.claim && !m.claim.claimedAt && m.claim.failedAttempts >= CLAIM_MAX_ATTEMPTS,
  }));
}

/** The producer a claim names: by its NIB, or by its phone number one with an open claim. */
async function claimable(tx: Tx, identifier: string) {
  if (/^\d{13}$/.test(identifier))
    return tx.producer.findUnique({ where: { nib: identifier }, include: { claim: true } });
  const phone = normalizePhone(identifier);
  if (!phone) return null;
  const ids = (await producersByPhone(tx, phone)).map((r) => r.id);
  return tx.producer.findFirst({
    where: { id: { in: ids }, claim: { claimedAt: null } },
    orderBy: { createdAt: "desc" },
    include: { claim: true },
  });
}

/**
 * The person behind an onboarded producer claims it, signed in: its NIB and the code staff
 * gave. A wrong code counts against the claim (five lock it) and the answer does not say
 * whether the NIB exists. A right code is used once (a conditional update: of several claims
 * at once, one wins); the account becomes the producer's owner and gains the PRODUCER role,
 * and its other sessions end (a role change).
 */
export async function claimProducer(
  user: { id: string; email: string | null },
  sessionId: string,
  /** the producer's NIB, or the phone number staff registered it with (one met at an event may have no NIB) */
  nib: string,
  code: string,
  clientKey: string,
) {
  const [byClient, byNib] = await Promise.all([
    hit(`claim:client:${clientKey}`, CLAIM_TRIES_PER_HOUR, 3600),
    hit(`claim:nib:${nib}`, CLAIM_TRIES_PER_HOUR, 3600),
  ]);
  if (!byClient.allowed || !byNib.allowed)
    throw new GroupRefused("claims.refused.tooMany", { minutes: Math.ceil(byClient.retryAfterSeconds / 60) });
  const now = new Date();
  const outcome = await db.$transaction(async (tx) => {
    const p = await claimable(tx, nib);
    const claim = p?.claim;
    if (!p || !claim || claim.claimedAt || claim.expiresAt < now) return "claims.refused.invalid";
    if (claim.failedAttempts >= CLAIM_MAX_ATTEMPTS) return "claims.refused.locked";
    if (!sameDigest(hashToken(normalizeClaimCode(code)), claim.codeHash)) {
      // counted in this transaction, which commits: the refusal is returned, not thrown
      await tx.producerClaim.updateMany({
        where: { producerId: p.id, failedAttempts: { lt: CLAIM_MAX_ATTEMPTS } },
        data: { failedAttempts: { increment: 1 } },
      });
      return "claims.refused.invalid";
    }
    if (await tx.producerMember.findFirst({ where: { userId: user.id } })) return "claims.refused.alreadyProducer";
    const used = await tx.producerClaim.updateMany({
      where: {
        producerId: p.id,
        claimedAt: null,
        expiresAt: { gte: now },
        failedAttempts: { lt: CLAIM_MAX_ATTEMPTS },
      },
      data: { claimedAt: now, claimedById: user.id },
    });
    if (used.count === 0) return "claims.refused.invalid";
    await tx.producerMember.create({ data: { producerId: p.id, userId: user.id, isOwner: true } });
    if (!p.contactEmail) await tx.producer.update({ where: { id: p.id }, data: { contactEmail: user.email } });
    const account = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { roles: true } });
    if (!account.roles.includes("PRODUCER")) {
      await tx.user.update({ where: { id: user.id }, data: { roles: { push: "PRODUCER" } } });
      await tx.session.deleteMany({ where: { userId: user.id, id: { not: sessionId } } });
    }
    await audit(tx, {
      actorId: user.id,
      action: "producer.claimed",
      entityType: "Producer",
      entityId: p.id,
      after: { userId: user.id },
    });
    return { producerId: p.id, legalName: p.legalName };
  });
  if (typeof outcome === "string") throw new GroupRefused(outcome);
  return outcome;
}
