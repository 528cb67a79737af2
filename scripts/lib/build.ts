import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

function newestMtime(entry: string): number {
  if (entry === path.join("public", "build") || entry === path.join("app", "generated")) return 0;
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** True when build/ is missing or older than any source that goes into it. */
export function buildIsStale(): boolean {
  const built = path.join(root, "build", "index.js");
  if (!fs.existsSync(built)) return true;
  const builtAt = fs.statSync(built).mtimeMs;
  const inputs = ["app", "public", "remix.config.js", "tsconfig.json", "package.json", "prisma/schema.prisma"];
  return inputs.some((i) => newestMtime(i) > builtAt);
}

export function ensureGeneratedClient() {
  if (fs.existsSync(path.join(root, "app", "generated", "prisma", "client.ts"))) return;
  run(["prisma", "generate"], { DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://localhost:5432/placeholder" });
}

export function ensureBuild(log: (s: string) => void) {
  ensureGeneratedClient();
  if (!buildIsStale()) return;
  log("building the app (remix build)…");
  // The Remix CLI loads its Vite plugin (through vite-node's CommonJS build) even for the classic
  // compiler we use, and Vite warns about that CommonJS entry on every build; nothing of ours uses Vite.
  run(["remix", "build"], { NODE_ENV: "production", VITE_CJS_IGNORE_WARNING: "true" });
}

function run(cmd: string[], env: Record<string, string>) {
  const [bin, ...args] = cmd;
  const res = spawnSync(path.join(root, "node_modules", ".bin", bin), args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (res.status !== 0) throw new Error(`${cmd.join(" ")} failed with exit code ${res.status}`);
}
