/**
 * The areas of app/domain depend on each other in one direction only: a cycle between two
 * areas (orders ↔ payments, producers ↔ catalogue, as there once were) fails here. Which
 * modules of an area others may import is ESLint's job (eslint.config.js).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname);

function areaGraph() {
  const edges = new Map<string, Set<string>>();
  const areas = fs.readdirSync(root).filter((d) => fs.statSync(path.join(root, d)).isDirectory());
  for (const area of areas) {
    const files = (fs.readdirSync(path.join(root, area), { recursive: true }) as string[]).filter(
      (f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"),
    );
    for (const file of files) {
      const full = path.join(root, area, file);
      const text = fs.readFileSync(full, "utf8");
      for (const m of text.matchAll(/(?:from|import)\s+"([^"]+)"/g)) {
        const spec = m[1];
        let target: string | undefined;
        if (spec.startsWith("~/domain/")) target = spec.split("/")[2];
        else if (spec.startsWith(".")) {
          const rel = path.relative(root, path.resolve(path.dirname(full), spec)).split(path.sep);
          if (rel[0] !== ".." && rel.length > 1) target = rel[0];
        }
        if (target && target !== area && areas.includes(target)) {
          if (!edges.has(area)) edges.set(area, new Set());
          edges.get(area)!.add(target);
        }
      }
    }
  }
  return edges;
}

function findCycle(edges: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const walk = (node: string, trail: string[]): string[] | null => {
    if (state.get(node) === "open") return [...trail.slice(trail.indexOf(node)), node];
    if (state.get(node) === "done") return null;
    state.set(node, "open");
    for (const next of edges.get(node) ?? []) {
      const found = walk(next, [...trail, node]);
      if (found) return found;
    }
    state.set(node, "done");
    return null;
  };
  for (const node of edges.keys()) {
    const found = walk(node, []);
    if (found) return found;
  }
  return null;
}

describe("domain boundaries", () => {
  it("no two areas depend on each other, directly or around a loop", () => {
    expect(findCycle(areaGraph())).toBeNull();
  });

  it("the check finds a loop when there is one", () => {
    const edges = new Map([
      ["orders", new Set(["payments"])],
      ["payments", new Set(["ledger", "orders"])],
    ]);
    expect(findCycle(edges)).toEqual(["orders", "payments", "orders"]);
  });
});
