/** The audit log: who did what to whom, with before/after, for every staff action and money movement. */
import type { Tx } from "~/lib/db.server";
import type { Prisma } from "~/generated/prisma/client";

export type AuditEntry = {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
};

export async function audit(tx: Tx, e: AuditEntry) {
  await tx.auditLog.create({ data: { actorId: e.actorId, action: e.action, entityType: e.entityType, entityId: e.entityId, before: e.before, after: e.after } });
}

/** Dates become ISO strings so snapshots are plain JSON. */
export function snapshot<T extends Record<string, unknown>>(row: T): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(row)) as Prisma.InputJsonValue;
}
