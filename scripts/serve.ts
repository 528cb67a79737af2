/**
 * `npm run serve -- [port]`: one stateless app process (no embedded services, no worker),
 * for running several behind a load balancer; prints READY when listening. Needs
 * DATABASE_URL, MEILI_HOST, MEILI_MASTER_KEY, SESSION_SECRET (shared by all processes),
 * and DATA_DIR on storage every process sees (uploads). See docs/scaling.md.
 */
import path from "node:path";
import { createApp, listen } from "./lib/http";

const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);
const app = await createApp({
  uploadsDir: path.join(path.resolve(process.env.DATA_DIR ?? ".data"), "uploads"),
  pageCacheMs: process.env.PAGE_CACHE_MS === undefined ? undefined : Number(process.env.PAGE_CACHE_MS),
});
const server = await listen(app, port, process.env.HOST ?? "127.0.0.1");
console.log("READY");
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
