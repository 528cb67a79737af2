/**
 * "What happened": after an action redirects, the page it lands on says so. The outcome travels in
 * the redirect's query (`?notice=<key>&name=…&count=…`) so it works without JavaScript, survives the
 * page cache (the URL is the cache key) and needs no session; the root layout shows it (NoticeBanner).
 * Only the keys listed here are shown, from the `notice` namespace of the locale files.
 */
export const NOTICES = [
  "producerVerified",
  "producerSentBack",
  "producerSuspended",
  "producerReinstated",
  "certificateVerified",
  "certificateRejected",
  "productPublished",
  "productUnpublished",
  "productArchived",
  "photoDeleted",
  "photoMoved",
  "photoCover",
  "accountSaved",
  "profileSaved",
  "importQueued",
  "signedOut",
  "passwordReset",
  "signedUp",
  "producerClaimed",
] as const;

export type NoticeKey = (typeof NOTICES)[number];

/** `path` with the notice in its query (keeps what the query already holds). */
export function withNotice(path: string, key: NoticeKey, params: { name?: string; count?: number } = {}): string {
  const [base, query = ""] = path.split("?");
  const sp = new URLSearchParams(query);
  sp.set("notice", key);
  if (params.name !== undefined) sp.set("name", params.name.slice(0, 120));
  if (params.count !== undefined) sp.set("count", String(params.count));
  return `${base}?${sp}`;
}

export function readNotice(sp: URLSearchParams): { key: NoticeKey; name?: string; count?: number } | null {
  const key = sp.get("notice");
  if (!key || !(NOTICES as readonly string[]).includes(key)) return null;
  const count = sp.has("count") ? Number(sp.get("count")) : NaN;
  return {
    key: key as NoticeKey,
    name: sp.get("name") ?? undefined,
    count: Number.isFinite(count) ? count : undefined,
  };
}
