/**
 * `npm run bench:jobs`: the job queue, in a throwaway PostgreSQL + Meilisearch, with the
 * worker in its own process as in production (`npm run worker`).
 *
 * 1. edit → searchable: 100 product edits one after another, each committed with its
 *    search job; the time until Meilisearch finds the new word (p50/p95/max). Baseline in
 *    the same run: the same document sent straight to Meilisearch and waited for.
 * 2. the same while a 20,000-row registry import runs (and how fast the import goes).
 * 3. jobs/s one worker process sustains: a trivial job, and one-product index updates.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { benchServices } from "./env";
import { generateCatalogue } from "./catalogue";
import { percentile } from "./lib";

const log = (s: string) => console.log(`bench: ${s}`);
const N = Number(process.argv[2] ?? 5000);
const EDITS = 100;
const IMPORT_ROWS = 20_000;

function spawnWorker(env: Record<string, string> = {}) {
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/worker.ts"], {
    env: { ...process.env, WORKER_NAME: "bench-worker", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise<ChildProcess>((resolve, reject) => {
    child.stdout!.on("data", (d) => String(d).includes("READY") && resolve(child));
    child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

async function stop(child: ChildProcess) {
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), max: s[s.length - 1] };
};
const show = (x: { p50: number; p95: number; max: number }) =>
  `p50 ${x.p50.toFixed(0)} ms, p95 ${x.p95.toFixed(0)} ms, max ${x.max.toFixed(0)} ms`;

async function main() {
  const services = await benchServices("jobs");
  try {
    await generateCatalogue(N);
    const { db } = await import("../../app/lib/db.server");
    const { reindexAll } = await import("../../search/indexing");
    const { getMeili, indexName } = await import("../../search/client");
    const { buildDocuments } = await import("../../search/documents");
    const { productChanged } = await import("../../app/jobs/search-index.server");
    const { createImportJob, TEMPLATE_COLUMNS, TEMPLATE_EXAMPLE } =
      await import("../../app/domain/imports/registry-import.server");
    await reindexAll();
    log(`${N.toLocaleString("en")} products indexed`);
    const index = getMeili().index(indexName("products"));
    // the document as Meilisearch serves it (a search would typo-match an earlier edit's word)
    const searchable = async (id: string, word: string, since: number) => {
      for (;;) {
        const doc = await index.getDocument(id, { fields: ["name_id"] }).catch(() => null);
        if (doc && String(doc.name_id).includes(word)) return performance.now() - since;
        if (performance.now() - since > 30_000) throw new Error(`"${word}" not searchable after 30 s`);
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    let k = 0;
    const edit = async () => {
      const id = `b${1 + ((k * 37) % N)}`;
      const word = `zebrawood${k++}q`;
      await db.$transaction(async (tx) => {
        await tx.product.update({ where: { id }, data: { nameId: `Keranjang ${word}`, nameEn: `Basket ${word}` } });
        await productChanged(tx, id);
      });
      return searchable(id, word, performance.now());
    };

    // baseline: the document straight to Meilisearch, waited for (taken between the queued edits, so both
    // see Meilisearch in the same state)
    const direct: number[] = [];
    const directEdit = async (i: number) => {
      const id = `b${1 + ((i * 53 + 7) % N)}`;
      const word = `directwood${i}q`;
      await db.product.update({ where: { id }, data: { nameId: `Keranjang ${word}` } });
      const t0 = performance.now();
      const { upserts } = await buildDocuments(db, [id]);
      await index.addDocuments(upserts, { primaryKey: "id" }).waitTask({ interval: 5 });
      direct.push(await searchable(id, word, t0));
    };

    const worker = await spawnWorker({ IMPORT_CHUNK_ROWS: "200" });
    let idle: number[] = [];
    let busy: number[] = [];
    let importSeconds = 0;
    let importedAtEnd = 0;
    try {
      for (let i = 0; i < 5; i++) await edit(); // warm-up
      for (let i = 0; i < EDITS; i++) {
        await directEdit(i);
        idle.push(await edit());
      }

      // the same while an import of 20,000 rows runs
      const staff = await db.user.create({
        data: { email: "bench-staff@example.test", name: "Staff", passwordHash: "x", roles: ["STAFF"] },
      });
      await db.category.upsert({
        where: { slug: "anyaman-rotan" },
        create: { slug: "anyaman-rotan", nameId: "Anyaman rotan", nameEn: "Rattan weaving" },
        update: {},
      });
      const rows = Array.from({ length: IMPORT_ROWS }, (_, i) =>
        TEMPLATE_EXAMPLE[0]
          .replace("6309000000001", `65${String(i).padStart(11, "0")}`)
          .replace("Kelompok Anyam Amuntai Jaya", `Kelompok Bench ${i}`)
          .replace("AMJ-TAS-01", `BENCH-IMP-${i}`),
      );
      const job = await createImportJob(staff.id, "bench.csv", `${TEMPLATE_COLUMNS.join(",")}\n${rows.join("\n")}\n`);
      const importStart = performance.now();
      const progress = async () => (await db.importJob.findUniqueOrThrow({ where: { id: job.id } })).processed;
      while ((await progress()) < 400) await new Promise((r) => setTimeout(r, 50));
      // spread over the import: one edit every half second
      for (let i = 0; i < EDITS; i++) {
        const t0 = performance.now();
        busy.push(await edit());
        await new Promise((r) => setTimeout(r, Math.max(0, 500 - (performance.now() - t0))));
      }
      importedAtEnd = await progress();
      for (;;) {
        const j = await db.importJob.findUniqueOrThrow({ where: { id: job.id } });
        if (j.status === "DONE" || j.status === "FAILED") break;
        await new Promise((r) => setTimeout(r, 200));
      }
      importSeconds = (performance.now() - importStart) / 1000;
      const waitIdle = async () => {
        for (;;) {
          const [{ n }] = await db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM graphile_worker.jobs`;
          if (n === 0) return;
          await new Promise((r) => setTimeout(r, 100));
        }
      };
      await waitIdle();
      idle = idle.filter(Number.isFinite);
      busy = busy.filter(Number.isFinite);

      // throughput: one worker process, default concurrency
      const M = 2000;
      const indexT0 = performance.now();
      await db.$executeRawUnsafe(
        `SELECT graphile_worker.add_jobs(array_agg(('search_index', json_build_object('productIds', json_build_array('b' || g)), null, null, null, 'search:product:b' || g, 0, null)::graphile_worker.job_spec)) FROM generate_series(1, ${M}) g`,
      );
      await waitIdle();
      const indexRate = M / ((performance.now() - indexT0) / 1000);
      await stop(worker);

      // a trivial job needs a task list with one: an in-process worker, same settings
      const { startWorker } = await import("../../app/jobs/worker.server");
      const T = 10_000;
      await db.$executeRawUnsafe(
        `SELECT graphile_worker.add_jobs(array_agg(('bench_noop', json_build_object('n', g), null, null, null, null, null, null)::graphile_worker.job_spec)) FROM generate_series(1, ${T}) g`,
      );
      const noopT0 = performance.now();
      const inproc = await startWorker({ log: () => {}, tasks: { bench_noop: async () => undefined } });
      await waitIdle();
      const noopRate = T / ((performance.now() - noopT0) / 1000);
      await inproc.stop();

      const base = stats(direct);
      const a = stats(idle);
      const b = stats(busy);
      console.log("\n=== job queue benchmark ===");
      console.log(
        `catalogue: ${N.toLocaleString("en")} products; worker: one process, concurrency ${process.env.WORKER_CONCURRENCY ?? 4}`,
      );
      console.log(`baseline (straight to Meilisearch, waited): ${show(base)}`);
      console.log(
        `edit → searchable, ${EDITS} edits, idle:     ${show(a)}  (target p95 ≤ 500 ms; ${(a.p95 / base.p95).toFixed(1)}× baseline p95)`,
      );
      console.log(
        `edit → searchable, during the import:   ${show(b)}  (target p95 ≤ 2000 ms; ${(b.p95 / base.p95).toFixed(1)}× baseline p95)`,
      );
      console.log(
        `import: ${IMPORT_ROWS.toLocaleString("en")} rows in ${importSeconds.toFixed(1)} s (${(IMPORT_ROWS / importSeconds).toFixed(0)} rows/s; ${importedAtEnd.toLocaleString("en")} rows done when the ${EDITS} edits ended)`,
      );
      console.log(
        `throughput, one worker: trivial job ${noopRate.toFixed(0)} jobs/s; one-product index update ${indexRate.toFixed(0)} jobs/s`,
      );
    } finally {
      if (worker.exitCode === null && worker.signalCode === null) await stop(worker);
    }
  } finally {
    await services.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
