/**
 * `npx tsx scripts/bench/ssr.ts [seconds]` — server speed of the product page.
 * In one run: the same product page HTML served by a bare node:http server (the ceiling)
 * and by Anjung's product route (with its anonymous page cache, and once more with the
 * cache off, i.e. a full render per request), each loaded by autocannon with 50
 * connections for the same duration. Prints req/s, p50/p99 and the ratio to the ceiling.
 * Targets: Anjung ≥ 50% of the bare server, p99 ≤ 100 ms at 50 connections.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { spawn } from "node:child_process";
import path from "node:path";
import autocannon from "autocannon";
import { ensureBuild } from "../lib/build";
import { freePort } from "../lib/ports";
import { benchServices } from "./env";

const SECONDS = Number(process.argv[2] ?? 10);
const CONNECTIONS = 50;
const log = (s: string) => console.log(`bench: ${s}`);

async function seedProduct() {
  const { db } = await import("../../app/lib/db.server");
  const category = await db.category.create({
    data: { slug: "anyaman-rotan", nameId: "Anyaman rotan", nameEn: "Rattan weaving" },
  });
  const producer = await db.producer.create({
    data: {
      slug: "jawet-uei-bench",
      legalName: "Kelompok Anyam Jawet Uei",
      nib: "6209012345678",
      scale: "MIKRO",
      provinceCode: "62",
      regencyCode: "62.09",
      address: "Tumbang Samba",
      storyId: "Penganyam rotan dari Katingan.",
      storyEn: "Rattan weavers of Katingan.",
      contactName: "Ina",
      contactPhone: "+62 811",
      contactEmail: "ina@example.test",
      status: "VERIFIED",
    },
  });
  const product = await db.product.create({
    data: {
      producerId: producer.id,
      slug: "jawet-uei-bench",
      nameId: "Jawet Uei anyaman rotan",
      nameEn: "Jawet Uei woven rattan basket",
      descriptionId: "Keranjang punggung dari rotan uei, dianyam tangan.",
      descriptionEn: "Hand-woven back basket of uei rattan.",
      categoryId: category.id,
      weightGrams: 900,
      status: "PUBLISHED",
      publishedAt: new Date(),
      exportReady: true,
      hsCode: "4602.12",
      variants: {
        create: [
          { sku: "JU-S", nameId: "Kecil", nameEn: "Small", priceAmount: 15_000_000, stock: 40 },
          { sku: "JU-L", nameId: "Besar", nameEn: "Large", priceAmount: 25_000_000, stock: 12, position: 1 },
        ],
      },
    },
  });
  return product.slug;
}

function run(url: string) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: SECONDS, pipelining: 1 }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
  });
}

const line = (name: string, r: autocannon.Result, ceiling?: autocannon.Result) =>
  `${name.padEnd(26)} ${r.requests.average.toFixed(0).padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms  errors ${r.errors + r.non2xx}${ceiling ? `  ratio ${(r.requests.average / ceiling.requests.average).toFixed(3)}` : ""}`;

async function serve(pageCacheMs: string) {
  const port = await freePort();
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/serve.ts", String(port)], {
    env: { ...process.env, PAGE_CACHE_MS: pageCacheMs },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d) => String(d).includes("READY") && resolve());
    child.on("exit", (c) => reject(new Error(`server exited ${c}`)));
  });
  return { port, stop: () => new Promise<void>((r) => (child.once("exit", () => r()), child.kill("SIGTERM"))) };
}

async function main() {
  const services = await benchServices("ssr");
  ensureBuild(log);
  try {
    const slug = await seedProduct();
    const cached = await serve("5000");
    const url = `http://127.0.0.1:${cached.port}/products/${slug}`;
    const page = await fetch(url);
    const html = await page.text();
    // the ceiling: the same bytes, already encoded, from a server that does nothing else
    const bytes = Buffer.from(html);
    const headers = { "Content-Type": "text/html; charset=utf-8", "Content-Length": String(bytes.length) };
    const bare = http.createServer((_req, res) => {
      res.writeHead(200, headers);
      res.end(bytes);
    });
    await new Promise<void>((r) => bare.listen(0, "127.0.0.1", r));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
    log(`product page: ${(html.length / 1024).toFixed(1)} KB HTML; ${CONNECTIONS} connections, ${SECONDS} s each`);
    const ceiling = await run(bareUrl);
    const anjung = await run(url);
    await cached.stop();
    const uncached = await serve("0");
    const render = await run(`http://127.0.0.1:${uncached.port}/products/${slug}`);
    await uncached.stop();
    bare.close();
    log(line("bare node:http (ceiling)", ceiling));
    log(line("Anjung product route", anjung, ceiling));
    log(line("Anjung, cache off", render, ceiling));
    const ok = anjung.requests.average >= 0.5 * ceiling.requests.average && anjung.latency.p99 <= 100;
    log(ok ? "PASS: ≥ 50% of the ceiling and p99 ≤ 100 ms" : "target missed (≥ 50% of the ceiling, p99 ≤ 100 ms)");
  } finally {
    await services.stop();
  }
}

await main();
process.exit(0);
