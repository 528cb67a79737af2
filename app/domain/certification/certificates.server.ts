/**
 * Certificates (NIB, halal, BPOM, P-IRT, SNI): producers submit them with a scan, staff
 * verify or reject them with a reason, and a product shows a badge only while a
 * verified, unexpired certificate covers it. Reminders go out 30 days before expiry.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { db, Prisma } from "~/lib/db.server";
import { sendMail } from "~/lib/mail.server";
import { serverT } from "~/lib/i18n.server";
import { formatDate } from "~/lib/format";
import { audit } from "../audit.server";
import { producerChanged } from "~/jobs/search-index.server";
import { inspectImage, ImageRefused, MAX_UPLOAD_BYTES } from "../media/index.server";
import type { CertificateInput } from "./schemas";

export const REMINDER_DAYS = 30;

export class DuplicateCertificateError extends Error {}
export class ScanRefused extends Error {
  constructor(readonly reason: "too-large" | "not-a-document" | "missing" | "heic-unsupported") {
    super(`scan refused: ${reason}`);
  }
}

export function documentsDir() {
  return path.join(path.resolve(process.env.DATA_DIR ?? ".data"), "documents");
}

/** A scan is a PDF or an image, recognised by its content, at most 15 MB. */
export async function checkScan(bytes: Buffer): Promise<{ mime: string; ext: string }> {
  if (bytes.length === 0) throw new ScanRefused("missing");
  if (bytes.length > MAX_UPLOAD_BYTES) throw new ScanRefused("too-large");
  if (bytes.subarray(0, 5).toString("latin1") === "%PDF-") return { mime: "application/pdf", ext: "pdf" };
  try {
    const meta = await inspectImage(bytes);
    const ext = meta.format === "jpeg" ? "jpg" : meta.format!;
    return { mime: `image/${meta.format}`, ext };
  } catch (err) {
    if (err instanceof ImageRefused && (err.reason === "too-large" || err.reason === "heic-unsupported"))
      throw new ScanRefused(err.reason);
    throw new ScanRefused("not-a-document");
  }
}

/** Keeps a checked scan under a random name in the private documents store; returns the name. */
export async function storeScan(bytes: Buffer, ext: string) {
  const dir = documentsDir();
  await fs.mkdir(dir, { recursive: true });
  const name = `${crypto.randomBytes(16).toString("hex")}.${ext}`;
  await fs.writeFile(path.join(dir, name), bytes);
  return name;
}

export async function submitCertificate(producerId: string, actorId: string, input: CertificateInput, scan: Buffer) {
  const { mime, ext } = await checkScan(scan);
  const scanPath = await storeScan(scan, ext);
  try {
    return await db.$transaction(async (tx) => {
      const cert = await tx.certification.create({
        data: {
          producerId,
          type: input.type,
          number: input.number,
          issuer: input.issuer,
          issuedAt: input.issuedAt,
          expiresAt: input.expiresAt ?? null,
          scanPath,
          scanMime: mime,
        },
      });
      await audit(tx, {
        actorId,
        action: "certification.submitted",
        entityType: "Certification",
        entityId: cert.id,
        after: { type: cert.type, number: cert.number },
      });
      return cert;
    });
  } catch (err) {
    await fs.rm(path.join(documentsDir(), scanPath), { force: true });
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")
      throw new DuplicateCertificateError();
    throw err;
  }
}

/** A rejected certificate can be corrected and sent again; it goes back to PENDING. */
export async function resubmitCertificate(
  producerId: string,
  certificationId: string,
  actorId: string,
  input: CertificateInput,
  scan: Buffer | null,
) {
  const file = scan && scan.length ? await checkScan(scan) : null;
  const scanPath = file ? await storeScan(scan!, file.ext) : undefined;
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.certification.findFirst({
        where: { id: certificationId, producerId, status: "REJECTED" },
      });
      if (!before) return null;
      const after = await tx.certification.update({
        where: { id: certificationId },
        data: {
          type: input.type,
          number: input.number,
          issuer: input.issuer,
          issuedAt: input.issuedAt,
          expiresAt: input.expiresAt ?? null,
          status: "PENDING",
          rejectReason: null,
          ...(file ? { scanPath, scanMime: file.mime } : {}),
        },
      });
      await audit(tx, {
        actorId,
        action: "certification.resubmitted",
        entityType: "Certification",
        entityId: certificationId,
        before: { number: before.number, rejectReason: before.rejectReason },
        after: { number: after.number },
      });
      return after;
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")
      throw new DuplicateCertificateError();
    throw err;
  }
}

export async function listCertificates(producerId: string) {
  return db.certification.findMany({
    where: { producerId },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    select: {
      id: true,
      type: true,
      number: true,
      issuer: true,
      issuedAt: true,
      expiresAt: true,
      status: true,
      rejectReason: true,
      scanPath: true,
    },
  });
}

export class CertificateStateError extends Error {}

