/**
 * Producers (UMKM): their profile, their members, and what staff decide about them.
 * Every query that touches a producer's data takes the producer id and filters by it.
 */
import crypto from "node:crypto";
import { appUrl } from "~/lib/env.server";
import { serverT } from "~/lib/i18n.server";
import { producerLocale, recipientLocale, sendMail } from "~/lib/mail.server";
import { slugify } from "~/lib/slug";
import { hashToken } from "~/lib/tokens.server";
import { db, Prisma, type Tx } from "~/lib/db.server";
import { localePath } from "~/lib/i18n";
import type { SessionUser } from "~/lib/session.server";
import { audit, snapshot } from "../audit.server";
import { producerChanged } from "~/jobs/search-index.server";
import type { ProducerProfileInput } from "./schemas";

export class NibTakenError extends Error {}

/** The producer a user belongs to (the first, if several), or null. */
export async function producerOfUser(userId: string) {
  const m = await db.producerMember.findFirst({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { producer: true },
  });
  return m?.producer ?? null;
}

/**
 * A new producer: PENDING, with a slug from its name, its NIB as a certificate staff verify, and
 * `ownerUserId` (when a person registers it) as its first member. The portal and the registry import
 * both create producers here.
 */
export async function registerProducer(
  tx: Tx,
  data: Omit<Prisma.ProducerUncheckedCreateInput, "slug" | "status">,
  opts: { ownerUserId?: string; nibIssuer: string },
) {
  let slug = slugify(data.legalName, "umkm");
  if (await tx.producer.findUnique({ where: { slug } }))
    slug = `${slug}-${data.nib ? data.nib.slice(-4) : crypto.randomBytes(3).toString("hex")}`;
  const producer = await tx.producer.create({
    data: {
      ...data,
      slug,
      status: "PENDING",
      ...(opts.ownerUserId ? { members: { create: { userId: opts.ownerUserId, isOwner: true } } } : {}),
    },
  });
  // its NIB waits for staff with the profile (one registered at an event may have none yet)
  if (data.nib) await recordNib(tx, producer.id, data.nib, opts.nibIssuer);
  return producer;
}

/** A producer's NIB, as a certificate staff check (verifying the producer verifies it). */
export async function recordNib(tx: Tx, producerId: string, nib: string, issuer = "OSS RBA") {
  await tx.certification.create({
    data: { producerId, type: "NIB", number: nib, issuer, issuedAt: new Date(), status: "PENDING" },
  });
}

export async function createProducerProfile(user: SessionUser, input: ProducerProfileInput) {
  try {
    return await db.$transaction(async (tx) => {
      const producer = await registerProducer(tx, input, { ownerUserId: user.id, nibIssuer: "OSS RBA" });
      await audit(tx, {
        actorId: user.id,
        action: "producer.registered",
        entityType: "Producer",
        entityId: producer.id,
        after: snapshot(producer),
      });
      return producer;
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw new NibTakenError();
    throw err;
  }
}

/** A producer edits its own profile; a verified producer stays verified, but a changed NIB must be checked again. */
export async function updateProducerProfile(producerId: string, actorId: string, input: ProducerProfileInput) {
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.producer.findUniqueOrThrow({ where: { id: producerId } });
      const nibChanged = before.nib !== input.nib;
      const after = await tx.producer.update({
        where: { id: producerId },
        data: { ...input, ...(nibChanged ? { status: before.status === "SUSPENDED" ? "SUSPENDED" : "PENDING" } : {}) },
      });
      if (nibChanged) await recordNib(tx, producerId, input.nib);
      await audit(tx, {
        actorId,
        action: "producer.profile-updated",
        entityType: "Producer",
        entityId: producerId,
        before: snapshot(before),
        after: snapshot(after),
      });
      await producerChanged(tx, producerId);
      return after;
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw new NibTakenError();
    throw err;
  }
}

/** How long an invitation to a team stays open. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Invites someone to the producer's team by email (several people can run one UMKM).
 * Nothing about anybody's account changes here, and the answer is the same whether the
 * address has an account or not: a mail with a link goes to the address, and the invitee
 * accepts it while signed in with that address (`acceptInvitation`).
 */
export async function inviteMember(producerId: string, actorId: string, email: string) {
  const token = crypto.randomBytes(24).toString("base64url");
  await db.$transaction(async (tx) => {
    const producer = await tx.producer.findUniqueOrThrow({ where: { id: producerId }, select: { legalName: true } });
    const invitation = await tx.teamInvitation.create({
      data: {
        producerId,
        email,
        tokenHash: hashToken(token),
        invitedById: actorId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      },
    });
    await audit(tx, {
      actorId,
      action: "producer.member-invited",
      entityType: "Producer",
      entityId: producerId,
      after: { invitationId: invitation.id, email },
    });
    const locale = await recipientLocale(tx, email, await producerLocale(tx, producerId));
    const t = serverT(locale);
    const link = `${appUrl()}${localePath(`/invitations/${token}`, locale)}`;
    await sendMail(
      {
        to: email,
        kind: "team.invitation",
        locale,
        subject: t("mail.teamInvite.subject", { producer: producer.legalName }),
        text: t("mail.teamInvite.body", { producer: producer.legalName, link }),
      },
      tx,
    );
  });
}

/** An open invitation by its link's token, for the invitee's page (null when unknown, used or expired). */
export async function openInvitation(token: string) {
  const inv = await db.teamInvitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { producer: { select: { legalName: true } } },
  });
  if (!inv || inv.acceptedAt || inv.expiresAt < new Date()) return null;
  return { email: inv.email, producer: inv.producer.legalName };
}

