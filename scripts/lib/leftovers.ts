/**
 * Services a previous start of the same data directory left running. When the app is killed hard
 * (SIGKILL, out of memory, a power cut of the parent shell) its embedded PostgreSQL and Meilisearch
 * survive it, holding their ports and data; the next start finds them by their command line (the
 * data directory they serve) and stops them before starting its own.
 */
import fs from "node:fs";
import path from "node:path";

/** Process ids whose argv has `flag` followed by `dir` (e.g. `-D <dir>`, `--db-path <dir>`), ours only. */
export function processesServing(flag: string, dir: string): number[] {
  const wanted = path.resolve(dir);
  const found: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let argv: string[];
    try {
      argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    } catch {
      continue; // gone, or not ours to read
    }
    const i = argv.indexOf(flag);
    if (i >= 0 && argv[i + 1] && path.resolve(argv[i + 1]) === wanted) found.push(pid);
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // a zombie answers signal 0 but is gone once its last thread has exited (until then its other
    // threads may still hold the port)
    const zombie = /^\S+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
    return !zombie || fs.readdirSync(`/proc/${pid}/task`).length > 1;
  } catch {
    return false;
  }
}

/**
 * Stops what serves `dir` (by `flag`): `signal` first, SIGKILL after `graceMs`. Returns the pids it stopped.
 */
export async function stopLeftovers(opts: {
  flag: string;
  dir: string;
  what: string;
  signal: NodeJS.Signals;
  graceMs?: number;
  log: (s: string) => void;
}): Promise<number[]> {
  const pids = processesServing(opts.flag, opts.dir);
  if (!pids.length) return [];
  opts.log(`a previous start left ${opts.what} running (pid ${pids.join(", ")}): stopping it`);
  for (const pid of pids) {
    try {
      process.kill(pid, opts.signal);
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + (opts.graceMs ?? 20_000);
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const pid of pids.filter(alive)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone meanwhile
    }
  }
  const killDeadline = Date.now() + 5_000;
  while (pids.some(alive) && Date.now() < killDeadline) await new Promise((r) => setTimeout(r, 50));
  return pids;
}
