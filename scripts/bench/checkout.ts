/**
 * `npx tsx scripts/bench/checkout.ts [buyers] [units]` — the last units of a variant.
 * 500 guest buyers (default) each fill a cart through the app's HTTP routes, then all try
 * to check out at once by bank transfer while only 50 units are left, submitting as the page does
 * with JavaScript (`/checkout.data`: only the action runs). Prints orders/s and
 * latency, and fails (exit 1) unless exactly 50 orders succeed, stock ends at 0 with 50
 * units held, and every other buyer got the "sold out" answer.
 *
 * Baseline, measured in the same run: the same number of concurrent transactions doing
 * only the conditional stock decrement on the same database (the floor any checkout pays).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureBuild } from "../lib/build";
import { benchServices } from "./env";
import { percentile, serveApp, topFrames } from "./lib";
import { seedShipping } from "../seed/shipping";

const args = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const BUYERS = Number(args[0] ?? 500);
const UNITS = Number(args[1] ?? 50);
const PROFILE = process.argv.includes("--profile");
const log = (s: string) => console.log(`bench: ${s}`);

async function seed() {
  const { db } = await import("../../app/lib/db.server");
  const category = await db.category.create({ data: { slug: "madu", nameId: "Madu", nameEn: "Honey", isFood: false } });
  const producer = await db.producer.create({
    data: {
      slug: "kelulut-bench",
      legalName: "Madu Kelulut Bench",
      nib: "6203012345678",
      scale: "MIKRO",
      provinceCode: "62",
      regencyCode: "62.03",
      address: "Kuala Kapuas",
      storyId: "Lebah kelulut",
      contactName: "Ina",
      contactPhone: "+62 811",
      contactEmail: "ina@example.test",
      status: "VERIFIED",
    },
  });
  const product = await db.product.create({
    data: {
      producerId: producer.id,
      slug: "madu-kelulut-bench",
      nameId: "Madu kelulut 250 ml",
      nameEn: "Kelulut honey 250 ml",
      descriptionId: "Madu.",
      descriptionEn: "Honey.",
      categoryId: category.id,
      weightGrams: 300,
      status: "PUBLISHED",
      publishedAt: new Date(),
      variants: {
        create: { sku: "KLT-250", nameId: "250 ml", nameEn: "250 ml", priceAmount: 12_500_000, stock: BUYERS * 2 },
      },
    },
    include: { variants: true },
  });
  await seedShipping(db);
  return { variant: product.variants[0], slug: product.slug };
}

async function main() {
  log(`${BUYERS} buyers, ${UNITS} units left`);
  const services = await benchServices("checkout");
  ensureBuild(log);
  let stopApp: (() => Promise<void>) | undefined;
  const profileDir = PROFILE ? fs.mkdtempSync(path.join(os.tmpdir(), "anjung-prof-")) : undefined;
  let failed = false;
  try {
    const { variant, slug } = await seed();
    const { db } = await import("../../app/lib/db.server");
    const app = await serveApp({ profileDir });
    stopApp = app.stop;
    const port = app.port;
    const base = `http://127.0.0.1:${port}`;

    // 1. every buyer opens the product page (CSRF cookie) and adds one unit to a guest cart
    const buyers: Array<{ cookie: string; csrf: string; review: { checkoutKey: string; reviewDigest: string } }> = [];
    for (let start = 0; start < BUYERS; start += 25) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(25, BUYERS - start) }, async () => {
          const page = await fetch(`${base}/products/${slug}`);
          await page.arrayBuffer();
          const csrf = /__csrf=([^;]+)/.exec(page.headers.get("set-cookie") ?? "")![1];
          const add = await fetch(`${base}/products/${slug}`, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `__csrf=${csrf}` },
            body: new URLSearchParams({ csrf, variantId: variant.id, quantity: "1" }),
            redirect: "manual", // the answer is a redirect back to the page; its Set-Cookie holds the cart
          });
          await add.arrayBuffer();
          const cart = /__cart=([^;]+)/.exec(add.headers.get("set-cookie") ?? "")?.[1];
          if (!cart) throw new Error(`add to cart failed: ${add.status}`);
          return { cookie: `__csrf=${csrf}; __cart=${cart}`, csrf, review: { checkoutKey: "", reviewDigest: "" } };
        }),
      );
      buyers.push(...batch);
    }
    // every buyer reviews the total first, as the checkout page makes them (not timed)
    const form = (
      csrf: string,
      i: number,
      intent: "review" | "place",
      review?: { checkoutKey: string; reviewDigest: string },
    ) =>
      new URLSearchParams({
        csrf,
        intent,
        email: `buyer${i}@example.test`,
        name: `Pembeli ${i}`,
        phone: "+62 812 3456 7890",
        country: "ID",
        province: "63",
        regencyCode: "63.71",
        city: "Banjarmasin",
        address: `Jl. Pangeran Antasari ${i}`,
        postcode: "70111",
        paymentMethod: "BANK_TRANSFER",
        ...review,
      });
    for (let start = 0; start < buyers.length; start += 25) {
      await Promise.all(
        buyers.slice(start, start + 25).map(async (b, k) => {
          const res = await fetch(`${base}/checkout`, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: b.cookie },
            body: form(b.csrf, start + k, "review"),
          });
          const html = await res.text();
          const key = /name="checkoutKey" value="([^"]+)"/.exec(html)?.[1];
          const digest = /name="reviewDigest" value="([^"]+)"/.exec(html)?.[1];
          if (!key || !digest) throw new Error(`review failed: ${res.status}`);
          b.review = { checkoutKey: key, reviewDigest: digest };
        }),
      );
    }
    // only the last units are left now
    await db.variant.update({ where: { id: variant.id }, data: { stock: UNITS } });
    log(`${buyers.length} carts ready and reviewed`);

    // 2. everyone places the order at once
    const latencies: number[] = [];
    const outcomes = { ordered: 0, soldOut: 0, other: [] as string[], lastOrderAt: 0 };
    let refusalBytes = 0;
    const t0 = performance.now();
    await Promise.all(
      buyers.map(async (b, i) => {
        const s = performance.now();
        // as the checkout page submits with JavaScript: the action alone answers (Remix single
        // fetch), so a refusal is its data, not the page rendered again
        const res = await fetch(`${base}/checkout.data`, {
          method: "POST",
          redirect: "manual",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: b.cookie },
          body: form(b.csrf, i, "place", b.review),
        });
        const body = await res.text();
        latencies.push(performance.now() - s);
        // a redirect comes as 202 with its location in the body
        if (res.status === 202 && /\/orders\/AJ/.test(body)) {
          outcomes.ordered++;
          outcomes.lastOrderAt = Math.max(outcomes.lastOrderAt, performance.now() - t0);
        } else if (res.status === 409 && body.includes("checkout.refused.sold-out")) {
          outcomes.soldOut++;
          refusalBytes = body.length;
        } else outcomes.other.push(`${res.status}`);
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    latencies.sort((a, b) => a - b);

    // 3. baseline: the bare conditional decrement, same concurrency, same database
    await db.variant.update({ where: { id: variant.id }, data: { stock: UNITS } });
    const pool = new pg.Pool({
      connectionString: process.env.DATABASE_URL,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
    });
    const b0 = performance.now();
    let baseOk = 0;
    await Promise.all(
      buyers.map(async () => {
        const c = await pool.connect();
        try {
          await c.query("BEGIN");
          const r = await c.query(`UPDATE "Variant" SET stock = stock - 1 WHERE id = $1 AND stock >= 1`, [variant.id]);
          await c.query("COMMIT");
          baseOk += r.rowCount ?? 0;
        } finally {
          c.release();
        }
      }),
    );
    const baseSeconds = (performance.now() - b0) / 1000;
    await pool.end();
    await db.variant.update({ where: { id: variant.id }, data: { stock: 0 } }); // the checkout's result was checked below first

    const stockAfter = await db.order.count({ where: { status: "AWAITING_PAYMENT" } });
    const held = await db.stockReservation.aggregate({
      where: { variantId: variant.id, status: "HELD" },
      _sum: { quantity: true },
    });
    log(
      `checkout: ${BUYERS} attempts in ${seconds.toFixed(2)} s → ${(BUYERS / seconds).toFixed(0)} attempts/s, ${(outcomes.ordered / seconds).toFixed(0)} orders/s`,
    );
    log(`the ${UNITS}th order was placed ${(outcomes.lastOrderAt / 1000).toFixed(2)} s after the rush began`);
    log(
      `checkout latency: p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms, max ${latencies[latencies.length - 1].toFixed(0)} ms`,
    );
    log(
      `outcomes: ${outcomes.ordered} orders, ${outcomes.soldOut} "sold out", ${outcomes.other.length} other ${outcomes.other.slice(0, 5).join(",")}`,
    );
    log(`orders in the database: ${stockAfter}; units held: ${held._sum.quantity ?? 0}`);
    log(`a "sold out" answer: ${refusalBytes} bytes (the action's data; no page render)`);
    log(
      `baseline (bare conditional UPDATE, ${BUYERS} concurrent transactions): ${(BUYERS / baseSeconds).toFixed(0)} tx/s, ${baseOk} decrements; checkout/baseline throughput ratio ${(BUYERS / seconds / (BUYERS / baseSeconds)).toFixed(3)}`,
    );
    const ratio = BUYERS / seconds / (BUYERS / baseSeconds);
    const p99 = percentile(latencies, 99);
    log(
      ratio >= 0.2 && p99 <= 2000
        ? `PASS: attempts/s ${ratio.toFixed(3)} of the bare UPDATE (target ≥ 0.2), p99 ${p99.toFixed(0)} ms (target ≤ 2000)`
        : `target missed: attempts/s ${ratio.toFixed(3)} of the bare UPDATE (target ≥ 0.2), p99 ${p99.toFixed(0)} ms (target ≤ 2000)`,
    );
    const ok =
      outcomes.ordered === UNITS &&
      outcomes.soldOut === BUYERS - UNITS &&
      outcomes.other.length === 0 &&
      stockAfter === UNITS &&
      (held._sum.quantity ?? 0) === UNITS &&
      baseOk === UNITS;
    log(
      ok
        ? `PASS: exactly ${UNITS} succeeded, 0 oversold, ${BUYERS - UNITS} told "sold out"`
        : "FAIL: the checkout oversold or refused wrongly",
    );
    failed = !ok;
  } finally {
    await stopApp?.();
    if (profileDir) {
      log("top self time in the app process (whole run):");
      for (const f of topFrames(profileDir, 20)) log(`  ${f}`);
      fs.rmSync(profileDir, { recursive: true, force: true });
    }
    await services.stop();
  }
  process.exit(failed ? 1 : 0);
}

await main();
