/** The audit log: who did what to whom, with before/after, for every staff action and money movement. */
import type { Tx } from "~/lib/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { actingFor } from "~/lib/acting.server";
import { jsonReplacer } from "./money";

/** A value the log can hold: JSON, with amounts as bigint (stored as decimal strings) and dates. */
type AuditValue =
  string | number | boolean | null | bigint | Date | AuditValue[] | { [key: string]: AuditValue | undefined };

export type AuditEntry = {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: AuditValue | Prisma.InputJsonValue;
  after?: AuditValue | Prisma.InputJsonValue;
};

/** Plain JSON for the log: bigint amounts become decimal strings (exact), dates ISO strings. */
function plain(v: AuditValue | Prisma.InputJsonValue | undefined): Prisma.InputJsonValue | undefined {
  return v === undefined ? undefined : (JSON.parse(JSON.stringify(v, jsonReplacer)) as Prisma.InputJsonValue);
}

export async function audit(tx: Tx, e: AuditEntry) {
  await tx.auditLog.create({
    data: {
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      before: plain(e.before),
      after: plain(e.after),
      // a facilitator acting for a producer: the producer it acted for (lib/acting.server.ts)
      onBehalfOfId: actingFor(),
    },
  });
}

/** Dates become ISO strings and amounts decimal strings so snapshots are plain JSON. */
export function snapshot<T extends Record<string, unknown>>(row: T): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(row, jsonReplacer)) as Prisma.InputJsonValue;
}
