import { describe, expect, it } from "vitest";
import id from "~/locales/id.json";
import en from "~/locales/en.json";
import { localeFromParam, localePath, stripLocale, switchLocalePath } from "./i18n";

function keys(obj: unknown, prefix = ""): string[] {
  if (typeof obj !== "object" || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("locale files", () => {
  it("have exactly the same keys in id and en", () => {
    const idKeys = new Set(keys(id));
    const enKeys = new Set(keys(en));
    expect(
      [...idKeys].filter((k) => !enKeys.has(k)),
      "keys only in id.json",
    ).toEqual([]);
    expect(
      [...enKeys].filter((k) => !idKeys.has(k)),
      "keys only in en.json",
    ).toEqual([]);
  });
  it("have no empty texts", () => {
    for (const [name, file] of Object.entries({ id, en })) {
      const empty = keys(file).filter(
        (k) => k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], file) === "",
      );
      expect(empty, `empty texts in ${name}.json`).toEqual([]);
    }
  });
});

describe("locale in the URL", () => {
  it("maps the optional prefix", () => {
    expect(localeFromParam(undefined)).toBe("id");
    expect(localeFromParam("en")).toBe("en");
    expect(localeFromParam("fr")).toBeUndefined();
  });
  it("builds and strips prefixes", () => {
    expect(localePath("/", "en")).toBe("/en");
    expect(localePath("/login", "en")).toBe("/en/login");
    expect(localePath("/login", "id")).toBe("/login");
    expect(stripLocale("/en")).toBe("/");
    expect(stripLocale("/en/login")).toBe("/login");
    expect(stripLocale("/english-page")).toBe("/english-page");
  });
  it("switches language on the same page, keeping the query", () => {
    expect(switchLocalePath("/search?q=rotan", "en")).toBe("/en/search?q=rotan");
    expect(switchLocalePath("/en/search?q=rotan", "id")).toBe("/search?q=rotan");
  });
});

describe("texts used in the app", () => {
  it("exist in both locale files", async () => {
    const { usedKeys, missingKeys } = await import("../../scripts/check-locale-keys");
    const used = usedKeys("app");
    expect(used.size).toBeGreaterThan(100);
    expect(missingKeys(id, used), "missing in id.json").toEqual([]);
    expect(missingKeys(en, used), "missing in en.json").toEqual([]);
  });
});