export class InvitationRefused extends Error {
  constructor(readonly reason: "not-found" | "other-account") {
    super(`invitation: ${reason}`);
  }
}

/**
 * The invitee accepts, signed in with the invited address: the invitation is used up (a
 * conditional update, so it is accepted once), the account joins the team and gains the
 * PRODUCER role, and its other sessions end (a role change); the one that accepted stays.
 */
export async function acceptInvitation(token: string, user: { id: string; email: string | null }, sessionId: string) {
  return db.$transaction(async (tx) => {
    const inv = await tx.teamInvitation.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!inv || inv.acceptedAt || inv.expiresAt < new Date()) throw new InvitationRefused("not-found");
    // an invitation goes to an address: an account without that address (a phone-only one) is another account
    if (inv.email !== user.email?.toLowerCase()) throw new InvitationRefused("other-account");
    const used = await tx.teamInvitation.updateMany({
      where: { id: inv.id, acceptedAt: null },
      data: { acceptedAt: new Date(), acceptedById: user.id },
    });
    if (used.count === 0) throw new InvitationRefused("not-found");
    const account = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { roles: true } });
    if (!account.roles.includes("PRODUCER")) {
      await tx.user.update({ where: { id: user.id }, data: { roles: { push: "PRODUCER" } } });
      await tx.session.deleteMany({ where: { userId: user.id, id: { not: sessionId } } });
    }
    await tx.producerMember.upsert({
      where: { producerId_userId: { producerId: inv.producerId, userId: user.id } },
      update: {},
      create: { producerId: inv.producerId, userId: user.id },
    });
    await audit(tx, {
      actorId: user.id,
      action: "producer.member-added",
      entityType: "Producer",
      entityId: inv.producerId,
      after: { userId: user.id, invitationId: inv.id },
    });
    return inv.producerId;
  });
}

export async function listMembers(producerId: string) {
  const rows = await db.producerMember.findMany({
    where: { producerId },
    orderBy: { createdAt: "asc" },
    select: { isOwner: true, user: { select: { name: true, email: true } } },
  });
  const invited = await db.teamInvitation.findMany({
    where: { producerId, acceptedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "asc" },
    select: { email: true },
  });
  return {
    members: rows.map((r) => ({ name: r.user.name, email: r.user.email, isOwner: r.isOwner })),
    invited: [...new Set(invited.map((i) => i.email))],
  };
}

/** Staff decisions about a producer. Each is audited with before/after and re-indexes its products. */
export type ProducerDecision = "verify" | "send-back" | "suspend" | "reinstate";

const transitions: Record<
  ProducerDecision,
  { from: Array<"PENDING" | "VERIFIED" | "SUSPENDED">; to: "PENDING" | "VERIFIED" | "SUSPENDED" }
> = {
  verify: { from: ["PENDING"], to: "VERIFIED" },
  "send-back": { from: ["PENDING"], to: "PENDING" },
  suspend: { from: ["VERIFIED", "PENDING"], to: "SUSPENDED" },
  reinstate: { from: ["SUSPENDED"], to: "VERIFIED" },
};

export class IllegalDecisionError extends Error {}
/** A producer is verified by its NIB: one without an NIB yet cannot be. */
export class NoNibError extends IllegalDecisionError {}

export async function decideProducer(staffId: string, producerId: string, decision: ProducerDecision, reason?: string) {
  return db.$transaction(async (tx) => {
    const before = await tx.producer.findUnique({ where: { id: producerId } });
    if (!before) return null;
    const rule = transitions[decision];
    if (!rule.from.includes(before.status)) throw new IllegalDecisionError(`${decision} from ${before.status}`);
    if ((decision === "verify" || decision === "reinstate") && !before.nib) throw new NoNibError(decision);
    // reinstating returns a producer to verified only if it had been verified (its NIB checked)
    let to = rule.to;
    if (decision === "reinstate") {
      const nibVerified = await tx.certification.count({
        where: { producerId, type: "NIB", number: before.nib!, status: "VERIFIED" },
      });
      to = nibVerified ? "VERIFIED" : "PENDING";
    }
    const after = await tx.producer.update({
      where: { id: producerId },
      data: { status: to, reviewNote: decision === "send-back" || decision === "suspend" ? (reason ?? null) : null },
    });
    if (decision === "verify") {
      // the NIB checked with the profile
      await tx.certification.updateMany({
        where: { producerId, type: "NIB", number: after.nib!, status: "PENDING" },
        data: { status: "VERIFIED", verifiedById: staffId, verifiedAt: new Date() },
      });
    }
    await audit(tx, {
      actorId: staffId,
      action: `producer.${decision}`,
      entityType: "Producer",
      entityId: producerId,
      before: { status: before.status, reviewNote: before.reviewNote },
      after: { status: after.status, reviewNote: after.reviewNote, reason: reason ?? null },
    });
    await producerChanged(tx, producerId);
    return after;
  });
}

/** What happened to a producer, newest first (staff and the producer itself see it). */
export async function producerHistory(producerId: string) {
  const certIds = (await db.certification.findMany({ where: { producerId }, select: { id: true } })).map((c) => c.id);
  const rows = await db.auditLog.findMany({
    where: {
      OR: [
        { entityType: "Producer", entityId: producerId },
        { entityType: "Certification", entityId: { in: certIds } },
        // what a facilitator did for it, on its products, offers and certificates
        { onBehalfOfId: producerId },
      ],
    },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: {
      id: true,
      action: true,
      before: true,
      after: true,
      createdAt: true,
      onBehalfOfId: true,
      actor: { select: { name: true } },
    },
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), actor: r.actor?.name ?? null }));
}

export async function producerById(id: string) {
  return db.producer.findUnique({ where: { id } });
}
