/** `npm run search:reindex`: rebuilds the product index from PostgreSQL, showing progress. */
import { startServices } from "./lib/services";
import { StartupError } from "./lib/errors";

function bar(done: number, total: number) {
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  const pct = total ? Math.round((done / total) * 100) : 100;
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} (${pct}%)`;
}

async function main() {
  const services = await startServices({ log: (s) => console.log(`reindex: ${s}`) });
  try {
    const { reindexAll } = await import("../search/indexing");
    const started = Date.now();
    const tty = process.stdout.isTTY;
    const r = await reindexAll((done, total) => {
      if (tty) process.stdout.write(`\r${bar(done, total)}`);
      else console.log(bar(done, total));
    });
    if (tty) process.stdout.write("\n");
    console.log(
      `reindex: ${r.indexed} products indexed, ${r.removed} stale documents removed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    const { disconnectDb } = await import("../app/lib/db.server");
    await disconnectDb();
    await services.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof StartupError ? `reindex: ${err.message}` : err);
  process.exit(1);
});
