/**
 * A few seconds' cache of the public pages as anonymous visitors see them (home, product,
 * producer, category, region and provenance pages), so a burst of visitors costs one render.
 *
 * Never personal data: a request with a session or a cart cookie always renders, and only
 * 200 responses without cookies of their own are kept. The two per-visitor values in such a
 * page — the CSRF token in its forms and the CSP nonce on its scripts — are stored as
 * placeholders and filled in for each visitor. Browsers get an ETag and `private, no-cache`:
 * they may revalidate (304) but shared caches never store the page.
 */
import crypto from "node:crypto";
import type express from "express";
import { currencyKey } from "../../app/lib/cookies.server";

const PUBLIC_PAGE = /^\/(?:en\/?)?(?:$|(?:products|producers|categories|regions|lots)\/[A-Za-z0-9._-]+\/?$)/;
const TOKEN = "\u0000csrf\u0000";
const NONCE = "\u0000nonce\u0000";

/** The page split at its placeholders: parts[0] + v0 + parts[1] + v1 + …, filled per visitor. */
type Entry = {
  parts: Buffer[];
  fills: Array<"token" | "nonce">;
  headers: Array<[string, string]>;
  etag: string;
  expires: number;
};

function split(body: string) {
  const parts: Buffer[] = [];
  const fills: Array<"token" | "nonce"> = [];
  const re = new RegExp(`${TOKEN}|${NONCE}`, "g");
  let last = 0;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    parts.push(Buffer.from(body.slice(last, m.index)));
    fills.push(m[0] === TOKEN ? "token" : "nonce");
    last = m.index + m[0].length;
  }
  parts.push(Buffer.from(body.slice(last)));
  return { parts, fills };
}

function fill(e: Entry, values: { token: string; nonce: string }) {
  const token = Buffer.from(values.token);
  const nonce = Buffer.from(values.nonce);
  const out: Buffer[] = [e.parts[0]];
  for (let i = 0; i < e.fills.length; i++) out.push(e.fills[i] === "token" ? token : nonce, e.parts[i + 1]);
  return Buffer.concat(out);
}

export function pageCache(opts: { ttlMs: number; maxEntries?: number }) {
  const entries = new Map<string, Entry>();
  // one render per page at a time: visitors arriving meanwhile wait for it (no stampede)
  const inFlight = new Map<string, Promise<void>>();
  const max = opts.maxEntries ?? 2000;
  const handler = (req: express.Request, res: express.Response, next: express.NextFunction): void => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !PUBLIC_PAGE.test(req.path) || "_data" in req.query)
      return next();
    const cookies = req.headers.cookie ?? "";
    if (/(?:^|;\s*)(?:__session|__cart)=/.test(cookies)) return next();
    const currency = currencyKey(cookies);
    const key = `${req.secure ? "https" : "http"}|${req.originalUrl}|${currency}`;
    const token = res.locals.csrfToken as string;
    const nonce = res.locals.cspNonce as string;
    const hit = entries.get(key);
    if (hit && hit.expires > Date.now()) {
      res.setHeader("X-Page-Cache", "hit");
      res.setHeader("ETag", hit.etag);
      res.setHeader("Cache-Control", "private, no-cache");
      if (req.headers["if-none-match"] === hit.etag) {
        // the browser's copy carries its own token and nonce: keep its CSP header
        res.status(304).end();
        return;
      }
      for (const [k, v] of hit.headers) res.setHeader(k, v.replaceAll(NONCE, nonce));
      res.status(200).end(req.method === "HEAD" ? undefined : fill(hit, { token, nonce }));
      return;
    }
    const pending = inFlight.get(key);
    if (pending) {
      void pending.then(() => (entries.has(key) ? handler(req, res, next) : next()));
      return;
    }
    let done!: () => void;
    inFlight.set(key, new Promise<void>((r) => (done = r)));
    res.on("close", () => {
      inFlight.delete(key);
      done();
    });
    // miss: render, and keep a copy of what went out
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...a: unknown[]) => boolean;
    const end = res.end.bind(res) as (...a: unknown[]) => express.Response;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (chunk) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk && typeof chunk !== "function")
        chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
      const cacheable =
        res.statusCode === 200 &&
        !res
          .getHeader("set-cookie")
          ?.toString()
          .replace(/__csrf=[^;]*;?[^,]*/g, "")
          .trim() &&
        /text\/html/.test(String(res.getHeader("content-type")));
      if (cacheable && req.method === "GET" && token && nonce) {
        const body = Buffer.concat(chunks).toString("utf8").replaceAll(token, TOKEN).replaceAll(nonce, NONCE);
        const headers: Array<[string, string]> = [];
        for (const [k, v] of Object.entries(res.getHeaders())) {
          if (
            [
              "set-cookie",
              "content-length",
              "content-encoding",
              "etag",
              "vary",
              "transfer-encoding",
              "x-page-cache",
            ].includes(k) ||
            v === undefined
          )
            continue;
          headers.push([k, String(v).replaceAll(nonce, NONCE)]);
        }
        if (entries.size >= max) entries.delete(entries.keys().next().value!);
        entries.set(key, {
          ...split(body),
          headers,
          etag: `W/"${crypto.createHash("sha1").update(body).digest("base64url")}"`,
          expires: Date.now() + opts.ttlMs,
        });
      }
      return end(chunk, ...rest);
    }) as typeof res.end;
    res.setHeader("X-Page-Cache", "miss");
    next();
  };
  return handler;
}
