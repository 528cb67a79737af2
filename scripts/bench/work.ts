/**
 * `npx tsx scripts/bench/work.ts [small] [large]` — the database work one page costs, and
 * whether it grows with the catalogue. For a generated catalogue of `small` (1,000) and then
 * `large` (100,000) products, serves the app in this process with the page cache off and
 * requests the home, category, producer and product pages once each (anonymous, then as a
 * signed-in buyer with a cart), recording every statement sent to PostgreSQL. Each read is
 * then run again under `EXPLAIN (ANALYZE, FORMAT JSON)` to count the rows PostgreSQL read
 * (rows each scan returned plus rows its filter removed) and to name the index of each scan.
 * Prints, per page and catalogue size: round trips, rows read, rows returned, and the scans.
 * Targets: ≤ 5 round trips per page; rows read the same at both sizes.
 */
import type { AddressInfo } from "node:net";
import path from "node:path";
import pg from "pg";
import { ensureBuild } from "../lib/build";
import { benchServices } from "./env";
import { generateCatalogue, signedInBuyer } from "./catalogue";
import type { ObservedStatement } from "../../app/lib/db-adapter.server";

const log = (s: string) => console.log(`bench: ${s}`);
const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const SIZES = [Number(args[0] ?? 1_000), Number(args[1] ?? 100_000)];
/** `--sql`: also print each statement and its plan (at the larger size), to see why a scan was chosen */
const SHOW_SQL = process.argv.includes("--sql");

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows": number;
  "Actual Loops": number;
  "Rows Removed by Filter"?: number;
  "Rows Removed by Index Recheck"?: number;
  Plans?: PlanNode[];
};

type Scan = { table: string; how: string; rows: number };

function scans(node: PlanNode, out: Scan[] = []): Scan[] {
  if (node["Relation Name"]) {
    const loops = node["Actual Loops"] || 1;
    const rows =
      (node["Actual Rows"] + (node["Rows Removed by Filter"] ?? 0) + (node["Rows Removed by Index Recheck"] ?? 0)) *
      loops;
    const how = node["Index Name"] ? `${node["Node Type"]} ${node["Index Name"]}` : node["Node Type"];
    out.push({ table: node["Relation Name"], how, rows: Math.round(rows) });
  }
  for (const child of node.Plans ?? []) scans(child, out);
  return out;
}

const argValue = (v: unknown): unknown =>
  typeof v === "bigint" ? v.toString() : Array.isArray(v) ? v.map(argValue) : v;

type PageWork = { trips: number; writes: number; rowsRead: number; rowsReturned: number; scans: Scan[] };

async function explain(client: pg.Client, statements: ObservedStatement[], show = false): Promise<PageWork> {
  const work: PageWork = { trips: statements.length, writes: 0, rowsRead: 0, rowsReturned: 0, scans: [] };
  for (const s of statements) {
    if (s.kind === "begin" || /^\s*(COMMIT|ROLLBACK|SET|SAVEPOINT|RELEASE)\b/i.test(s.sql)) continue;
    if (!/^\s*(SELECT|WITH)\b/i.test(s.sql)) {
      work.writes++;
      continue;
    }
    const res = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${s.sql}`, s.args.map(argValue));
    const plan = (res.rows[0]["QUERY PLAN"] as Array<{ Plan: PlanNode }>)[0].Plan;
    if (show) {
      const text = await client.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${s.sql}`, s.args.map(argValue));
      log(`SQL ${s.sql}\n${text.rows.map((r) => `    ${r["QUERY PLAN"]}`).join("\n")}`);
    }
    const found = scans(plan);
    work.rowsReturned += plan["Actual Rows"];
    work.rowsRead += found.reduce((a, x) => a + x.rows, 0);
    work.scans.push(...found);
  }
  return work;
}

