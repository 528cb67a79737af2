/**
 * `npm run serve -- [port]`: one stateless app process (no embedded services, no worker),
 * for running several behind a load balancer; prints READY when listening. Needs
 * DATABASE_URL, MEILI_HOST, MEILI_MASTER_KEY, SESSION_SECRET (shared by all processes),
 * and DATA_DIR on storage every process sees (uploads). See docs/scaling.md.
 *
 * `SERVE_PROCESSES=n` runs n such processes behind the same port (node:cluster: the
 * primary accepts connections and hands them to the processes in turn), as the
 * benchmarks do to measure how throughput grows with processes.
 */
import cluster from "node:cluster";
import path from "node:path";
import { createApp, listen } from "./lib/http";

const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);
const processes = Math.max(1, Number(process.env.SERVE_PROCESSES ?? 1));

if (processes > 1 && cluster.isPrimary) {
  let ready = 0;
  for (let i = 0; i < processes; i++) {
    cluster.fork().on("message", (m) => {
      if (m === "READY" && ++ready === processes) console.log("READY");
    });
  }
  let stopping = false;
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
  };
  cluster.on("exit", () => {
    if (!stopping) stop();
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} else {
  const app = await createApp({
    uploadsDir: path.join(path.resolve(process.env.DATA_DIR ?? ".data"), "uploads"),
    pageCacheMs: process.env.PAGE_CACHE_MS === undefined ? undefined : Number(process.env.PAGE_CACHE_MS),
  });
  const server = await listen(app, port, process.env.HOST ?? "127.0.0.1");
  if (cluster.isWorker) process.send?.("READY");
  else console.log("READY");
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
