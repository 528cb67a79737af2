import { spawn } from "node:child_process";
import path from "node:path";
import { StartupError } from "./errors";

const root = path.resolve(import.meta.dirname, "..", "..");
const prismaBin = path.join(root, "node_modules", ".bin", "prisma");

/** Runs the Prisma CLI (WebAssembly schema engine through the pg adapter) and returns its output. */
export function runPrisma(args: string[], databaseUrl: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(prismaBin, args, {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve(out);
      else reject(new StartupError(`prisma ${args.join(" ")} failed:\n${out.trim()}`));
    });
  });
}

/** Applies our migrations, then installs or upgrades the job queue's schema (graphile_worker). */
export async function migrateDeploy(databaseUrl: string) {
  const out = await runPrisma(["migrate", "deploy"], databaseUrl);
  const { runMigrations, Logger } = await import("graphile-worker");
  await runMigrations({ connectionString: databaseUrl, logger: new Logger(() => () => undefined) });
  return out;
}