async function measure(n: number) {
  const services = await benchServices(`work-${n}`);
  try {
    const t0 = performance.now();
    await generateCatalogue(n);
    log(
      `catalogue of ${n.toLocaleString("en")} products generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const { db } = await import("../../app/lib/db.server");
    const { observeStatements } = await import("../../app/lib/db-adapter.server");
    const { createApp, listen } = await import("../lib/http");
    // the busiest leaf category and producer, a product in the middle of the catalogue
    const [category] = await db.$queryRawUnsafe<Array<{ slug: string; n: bigint }>>(
      `SELECT c.slug, count(*) n FROM "Product" p JOIN "Category" c ON c.id = p."categoryId" GROUP BY c.slug ORDER BY n DESC LIMIT 1`,
    );
    const producer = await db.producer.findUniqueOrThrow({ where: { id: "bp1" } });
    const product = await db.product.findUniqueOrThrow({ where: { id: `b${Math.floor(n / 2)}` } });
    // a signed-in buyer with two lines in the cart
    const cookie = await signedInBuyer(`buyer-${n}@example.test`);

    const app = await createApp({ uploadsDir: path.join(services.root, "uploads"), pageCacheMs: 0 });
    const server = await listen(app, 0, "127.0.0.1");
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const pages: Array<[string, string]> = [
      ["home", "/"],
      ["category", `/categories/${category.slug}`],
      ["producer", `/producers/${producer.slug}`],
      ["product", `/products/${product.slug}`],
    ];
    const rows: Array<{ page: string; who: string; work: PageWork }> = [];
    for (const who of ["anonymous", "buyer"] as const) {
      const headers: Record<string, string> = who === "buyer" ? { Cookie: cookie } : {};
      for (const [name, p] of pages) {
        await (await fetch(`${base}${p}`, { headers })).arrayBuffer(); // warm: compiled queries, caches of static data
        const seen: ObservedStatement[] = [];
        const stop = observeStatements((s) => seen.push(s));
        const res = await fetch(`${base}${p}`, { headers });
        await res.arrayBuffer();
        stop();
        if (!res.ok) throw new Error(`${p}: ${res.status}`);
        if (SHOW_SQL && n === SIZES[SIZES.length - 1] && who === "anonymous") log(`── ${name}`);
        rows.push({
          page: name,
          who,
          work: await explain(client, seen, SHOW_SQL && n === SIZES[SIZES.length - 1] && who === "anonymous"),
        });
      }
    }
    await client.end();
    await new Promise((r) => server.close(r));
    return rows;
  } finally {
    await services.stop();
  }
}

async function main() {
  ensureBuild(log);
  const results = new Map<number, Awaited<ReturnType<typeof measure>>>();
  for (const n of SIZES) results.set(n, await measure(n));
  const [small, large] = SIZES;
  log("");
  log(
    `${"page".padEnd(9)} ${"who".padEnd(9)} ${"round trips".padStart(11)} ${`rows read @${small}`.padStart(16)} ${`rows read @${large}`.padStart(17)} ${"returned".padStart(8)}  writes`,
  );
  let ok = true;
  for (const [i, r] of results.get(large)!.entries()) {
    const s = results.get(small)![i];
    const flat = r.work.rowsRead <= s.work.rowsRead * 1.1 + 20;
    if (r.work.trips > 5 || !flat) ok = false;
    log(
      `${r.page.padEnd(9)} ${r.who.padEnd(9)} ${String(r.work.trips).padStart(11)} ${String(s.work.rowsRead).padStart(16)} ${String(r.work.rowsRead).padStart(17)} ${String(r.work.rowsReturned).padStart(8)}  ${r.work.writes}${flat ? "" : "  ← grows with the catalogue"}`,
    );
  }
  log("");
  log(`scans at ${large.toLocaleString("en")} products (table: how, rows read):`);
  for (const r of results.get(large)!) {
    if (r.who !== "anonymous") continue;
    const bits = r.work.scans.map((x) => `${x.table}: ${x.how}, ${x.rows}`);
    log(`  ${r.page}: ${bits.join(" | ")}`);
  }
  log(ok ? "PASS: ≤ 5 round trips per page, rows read independent of catalogue size" : "target missed");
}

await main();
process.exit(0);
