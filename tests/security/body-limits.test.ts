/**
 * Bodies are limited as they stream. A chunked request has no Content-Length to check
 * first: the form (1 MiB) and upload (121 MiB) limits must cut it off as bytes arrive, with
 * a 413, instead of reading it whole. Sent with node:http and Transfer-Encoding: chunked.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { MAX_FORM_BYTES, MAX_MULTIPART_BYTES } from "~/lib/forms.server";
import { createProduct, producerMemberCookie } from "../helpers/fixtures";
import { Client, startHttpApp } from "../helpers/app";

let app: Awaited<ReturnType<typeof startHttpApp>>;
beforeAll(async () => {
  app = await startHttpApp();
});
afterAll(() => app?.stop());

const MiB = 1024 * 1024;

/**
 * Streams up to `total` bytes, chunk by chunk (`chunk(i)` gives the i-th), pausing between
 * chunks so the server's answer is read as soon as it comes; stops sending then.
 */
function chunkedPost(
  path: string,
  headers: Record<string, string>,
  head: Buffer,
  total: number,
  chunk: (i: number) => Buffer,
): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, app.base);
    let sent = 0;
    let answered: number | null = null;
    let failed: Error | null = null;
    const req = http.request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: "POST",
      headers: { ...headers, "Transfer-Encoding": "chunked" },
    });
    req.on("response", (res) => {
      answered = res.statusCode ?? 0;
      res.resume();
      resolve({ status: answered, sent });
    });
    req.on("error", (err) => (failed = err));
    void (async () => {
      req.write(head);
      sent += head.length;
      for (let i = 0; answered === null && !failed && sent < total; i++) {
        const c = chunk(i);
        sent += c.length;
        if (!req.write(c)) await drainedOrClosed(req);
        await new Promise((r) => setImmediate(r));
      }
      // the server may answer just as the last bytes go: give it a moment
      for (let i = 0; i < 50 && answered === null; i++) await new Promise((r) => setTimeout(r, 20));
      if (answered === null) {
        if (failed) reject(failed);
        else req.end();
      }
    })();
  });
}

/** Waits for the socket to take more, or to close; the listener that did not fire is removed. */
function drainedOrClosed(req: http.ClientRequest) {
  return new Promise<void>((resolve) => {
    const done = () => {
      req.off("drain", done);
      req.off("close", done);
      resolve();
    };
    req.once("drain", done);
    req.once("close", done);
  });
}

describe("bodies are limited as they stream", () => {
  it("a 48 MiB chunked form post to /login is refused at the form limit", async () => {
    const c = await new Client(app.base).ready();
    const res = await chunkedPost(
      "/login",
      { Cookie: c.header(), "Content-Type": "application/x-www-form-urlencoded" },
      Buffer.from(`csrf=${c.csrf}&email=`),
      48 * MiB,
      () => Buffer.alloc(MiB, 0x61),
    );
    expect(res.status).toBe(413);
    // cut off near the limit, not read whole (what the client managed to send before the answer)
    expect(res.sent).toBeLessThan(MAX_FORM_BYTES + 16 * MiB);
  });

  it("a 140 MiB chunked photo upload is refused at the upload limit", async () => {
    const { product, producer } = await createProduct({ nameId: "Tas purun", nameEn: "Purun bag" });
    const c = await new Client(app.base, await producerMemberCookie(producer.id)).ready();
    const boundary = "----anjungboundary";
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${c.csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupload\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="note0"\r\n\r\n`,
    );
    // many parts, each under the per-file limit (15 MiB), so only the total limit can stop them
    const part = (i: number) =>
      Buffer.concat([
        Buffer.alloc(MiB, 0x62),
        (i + 1) % 10 === 0
          ? Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="note${i + 1}"\r\n\r\n`)
          : Buffer.alloc(0),
      ]);
    const res = await chunkedPost(
      `/sell/products/${product.id}`,
      { Cookie: c.header(), "Content-Type": `multipart/form-data; boundary=${boundary}` },
      head,
      140 * MiB,
      part,
    );
    expect(res.status).toBe(413);
    expect(res.sent).toBeGreaterThan(MAX_MULTIPART_BYTES - MiB);
    expect(res.sent).toBeLessThan(MAX_MULTIPART_BYTES + 16 * MiB);
    expect(await db.productImage.count({ where: { productId: product.id } })).toBe(0);
  }, 60_000);
});
