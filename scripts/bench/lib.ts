/** Small helpers for benchmarks: the app in its own processes, bounded concurrent load on loopback, and percentiles. */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "../lib/ports";

/**
 * scripts/serve.ts in a child process on a free loopback port, as in production: `processes`
 * app processes behind that port (node:cluster), `pageCacheMs` "0" for a full render per
 * request, `profileDir` to run it under `node --cpu-prof`. Resolves once every process listens.
 */
export async function serveApp(opts: { pageCacheMs?: string; processes?: number; profileDir?: string }) {
  const port = await freePort();
  const node = opts.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${opts.profileDir}`] : [];
  const child = spawn(process.execPath, [...node, "--import", "tsx", "scripts/serve.ts", String(port)], {
    env: {
      ...process.env,
      APP_URL: `http://127.0.0.1:${port}`,
      PAGE_CACHE_MS: opts.pageCacheMs ?? "5000",
      SERVE_PROCESSES: String(opts.processes ?? 1),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d) => String(d).includes("READY") && resolve());
    child.once("exit", (c) => reject(new Error(`app server exited with ${c}`)));
  });
  return {
    port,
    stop: () =>
      new Promise<void>((r) => {
        child.removeAllListeners("exit");
        child.once("exit", () => r());
        child.kill("SIGTERM");
      }),
  };
}
export type LoadResult = {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
};

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/**
 * `connections` clients each send requests back to back until `total` requests are done
 * or `maxSeconds` pass, whichever first. Latency is measured per request, body included.
 */
export async function load(
  make: (i: number) => Promise<Response>,
  opts: { connections: number; total: number; maxSeconds: number; warmup?: number },
): Promise<LoadResult> {
  for (let i = 0; i < (opts.warmup ?? 50); i++) await (await make(i)).arrayBuffer();
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + opts.maxSeconds * 1000;
  const worker = async () => {
    while (next < opts.total && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      try {
        const res = await make(i);
        await res.arrayBuffer();
        if (!res.ok) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
  return {
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    mean,
  };
}

export function fmt(r: LoadResult) {
  return `${r.requests} req in ${r.seconds.toFixed(1)} s (${r.rps.toFixed(0)} req/s, ${r.errors} errors) p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`;
}

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
};

/** The functions with the most self time in a V8 CPU profile (all profiles in `dir`). */
export function topFrames(dir: string, n = 12) {
  const self = new Map<string, number>();
  const byPart = new Map<string, number>();
  let total = 0;
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith(".cpuprofile"))) {
    const prof = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as { nodes: ProfileNode[] };
    const hits = prof.nodes.reduce((a, x) => a + x.hitCount, 0);
    const idle = prof.nodes.filter((x) => x.callFrame.functionName === "(idle)").reduce((a, x) => a + x.hitCount, 0);
    // tsx's module loader hooks run on a thread of their own that idles all along: not the server
    if (idle > 0.9 * hits) continue;
    for (const node of prof.nodes) {
      const { functionName, url, lineNumber } = node.callFrame;
      const where = url
        ? `${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/(build|app|scripts)\//, "$1/")}:${lineNumber + 1}`
        : "";
      const key = `${functionName || "(anonymous)"} ${where}`.trim();
      self.set(key, (self.get(key) ?? 0) + node.hitCount);
      byPart.set(partOf(functionName, url), (byPart.get(partOf(functionName, url)) ?? 0) + node.hitCount);
      total += node.hitCount;
    }
  }
  const pct = (v: number) => `${((100 * v) / total).toFixed(1).padStart(5)}%`;
  return [
    ...[...byPart.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([k, v]) => `${pct(v)}  [${k}]`),
    ...[...self.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${pct(v)}  ${k}`),
  ];
}

/** Where a frame's self time goes, by package: what to work on first. */
function partOf(fn: string, url: string): string {
  if (!url) return fn.startsWith("(") ? fn : "node internals";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith("wasm://")) return "wasm (Prisma query compiler)";
  if (url.startsWith("node:")) return "node internals";
  if (/\/build\//.test(url)) return "app (server build)";
  return "app";
}