export async function decideCertificate(
  staffId: string,
  certificationId: string,
  decision: "verify" | "reject",
  reason?: string,
) {
  return db.$transaction(async (tx) => {
    const before = await tx.certification.findUnique({ where: { id: certificationId } });
    if (!before) return null;
    if (before.status !== "PENDING") throw new CertificateStateError(`${decision} from ${before.status}`);
    const expired = decision === "verify" && before.expiresAt && before.expiresAt <= new Date();
    const after = await tx.certification.update({
      where: { id: certificationId },
      data:
        decision === "verify"
          ? {
              status: expired ? "EXPIRED" : "VERIFIED",
              verifiedById: staffId,
              verifiedAt: new Date(),
              rejectReason: null,
            }
          : { status: "REJECTED", rejectReason: reason ?? null, verifiedById: staffId, verifiedAt: new Date() },
    });
    await audit(tx, {
      actorId: staffId,
      action: `certification.${decision === "verify" ? "verified" : "rejected"}`,
      entityType: "Certification",
      entityId: certificationId,
      before: { status: before.status },
      after: { status: after.status, reason: reason ?? null, type: after.type, number: after.number },
    });
    await producerChanged(tx, before.producerId);
    return after;
  });
}

/** Staff's queue: producers and certificates waiting for a decision, oldest first. */
export async function verificationQueue() {
  const [producers, certificates] = await Promise.all([
    db.producer.findMany({
      where: { status: "PENDING" },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        slug: true,
        legalName: true,
        nib: true,
        scale: true,
        regencyCode: true,
        address: true,
        contactName: true,
        contactPhone: true,
        contactEmail: true,
        reviewNote: true,
        createdAt: true,
      },
    }),
    db.certification.findMany({
      where: { status: "PENDING", type: { not: "NIB" } },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        type: true,
        number: true,
        issuer: true,
        issuedAt: true,
        expiresAt: true,
        scanPath: true,
        scanMime: true,
        createdAt: true,
        producer: { select: { id: true, legalName: true, status: true } },
      },
    }),
  ]);
  return { producers, certificates };
}

/** The stored scan of a certificate, for its producer's members and for staff. */
export async function removeScan(name: string) {
  await fs.rm(path.join(documentsDir(), path.basename(name)), { force: true });
}

/** A stored scan's bytes, by its name in the documents store. */
export async function readScan(name: string) {
  return fs.readFile(path.join(documentsDir(), path.basename(name)));
}

export async function certificateScan(certificationId: string, viewer: { userId: string; isStaff: boolean }) {
  const cert = await db.certification.findFirst({
    where: {
      id: certificationId,
      ...(viewer.isStaff ? {} : { producer: { members: { some: { userId: viewer.userId } } } }),
    },
    select: { scanPath: true, scanMime: true },
  });
  if (!cert?.scanPath || !cert.scanMime) return null;
  return { bytes: await readScan(cert.scanPath), mime: cert.scanMime };
}

/**
 * Certificates past their expiry date become EXPIRED, and their producers' products are
 * re-indexed (so the badge disappears) in the same transaction.
 */
export async function expireCertificates(now = new Date()) {
  return db.$transaction(async (tx) => {
    const expired = await tx.certification.findMany({
      where: { status: "VERIFIED", expiresAt: { lte: now } },
      select: { id: true, producerId: true },
    });
    if (expired.length === 0) return 0;
    const moved = await tx.certification.updateMany({
      where: { id: { in: expired.map((c) => c.id) }, status: "VERIFIED" },
      data: { status: "EXPIRED" },
    });
    for (const producerId of new Set(expired.map((c) => c.producerId))) await producerChanged(tx, producerId);
    await tx.auditLog.createMany({
      data: expired.map((c) => ({
        action: "certification.expired",
        entityType: "Certification",
        entityId: c.id,
        after: { status: "EXPIRED" },
      })),
    });
    return moved.count;
  });
}

/** Mails each producer once about certificates that expire within 30 days. */
export async function sendExpiryReminders(now = new Date()) {
  const soon = new Date(now.getTime() + REMINDER_DAYS * 86_400_000);
  const due = await db.certification.findMany({
    where: { status: "VERIFIED", reminderSentAt: null, expiresAt: { gt: now, lte: soon } },
    select: {
      id: true,
      type: true,
      number: true,
      expiresAt: true,
      producer: {
        select: {
          legalName: true,
          contactEmail: true,
          members: { select: { user: { select: { email: true, locale: true } } } },
        },
      },
    },
  });
  for (const c of due) {
    await db.$transaction(async (tx) => {
      const claimed = await tx.certification.updateMany({
        where: { id: c.id, reminderSentAt: null },
        data: { reminderSentAt: now },
      });
      if (claimed.count !== 1) return;
      const recipients = new Map<string, "id" | "en">(c.producer.contactEmail ? [[c.producer.contactEmail, "id"]] : []);
      for (const m of c.producer.members) if (m.user.email) recipients.set(m.user.email, m.user.locale);
      for (const [to, locale] of recipients) {
        const t = serverT(locale);
        await sendMail(
          {
            to,
            kind: "certificate-expiry",
            locale,
            subject: t("mail.expirySubject", { type: t(`cert.${c.type}`) }),
            text: t("mail.expiryBody", {
              producer: c.producer.legalName,
              type: t(`cert.${c.type}`),
              number: c.number,
              date: formatDate(c.expiresAt!, locale),
            }),
          },
          tx,
        );
      }
    });
  }
  return due.length;
}
