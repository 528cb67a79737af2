/**
 * `npx tsx scripts/bench/search.ts [products]` — search at catalogue scale.
 * 1. generates N products (default 100,000) in a throwaway PostgreSQL,
 * 2. times a full reindex into a throwaway Meilisearch,
 * 3. loads the /search route and the same query sent straight to Meilisearch (the
 *    baseline) with 20 concurrent clients in the same run, and prints p50/p95/p99,
 * 4. times how long an edited product takes to become searchable through the job queue
 *    (scripts/bench/jobs.ts measures it over 100 edits, with and without a running import).
 * Targets: reindex ≤ 60 s; the route adds ≤ 15 ms p95 over Meilisearch and stays ≤ 50 ms p95;
 * an edit is searchable ≤ 2 s after commit.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureBuild } from "../lib/build";
import { freePort } from "../lib/ports";
import { benchServices } from "./env";
import { fmt, load } from "./lib";

const N = Number(process.argv[2] ?? 100_000);
import { generateCatalogue as generate } from "./catalogue";

const CONNECTIONS = 20;
const log = (s: string) => console.log(`bench: ${s}`);

const QUERIES = [
  "rotan",
  "anyaman rotan",
  "madu kelulut",
  "rattan basket",
  "honey",
  "kopi",
  "sasirangan",
  "rottan",
  "amplang",
  "purun",
  "tas",
  "manik",
  "kain",
  "coffee beans",
  "herbal",
];
const FILTERS = ["", "&cert=HALAL", "&province=62", "&category=anyaman", "&export=1", "&sort=price_asc"];

async function main() {
  ensureBuild(log);
  const services = await benchServices("search");
  let server: ReturnType<typeof spawn> | undefined;
  try {
    let t = performance.now();
    await generate(N);
    log(`generated ${N.toLocaleString("en")} products in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const { reindexAll } = await import("../../search/indexing");
    t = performance.now();
    const r = await reindexAll();
    const reindexSeconds = (performance.now() - t) / 1000;
    log(`full reindex: ${r.indexed.toLocaleString("en")} documents in ${reindexSeconds.toFixed(1)} s (target ≤ 60 s)`);

    // the app in its own process, as in production
    const port = await freePort();
    server = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/serve.ts", String(port)], {
      env: process.env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      server!.stdout!.on("data", (d) => String(d).includes("READY") && resolve());
      server!.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
    });

    const { parseSearchParams } = await import("../../app/domain/catalogue/search.server");
    const { buildFilter } = await import("../../app/domain/catalogue/search.server");
    const qs = (i: number) => `q=${encodeURIComponent(QUERIES[i % QUERIES.length])}${FILTERS[i % FILTERS.length]}`;
    const meiliBody = (i: number) => {
      const p = parseSearchParams(new URL(`http://x/search?${qs(i)}`));
      const sort = p.sort === "price_asc" ? ["price:asc"] : undefined;
      return JSON.stringify({
        q: p.q,
        filter: buildFilter(p),
        facets: ["categoryPath", "provinceCode", "regencyCode", "certifications", "exportReady", "price"],
        sort,
        hitsPerPage: 24,
        page: 1,
        attributesToHighlight: ["name_id"],
        highlightPreTag: "\uE000",
        highlightPostTag: "\uE001",
      });
    };
    const total = 4000;
    const direct = await load(
      (i) =>
        fetch(`${process.env.MEILI_HOST}/indexes/bench_products/search`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${process.env.MEILI_MASTER_KEY}` },
          body: meiliBody(i),
        }),
      { connections: CONNECTIONS, total, maxSeconds: 30 },
    );
    const route = await load((i) => fetch(`http://127.0.0.1:${port}/search?${qs(i)}`), {
      connections: CONNECTIONS,
      total,
      maxSeconds: 30,
    });
    // what the page fetches while the buyer types (Remix single-fetch data, no HTML)
    const routeData = await load((i) => fetch(`http://127.0.0.1:${port}/search.data?${qs(i)}`), {
      connections: CONNECTIONS,
      total,
      maxSeconds: 30,
    });
    const api = await load(
      (i) =>
        fetch(`http://127.0.0.1:${port}/api/v1/products?${qs(i)}`, {
          headers: { "X-Forwarded-For": `10.0.${i % 250}.1` },
        }),
      {
        connections: CONNECTIONS,
        total: Math.min(total, 1000),
        maxSeconds: 30,
      },
    );

    // edit → searchable, through the job queue
    const { db } = await import("../../app/lib/db.server");
    const { productChanged } = await import("../../app/jobs/search-index.server");
    const { getMeili, indexName } = await import("../../search/client");
    const { startWorker } = await import("../../app/jobs/worker.server");
    const worker = await startWorker({ log: () => {} });
    const edits: number[] = [];
    for (let k = 0; k < 5; k++) {
      const word = `zebrawood${k}x${Date.now() % 100000}`;
      const id = `b${1 + k * 997}`;
      await db.$transaction(async (tx) => {
        await tx.product.update({ where: { id }, data: { nameId: `Keranjang ${word}`, nameEn: `Basket ${word}` } });
        await productChanged(tx, id);
      });
      const committed = performance.now();
      for (;;) {
        const hits = await getMeili().index(indexName("products")).search(word, { limit: 1 });
        if (hits.hits.length) break;
        if (performance.now() - committed > 10_000) throw new Error("edit not searchable after 10 s");
        await new Promise((res) => setTimeout(res, 10));
      }
      edits.push(performance.now() - committed);
    }
    await worker.stop();
    edits.sort((a, b) => a - b);

    console.log("\n=== search benchmark ===");
    console.log(`products: ${N.toLocaleString("en")}, concurrency: ${CONNECTIONS}`);
    console.log(`full reindex:           ${reindexSeconds.toFixed(1)} s  (target ≤ 60 s)`);
    console.log(`Meilisearch direct:     ${fmt(direct)}`);
    console.log(`/search route (SSR):    ${fmt(route)}`);
    console.log(`/search.data (typing):  ${fmt(routeData)}`);
    console.log(`/api/v1/products:       ${fmt(api)}`);
    console.log(
      `route overhead p95:     HTML ${(route.p95 - direct.p95).toFixed(1)} ms, data ${(routeData.p95 - direct.p95).toFixed(1)} ms  (target ≤ 15 ms); route p95 ${route.p95.toFixed(1)} ms (target ≤ 50 ms); ratio HTML/direct ${(route.p95 / direct.p95).toFixed(2)}×`,
    );
    console.log(
      `edit → searchable:      median ${edits[2].toFixed(0)} ms, max ${edits[4].toFixed(0)} ms  (target ≤ 2000 ms)`,
    );
  } finally {
    server?.kill("SIGTERM");
    await services.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
