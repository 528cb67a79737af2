/**
 * patches/@remix-run+router+1.23.3.patch makes the server's route matching cheaper (the route tree is
 * flattened once, path matchers are compiled once, and branches whose segments cannot fit a pathname
 * are skipped). It must never change what matches: every pathname below, built from Anjung's own
 * routes and from random segments, is matched by the patched server build (CommonJS) and by the
 * browser build of the same release, which the patch leaves alone, and the two must agree on the
 * routes, params and pathnames.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { UNSAFE_flatRoutes as flatRoutes } from "@remix-run/dev";
import type { AgnosticRouteObject, AgnosticRouteMatch } from "@remix-run/router";
import fc from "fast-check";
import remixConfig from "../../remix.config.js";

const root = path.resolve(import.meta.dirname, "..", "..");
const require = createRequire(import.meta.url);
type Router = { matchRoutes: (routes: AgnosticRouteObject[], pathname: string) => AgnosticRouteMatch[] | null };
const patchedFile = require.resolve("@remix-run/router");
const patched = require(patchedFile) as Router;
const unpatchedFile = path.join(path.dirname(patchedFile), "router.js");

type Manifest = Record<
  string,
  { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean }
>;
const manifest = flatRoutes(path.join(root, "app"), remixConfig.ignoredRouteFiles) as Manifest;

function tree(parentId: string): AgnosticRouteObject[] {
  return Object.values(manifest)
    .filter((r) => r.parentId === parentId)
    .map((r) => {
      const children = tree(r.id);
      return r.index
        ? { id: r.id, index: true, path: r.path, caseSensitive: r.caseSensitive }
        : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, ...(children.length ? { children } : {}) };
    });
}
const routes: AgnosticRouteObject[] = [{ id: "root", path: "", children: tree("root") }];

/** every route's full path, e.g. ":lang?/trade/events/:id" */
function fullPaths(parentId: string, prefix: string): string[] {
  return Object.values(manifest)
    .filter((r) => r.parentId === parentId)
    .flatMap((r) => {
      const p = [prefix, r.path ?? ""].filter(Boolean).join("/");
      return [p, ...fullPaths(r.id, p)];
    });
}
const templates = [...new Set(fullPaths("root", ""))];
const literals = [...new Set(templates.flatMap((t) => t.split("/")).filter((s) => s && !/[:*?]/.test(s)))];

const shape = (matches: AgnosticRouteMatch[] | null) =>
  JSON.stringify(matches?.map((m) => [m.route.id, m.params, m.pathname, m.pathnameBase]) ?? null);

const segment = fc.oneof(
  fc.constantFrom(...literals, "id", "en", "ms", "xx", ""),
  fc.string({ minLength: 1, maxLength: 6 }).map((s) => s.replace(/[/%]/g, "")),
  fc.constantFrom("AJ-2026-00012", "madu-kelulut", "%20", "%2F", "caf%C3%A9", "ſ", "K", "sitemap.xml", "a.csv"),
);
const casing = fc.constantFrom(
  (s: string) => s,
  (s: string) => s.toUpperCase(),
  (s: string) => s.charAt(0).toUpperCase() + s.slice(1),
);
/** a pathname from one of the app's routes, its params filled, maybe cased, slashed or cut differently */
const fromRoute = fc
  .record({
    template: fc.constantFrom(...templates),
    values: fc.array(segment, { minLength: 6, maxLength: 6 }),
    lang: fc.constantFrom(true, false),
    cased: casing,
    ending: fc.constantFrom("", "/", "//", "/extra", "/*"),
    doubled: fc.constantFrom(false, true),
  })
  .map(({ template, values, lang, cased, ending, doubled }) => {
    let k = 0;
    const parts = template
      .split("/")
      .flatMap((s) => (s === ":lang?" ? (lang ? [values[k++] || "en"] : []) : [s]))
      .map((s) => (s.startsWith(":") || s === "*" ? values[k++ % values.length] || "x" : s));
    return `/${cased(parts.join(doubled ? "//" : "/"))}${ending}`;
  });
const random = fc.array(segment, { maxLength: 6 }).map((parts) => `/${parts.join("/")}`);

describe("the patched route matching", () => {
  it("is the patched build that the server loads", () => {
    expect(fs.readFileSync(patchedFile, "utf8")).toContain("Anjung patch");
    expect(fs.readFileSync(unpatchedFile, "utf8")).not.toContain("Anjung patch");
    expect(templates.length).toBeGreaterThan(50);
  });

  it("matches exactly what the unpatched router matches, for the app's routes and for any pathname", async () => {
    const unpatched = (await import(pathToFileURL(unpatchedFile).href)) as Router;
    // every route's own path first, then generated ones
    for (const t of templates) {
      const p = `/${t.replace(":lang?/", "").replace(/:[\w-]+/g, "x")}`;
      expect(shape(patched.matchRoutes(routes, p)), p).toBe(shape(unpatched.matchRoutes(routes, p)));
    }
    fc.assert(
      fc.property(fc.oneof(fromRoute, random), (pathname) => {
        expect(shape(patched.matchRoutes(routes, pathname)), pathname).toBe(
          shape(unpatched.matchRoutes(routes, pathname)),
        );
      }),
      { numRuns: 5000 },
    );
  });
});
