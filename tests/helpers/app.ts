/**
 * The built app behind its real HTTP front (CSRF cookie, security headers, Remix), started
 * in this test process on a free loopback port, and a small cookie-keeping client for it.
 */
import fs from "node:fs";
import type http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createApp, listen } from "../../scripts/lib/http";
import { freePort } from "../../scripts/lib/ports";

export async function startHttpApp() {
  const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), "anjung-uploads-"));
  const app = await createApp({ uploadsDir });
  const port = await freePort();
  const server: http.Server = await listen(app, port, "127.0.0.1");
  return {
    base: `http://127.0.0.1:${port}`,
    uploadsDir,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      fs.rmSync(uploadsDir, { recursive: true, force: true });
    },
  };
}

export class Client {
  private cookies = new Map<string, string>();
  constructor(
    readonly base: string,
    cookie?: string,
  ) {
    if (cookie) for (const part of cookie.split(/;\s*/)) this.take(part);
  }
  private take(pair: string) {
    const [k, ...v] = pair.split("=");
    if (k) this.cookies.set(k.trim(), v.join("="));
  }
  get csrf() {
    return this.cookies.get("__csrf") ?? "";
  }
  header() {
    return [...this.cookies.entries()].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  async request(pathname: string, init: RequestInit = {}) {
    const res = await fetch(`${this.base}${pathname}`, {
      redirect: "manual",
      ...init,
      headers: { Cookie: this.header(), ...(init.headers ?? {}) },
    });
    for (const c of res.headers.getSetCookie()) this.take(c.split(";")[0]);
    return res;
  }
  /** Visits the home page once so the visitor has its CSRF cookie. */
  async ready() {
    if (!this.csrf) await (await this.request("/")).arrayBuffer();
    return this;
  }
  /** `forwardedFor` plays another client address (the app trusts a proxy on loopback). */
  async post(pathname: string, fields: Record<string, string>, opts: { csrf?: boolean; forwardedFor?: string } = {}) {
    await this.ready();
    const body = new URLSearchParams(fields);
    if (opts.csrf !== false) body.set("csrf", this.csrf);
    const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
    if (opts.forwardedFor) headers["X-Forwarded-For"] = opts.forwardedFor;
    return this.request(pathname, { method: "POST", body, headers });
  }
}

/**
 * Sends bytes exactly as given on a raw TCP socket (no URL or fetch normalising paths,
 * percent-escapes or encodings) and reads the answer's status line and body. With
 * `declaredLength`, the head promises that many body bytes but only `body` is sent: the
 * server must answer without waiting for the rest.
 */
export function rawHttp(
  base: string,
  head: string,
  body: Buffer = Buffer.alloc(0),
  timeoutMs = 10_000,
): Promise<{ status: number; text: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error("no answer in time"));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString("latin1");
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      if (!status) reject(new Error(`no HTTP answer: ${text.slice(0, 80)}`));
      else resolve({ status, text });
    };
    socket.on("data", (d) => {
      chunks.push(d);
      // the head and body of one answer are enough: stop at the end of a complete response
      if (/\r\n\r\n/.test(Buffer.concat(chunks).toString("latin1"))) setTimeout(() => socket.end(), 50);
    });
    socket.on("end", finish);
    socket.on("close", () => chunks.length && finish());
    socket.on("error", () => (chunks.length ? finish() : undefined));
    socket.write(Buffer.concat([Buffer.from(head, "latin1"), body]));
  });
}

/** The hidden fields of the checkout's review step (its one-time key and the digest of what was reviewed). */
export function reviewFields(html: string): { checkoutKey: string; reviewDigest: string } {
  const key = /name="checkoutKey" value="([^"]+)"/.exec(html)?.[1];
  const digest = /name="reviewDigest" value="([^"]+)"/.exec(html)?.[1];
  if (!key || !digest) throw new Error("the checkout answered without a review step");
  return { checkoutKey: key, reviewDigest: digest };
}

/** Checks out as a buyer does: the review step first, then "place order" with what it returned. */
export async function reviewAndPlace(client: Client, pathname: string, fields: Record<string, string>) {
  const reviewed = await client.post(pathname, { ...fields, intent: "review" });
  const html = await reviewed.text();
  if (reviewed.status !== 200) return { response: reviewed, body: html };
  const placed = await client.post(pathname, { ...fields, ...reviewFields(html), intent: "place" });
  return { response: placed, body: await placed.text() };
}

/** Row counts of every table and the latest change of each, to prove a refused request changed nothing. */
export async function dbFingerprint() {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  try {
    const tables = (
      await c.query<{ t: string }>(
        `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('_prisma_migrations', 'RateCounter', 'LoginAttempt') ORDER BY 1`,
      )
    ).rows;
    const out: Record<string, string> = {};
    for (const { t } of tables) {
      const cols = (
        await c.query<{ c: string }>(
          `SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND column_name = 'updatedAt'`,
          [t],
        )
      ).rows;
      const r = await c.query(
        `SELECT count(*)::text AS n${cols.length ? `, max("updatedAt")::text AS u` : ""} FROM "${t}"`,
      );
      out[t] = `${r.rows[0].n}|${r.rows[0].u ?? ""}`;
    }
    const stock = await c.query(`SELECT coalesce(sum(stock), 0)::text AS s FROM "Variant"`);
    out.stock = stock.rows[0].s;
    return out;
  } finally {
    await c.end();
  }
}
