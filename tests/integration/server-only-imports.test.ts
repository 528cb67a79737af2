/**
 * Values imported from *.server modules are stripped from the browser bundle, so a
 * component that renders one gets `undefined` after hydration (this bit us twice).
 * Checks that no route or component renders a value imported from a .server module.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The .tsx files of a folder and of its route folders (`<route>/route.tsx`). */
function files(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".tsx") && !f.includes("node_modules"))
    .map((f) => path.join(dir, f));
}

describe("server-only imports", () => {
  it("are never used by the component code of a route", () => {
    const offenders: string[] = [];
    for (const file of [...files("app/routes"), ...files("app/components"), "app/root.tsx"]) {
      const src = fs.readFileSync(file, "utf8");
      const names = [...src.matchAll(/import\s+\{([^}]+)\}\s+from\s+"[^"]+\.server"/g)].flatMap((m) =>
        m[1]
          .split(",")
          .map((s) => s.trim())
          .filter((s) => s && !s.startsWith("type "))
          .map((s) => s.split(/\s+as\s+/).pop()!),
      );
      // everything from the first component (a function returning JSX) onwards is browser code
      const start = src.search(
        /export default function|\nfunction [A-Z]\w*\(|\nexport function (Layout|ErrorBoundary)/,
      );
      if (start < 0) continue;
      const browser = src.slice(start);
      // a use, not a mention inside a translation key such as t("sell.addMember")
      for (const n of names)
        if (new RegExp(`(?<![.\\w])${n}\\b(?!["\\w])`).test(browser)) offenders.push(`${file}: ${n}`);
    }
    expect(offenders).toEqual([]);
  });
});
