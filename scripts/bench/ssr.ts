/**
 * `npx tsx scripts/bench/ssr.ts [seconds] [products] [--profile]` — server speed of the product page
 * in a generated catalogue of `products` (100,000) products.
 *
 * In one run, each loaded by autocannon with 50 connections for the same duration:
 *   - the ceiling: a bare node:http server answering with the same bytes, already encoded
 *     (measured for the anonymous page and for the signed-in buyer's page);
 *   - Anjung with its anonymous page cache;
 *   - Anjung with the cache off (a full render per request), anonymous and as a signed-in
 *     buyer with a cart (never cached), with one app process and with two behind the same
 *     port (node:cluster), to show how throughput grows with processes on this machine.
 * Prints req/s, p50/p99 and the ratio to the ceiling.
 * Targets: uncached render ≥ 0.15 of the ceiling, p99 ≤ 250 ms, anonymous and buyer.
 *
 * `--profile`: the uncached single-process runs are made under `node --cpu-prof`, and the
 * functions with the most self time are printed.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { ensureBuild } from "../lib/build";
import { benchServices } from "./env";
import { generateCatalogue, signedInBuyer } from "./catalogue";
import { serveApp, topFrames } from "./lib";

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const SECONDS = Number(args[0] ?? 10);
const PRODUCTS = Number(args[1] ?? 100_000);
const PROFILE = process.argv.includes("--profile");
const CONNECTIONS = 50;
const log = (s: string) => console.log(`bench: ${s}`);

function run(url: string, headers: Record<string, string> = {}) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: SECONDS, pipelining: 1, headers }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
  });
}

const line = (name: string, r: autocannon.Result, ceiling?: autocannon.Result) =>
  `${name.padEnd(34)} ${r.requests.average.toFixed(0).padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms  errors ${r.errors + r.non2xx}${ceiling ? `  ratio ${(r.requests.average / ceiling.requests.average).toFixed(3)}` : ""}`;

/** A bare node:http server answering every request with `bytes`: the ceiling for a page of that size. */
async function bare(bytes: Buffer) {
  const headers = { "Content-Type": "text/html; charset=utf-8", "Content-Length": String(bytes.length) };
  const server = http.createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(bytes);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

async function main() {
  const services = await benchServices("ssr");
  ensureBuild(log);
  try {
    const t0 = performance.now();
    await generateCatalogue(PRODUCTS);
    log(`catalogue of ${PRODUCTS.toLocaleString("en")} products in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const { db } = await import("../../app/lib/db.server");
    const product = await db.product.findUniqueOrThrow({ where: { id: `b${Math.floor(PRODUCTS / 2)}` } });
    // a signed-in buyer with two lines in the cart: pages for them are never cached
    const cookie = await signedInBuyer("buyer@example.test");
    const buyerHeaders = { Cookie: cookie };
    const pagePath = `/products/${product.slug}`;

    const cached = await serveApp({ pageCacheMs: "5000" });
    const url = `http://127.0.0.1:${cached.port}${pagePath}`;
    const anonBytes = Buffer.from(await (await fetch(url)).arrayBuffer());
    const buyerBytes = Buffer.from(await (await fetch(url, { headers: buyerHeaders })).arrayBuffer());
    log(
      `product page: ${(anonBytes.length / 1024).toFixed(1)} KB HTML anonymous, ${(buyerBytes.length / 1024).toFixed(1)} KB signed in; ${CONNECTIONS} connections, ${SECONDS} s each`,
    );
    const anonCeilingServer = await bare(anonBytes);
    const ceiling = await run(anonCeilingServer.url);
    anonCeilingServer.close();
    const buyerCeilingServer = await bare(buyerBytes);
    const buyerCeiling = await run(buyerCeilingServer.url);
    buyerCeilingServer.close();
    const cachedRun = await run(url);
    await cached.stop();

    const results: Array<{ processes: number; anon: autocannon.Result; buyer: autocannon.Result }> = [];
    let frames: string[] = [];
    for (const processes of [1, 2]) {
      const profileDir =
        PROFILE && processes === 1 ? fs.mkdtempSync(path.join(os.tmpdir(), "anjung-prof-")) : undefined;
      const app = await serveApp({ pageCacheMs: "0", processes, profileDir });
      const u = `http://127.0.0.1:${app.port}${pagePath}`;
      const anon = await run(u);
      const signedIn = await run(u, buyerHeaders);
      await app.stop();
      results.push({ processes, anon, buyer: signedIn });
      if (profileDir) {
        frames = topFrames(profileDir);
        fs.rmSync(profileDir, { recursive: true, force: true });
      }
    }

    log(line("bare node:http, anonymous bytes", ceiling));
    log(line("bare node:http, buyer's bytes", buyerCeiling));
    log(line("Anjung, page cache on (anonymous)", cachedRun, ceiling));
    for (const r of results) {
      log(line(`Anjung, no cache, anonymous, ×${r.processes}`, r.anon, ceiling));
      log(line(`Anjung, no cache, buyer, ×${r.processes}`, r.buyer, buyerCeiling));
    }
    const [one, two] = results;
    log(
      `two processes / one: anonymous ×${(two.anon.requests.average / one.anon.requests.average).toFixed(2)}, buyer ×${(two.buyer.requests.average / one.buyer.requests.average).toFixed(2)} (${os.cpus().length} cores, the load generator shares them)`,
    );
    if (frames.length) {
      log("top self time, one process, uncached (anonymous then buyer):");
      for (const f of frames) log(`  ${f}`);
    }
    const ok =
      one.anon.requests.average >= 0.15 * ceiling.requests.average &&
      one.buyer.requests.average >= 0.15 * buyerCeiling.requests.average &&
      one.anon.latency.p99 <= 250 &&
      one.buyer.latency.p99 <= 250;
    log(
      ok
        ? "PASS: uncached render ≥ 0.15 of the ceiling and p99 ≤ 250 ms, anonymous and signed in"
        : "target missed (uncached ≥ 0.15 of the ceiling, p99 ≤ 250 ms)",
    );
  } finally {
    await services.stop();
  }
}

await main();
process.exit(0);
