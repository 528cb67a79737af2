/**
 * Which locale namespaces a route's components use, read from the source: the route file and
 * every module it imports (transitively, `~/…` and relative paths; `.server` modules and
 * type-only imports are left out: they never render). A key is a quoted or template string
 * that starts with a namespace of the locale file followed by a dot ("cart.done.added",
 * `units.${unit}`). Used by the test that keeps each route's `handle.i18n` honest, and by
 * `npx tsx scripts/lib/message-usage.ts` to print what every route uses.
 */
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const appDir = path.join(root, "app");

export function namespaces(): string[] {
  const id = JSON.parse(fs.readFileSync(path.join(appDir, "locales", "id.json"), "utf8")) as Record<string, unknown>;
  return Object.keys(id);
}

function resolveImport(from: string, spec: string): string | undefined {
  let base: string;
  if (spec.startsWith("~/")) base = path.join(appDir, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return undefined;
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, "index.ts"),
    path.join(base, "index.tsx"),
  ])
    if (/\.(ts|tsx)$/.test(candidate) && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  return undefined;
}

const IMPORT = /^\s*import\s+(type\s+)?([\s\S]*?)\s*from\s*["']([^"']+)["'];?/gm;
const EXPORT_FROM = /^\s*export\s+(type\s+)?[\s\S]*?\s+from\s*["']([^"']+)["'];?/gm;

/** The modules a file imports for their values (not only their types). */
function imports(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    if (m[1]) continue;
    // `import { type A, type B } from` imports only types
    const names = m[2]
      .replace(/[{}]/g, "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (names.length > 0 && names.every((n) => n.startsWith("type "))) continue;
    const target = resolveImport(file, m[3]);
    if (target) out.push(target);
  }
  for (const m of text.matchAll(EXPORT_FROM)) {
    if (m[1]) continue;
    const target = resolveImport(file, m[2]);
    if (target) out.push(target);
  }
  return out;
}

/** The files a module renders with: itself and its value imports, without `.server` modules. */
export function closure(entry: string): string[] {
  const seen = new Set<string>();
  const stack = [path.resolve(entry)];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = fs.readFileSync(file, "utf8");
    for (const next of imports(file, text)) if (!/\.server\.tsx?$/.test(next) && !seen.has(next)) stack.push(next);
  }
  return [...seen];
}

/** The namespaces the keys in one file start with. */
export function namespacesUsedIn(text: string, known: readonly string[]): Set<string> {
  const code = text.replace(IMPORT, "").replace(EXPORT_FROM, "");
  const used = new Set<string>();
  const pattern = new RegExp(`["'\`](${known.join("|")})\\.[A-Za-z_$]`, "g");
  for (const m of code.matchAll(pattern)) used.add(m[1]);
  return used;
}

/** Namespace → the files of `entry`'s closure that use it. */
export function usage(entry: string, known = namespaces()): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of closure(entry)) {
    for (const ns of namespacesUsedIn(fs.readFileSync(file, "utf8"), known)) {
      out.set(ns, [...(out.get(ns) ?? []), path.relative(root, file)]);
    }
  }
  return out;
}

/** The route files that render pages (the `($lang)` tree), by their Remix route id. */
export function pageRoutes(): Array<{ id: string; file: string }> {
  const dir = path.join(appDir, "routes");
  const out: Array<{ id: string; file: string }> = [];
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.startsWith("($lang)") || /\.(test|spec)\./.test(name) || name.includes(".server.")) continue;
    const full = path.join(dir, name);
    const file = fs.statSync(full).isDirectory() ? path.join(full, "route.tsx") : full;
    if (!fs.existsSync(file)) continue;
    out.push({ id: `routes/${name.replace(/\.tsx?$/, "")}`, file });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const known = namespaces();
  const rootUse = usage(path.join(appDir, "root.tsx"), known);
  console.log(`root: ${[...rootUse.keys()].sort().join(", ")}`);
  for (const r of pageRoutes()) {
    const own = [...usage(r.file, known).keys()].filter((n) => !rootUse.has(n)).sort();
    console.log(`${r.id}: ${own.join(", ")}`);
  }
}
