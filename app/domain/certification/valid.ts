/** When a certificate counts, in one place: verified and not expired. */
import type { Prisma } from "~/generated/prisma/client";

export function validCertificationWhere(now: Date): Prisma.CertificationWhereInput {
  return { status: "VERIFIED", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

export function isCertificationValid(c: { status: string; expiresAt: Date | null }, now: Date) {
  return c.status === "VERIFIED" && (c.expiresAt === null || c.expiresAt > now);
}
