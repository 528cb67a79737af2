/** Child processes for the fault and scale-out tests: app servers and workers, stopped by PID. */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "../../scripts/lib/ports";

const tsx = path.resolve("node_modules/.bin/tsx");

export async function until(child: ChildProcess, marker: string, timeoutMs = 60_000) {
  let out = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${marker} after ${timeoutMs} ms: ${out.slice(-500)}`)),
      timeoutMs,
    );
    child.stdout!.on("data", (d) => {
      out += String(d);
      if (out.includes(marker)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before ${marker}: ${out.slice(-500)}`));
    });
  });
}

export async function spawnApp(env: Record<string, string | undefined> = {}) {
  const port = await freePort();
  const child = spawn(tsx, ["scripts/serve.ts", String(port)], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr!.on("data", () => undefined);
  await until(child, "READY");
  return { base: `http://127.0.0.1:${port}`, child, stop: () => stopChild(child) };
}

export async function spawnWorker(name: string, env: Record<string, string | undefined> = {}) {
  const child = spawn(tsx, ["scripts/worker.ts"], {
    env: { ...process.env, WORKER_NAME: name, WORKER_POLL_MS: "200", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stderr!.on("data", () => undefined);
  await until(child, "READY");
  return { child, stop: () => stopChild(child) };
}

export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000, stepMs = 200) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return false;
}
