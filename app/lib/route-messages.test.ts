import fs from "node:fs";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { namespaces, pageRoutes, usage } from "../../scripts/lib/message-usage";
import { messagesFor } from "./i18n.server";
import { routeNamespaces } from "./route-messages.server";
import { createTranslator } from "./translate";

const known = namespaces();

/** The `handle.i18n` list a module declares, read from its source (route modules are not imported here). */
function declared(file: string): string[] {
  const m = /export const handle(?:: \w+)? = \{\s*i18n: \[([^\]]*)\],?\s*\}/.exec(fs.readFileSync(file, "utf8"));
  return m ? [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]) : [];
}

const routes = pageRoutes();
const rootDeclared = declared(path.resolve("app/root.tsx"));

/** A route's own namespaces and its layouts' (flat route ids: "($lang).sell.products.$id" sits in "($lang).sell"). */
function shipped(id: string): Set<string> {
  const out = new Set(rootDeclared);
  for (const r of routes) if (id === r.id || id.startsWith(`${r.id}.`)) for (const ns of declared(r.file)) out.add(ns);
  return out;
}

describe("each page ships only the locale namespaces its routes declare", () => {
  it("the root declares what the header, footer, notices and error pages use", () => {
    const used = usage(path.resolve("app/root.tsx"), known);
    const missing = [...used.keys()].filter((ns) => !rootDeclared.includes(ns));
    expect(missing, `namespaces the root's components use but app/root.tsx does not declare`).toEqual([]);
  });

  it.each(routes.map((r) => [r.id, r.file] as const))("%s declares every namespace its components use", (id, file) => {
    const ship = shipped(id);
    const missing = [...usage(file, known)]
      .filter(([ns]) => !ship.has(ns))
      .map(([ns, files]) => `${ns} (used in ${files.join(", ")})`);
    expect(missing, `add these to ${path.relative(process.cwd(), file)}'s handle.i18n`).toEqual([]);
    for (const ns of declared(file)) expect(known, `${id} declares an unknown namespace`).toContain(ns);
  });

  it("the namespaces of the matching routes are found for a path, with their layouts'", () => {
    const module = (i18n?: string[]) => ({ handle: i18n ? { i18n } : undefined }) as never;
    const build = {
      root: { id: "root", path: "", module: module(["nav"]) },
      "routes/($lang)": { id: "routes/($lang)", parentId: "root", path: ":lang?", module: module() },
      "routes/($lang).sell": {
        id: "routes/($lang).sell",
        parentId: "routes/($lang)",
        path: "sell",
        module: module(["sellNav"]),
      },
      "routes/($lang).sell.products.$id": {
        id: "routes/($lang).sell.products.$id",
        parentId: "routes/($lang).sell",
        path: "products/:id",
        module: module(["product", "sell"]),
      },
      "routes/($lang).sell.products.new": {
        id: "routes/($lang).sell.products.new",
        parentId: "routes/($lang).sell",
        path: "products/new",
        module: module(["productForm"]),
      },
      "routes/($lang).cart": {
        id: "routes/($lang).cart",
        parentId: "routes/($lang)",
        path: "cart",
        module: module(["cart"]),
      },
    } as unknown as ServerBuild["routes"];
    // paths of one shape share a match; a literal segment keeps its own (in any case or escape)
    expect(routeNamespaces(build, "/sell/products/p2")).toEqual(["product", "sell", "sellNav"]);
    expect(routeNamespaces(build, "/sell/products/new")).toEqual(["productForm", "sellNav"]);
    expect(routeNamespaces(build, "/en/SELL/products/%6Eew")).toEqual(["productForm", "sellNav"]);
    expect(routeNamespaces(build, "/en/sell/products/p1")).toEqual(["product", "sell", "sellNav"]);
    expect(routeNamespaces(build, "/cart")).toEqual(["cart"]);
    expect(routeNamespaces(build, "/nowhere/at/all")).toEqual([]);
  });

  it("picks only the named namespaces, and refuses one the locale file does not have", () => {
    expect(Object.keys(messagesFor("id", ["cart", "units"])).sort()).toEqual(["cart", "units"]);
    expect(messagesFor("en", ["cart"])).toBe(messagesFor("en", ["cart"]));
    expect(() => messagesFor("id", ["nope"])).toThrow(/no locale namespace "nope"/);
  });

  it("a key that is not shipped is reported, not silently shown as its name", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on("warning", onWarning);
    const t = createTranslator("id", messagesFor("id", ["cart"]));
    expect(t("product.addToCart")).toBe("product.addToCart");
    expect(t("product.addToCart", { defaultValue: "Tambah" })).toBe("Tambah");
    await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
    process.off("warning", onWarning);
    expect(warnings).toEqual(["Missing message: product.addToCart"]);
  });
});
