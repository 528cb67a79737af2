/** Secret tokens sent in links or headers are stored only as their SHA-256 (hex): a leaked table opens nothing. */
import crypto from "node:crypto";

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** Two digests compared in constant time (a wrong guess takes as long as a near miss). */
export function sameDigest(a: string, b: string): boolean {
  return a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
