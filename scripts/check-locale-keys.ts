/**
 * Lists translation keys used in app/ (t("…") with a literal key) that are missing from a
 * locale file. Used by a unit test so a missing text fails CI.
 */
import fs from "node:fs";
import path from "node:path";

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : walk(p);
    return /\.(tsx?|ts)$/.test(e.name) && !/\.test\./.test(e.name) ? [p] : [];
  });
}

export function usedKeys(root = "app"): Set<string> {
  const keys = new Set<string>();
  for (const file of walk(root)) {
    const src = fs.readFileSync(file, "utf8");
    for (const m of src.matchAll(/\bt\(\s*"([a-zA-Z]+\.[a-zA-Z0-9_.-]+)"/g)) keys.add(m[1]);
    for (const m of src.matchAll(/"(errors\.[a-zA-Z0-9_]+)"/g)) keys.add(m[1]);
  }
  return keys;
}

export function hasKey(messages: unknown, key: string): boolean {
  let node: unknown = messages;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null) return false;
    node = (node as Record<string, unknown>)[part];
  }
  if (typeof node === "string") return true;
  return false;
}

export function missingKeys(messages: unknown, keys: Iterable<string>): string[] {
  const out: string[] = [];
  for (const k of keys) {
    // plural keys resolve to key_one/key_other
    if (hasKey(messages, k) || (hasKey(messages, `${k}_one`) && hasKey(messages, `${k}_other`))) continue;
    out.push(k);
  }
  return out.sort();
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const id = JSON.parse(fs.readFileSync("app/locales/id.json", "utf8"));
  console.log(missingKeys(id, usedKeys()).join("\n"));
}
