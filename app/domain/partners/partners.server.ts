/**
 * Partner API access: anonymous reads are limited per IP; partners send a token staff
 * issued (`Authorization: Bearer …`) for a higher limit. Tokens are stored as hashes,
 * shown once, revocable; issuing and revoking are audited.
 */
import crypto from "node:crypto";
import { db } from "~/lib/db.server";
import { hit, type RateDecision } from "~/lib/rate-limit.server";
import { hashToken } from "~/lib/tokens.server";

export const ANONYMOUS_PER_MINUTE = 60;

export async function issuePartnerToken(staffId: string, name: string, requestsPerMinute = 600) {
  const token = `anj_${crypto.randomBytes(24).toString("base64url")}`;
  const row = await db.$transaction(async (tx) => {
    const created = await tx.partnerToken.create({
      data: { name, tokenHash: hashToken(token), prefix: token.slice(0, 10), requestsPerMinute, createdById: staffId },
      select: { id: true, name: true, prefix: true, requestsPerMinute: true },
    });
    await tx.auditLog.create({
      data: {
        actorId: staffId,
        action: "partner-token.issued",
        entityType: "PartnerToken",
        entityId: created.id,
        after: created,
      },
    });
    return created;
  });
  return { ...row, token };
}

export async function revokePartnerToken(staffId: string, id: string) {
  return db.$transaction(async (tx) => {
    const res = await tx.partnerToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (res.count === 1)
      await tx.auditLog.create({
        data: { actorId: staffId, action: "partner-token.revoked", entityType: "PartnerToken", entityId: id },
      });
    return res.count === 1;
  });
}

export async function listPartnerTokens() {
  return db.partnerToken.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      requestsPerMinute: true,
      createdAt: true,
      revokedAt: true,
      lastUsedAt: true,
    },
  });
}

export type ApiAccess = { decision: RateDecision; partner: string | null } | { invalidToken: true };

/** Who is calling the API (its Authorization header, its address) and whether they may, counting this request. */
export async function checkApiAccess(auth: string | null, ip: string): Promise<ApiAccess> {
  if (auth) {
    const token = /^Bearer\s+(anj_[A-Za-z0-9_-]{20,64})$/.exec(auth)?.[1];
    const row = token ? await db.partnerToken.findUnique({ where: { tokenHash: hashToken(token) } }) : null;
    if (!row || row.revokedAt) return { invalidToken: true };
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
      await db.partnerToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
    }
    return { decision: await hit(`api:token:${row.id}`, row.requestsPerMinute), partner: row.name };
  }
  return { decision: await hit(`api:ip:${ip}`, ANONYMOUS_PER_MINUTE), partner: null };
}
