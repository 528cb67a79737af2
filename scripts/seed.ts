/** `npm run seed`: seeds the demo catalogue into an empty database (embedded or DATABASE_URL). */
import { startServices } from "./lib/services";
import { StartupError } from "./lib/errors";

const log = (s: string) => console.log(`seed: ${s}`);

async function main() {
  const services = await startServices({ log, migrate: true });
  try {
    const { seedIfEmpty } = await import("./seed/seed");
    const seeded = await seedIfEmpty(log);
    if (!seeded) log("the database already has data: nothing to do");
    const { prepareSearch } = await import("../search/indexing");
    const res = await prepareSearch(log);
    if (res.ok) {
      const { drainJobs } = await import("../app/jobs/worker.server");
      await drainJobs();
    }
  } finally {
    const { disconnectDb } = await import("../app/lib/db.server");
    await disconnectDb();
    await services.stop();
  }
}

main().catch((err) => {
  console.error(err instanceof StartupError ? `seed: ${err.message}` : err);
  process.exit(1);
});
