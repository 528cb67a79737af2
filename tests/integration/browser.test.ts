import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { afterAll, describe, expect, it } from "vitest";
import { ensureBrowser, findBrowser } from "../../scripts/lib/browser";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "anjung-browser-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the e2e browser on a machine without one", () => {
  it("prefers CHROMIUM_PATH, then the system's", () => {
    const saved = process.env.CHROMIUM_PATH;
    try {
      process.env.CHROMIUM_PATH = process.execPath; // any existing file: the operator's choice is taken as is
      expect(findBrowser({ dir, systemPaths: [] })).toMatchObject({ source: "CHROMIUM_PATH" });
      process.env.CHROMIUM_PATH = path.join(dir, "missing");
      expect(() => findBrowser({ dir })).toThrow(/CHROMIUM_PATH=.*missing does not exist/);
      delete process.env.CHROMIUM_PATH;
      expect(findBrowser({ dir, systemPaths: [process.execPath] })).toMatchObject({ source: "system" });
      expect(findBrowser({ dir, systemPaths: [] })).toBeNull();
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });

  it("unpacks the Chromium of the npm package once, and Playwright drives it", async () => {
    const saved = process.env.CHROMIUM_PATH;
    delete process.env.CHROMIUM_PATH;
    try {
      const lines: string[] = [];
      const browser = await ensureBrowser((s) => lines.push(s), { dir, systemPaths: [] });
      expect(lines).toEqual([`no system Chromium: unpacking the one from @sparticuz/chromium into ${dir}`]);
      expect(browser).toMatchObject({ source: "npm package", executablePath: path.join(dir, "chromium") });
      expect(await ensureBrowser((s) => lines.push(s), { dir, systemPaths: [] })).toEqual(browser);
      expect(lines).toHaveLength(1); // the second call finds it unpacked

      const launched = await chromium.launch({
        executablePath: browser.executablePath,
        env: { ...process.env, ...browser.env } as Record<string, string>,
        args: ["--no-sandbox", "--disable-gpu"],
      });
      try {
        const page = await launched.newPage();
        await page.setContent("<h1>Anjung</h1>");
        expect(await page.textContent("h1")).toBe("Anjung");
      } finally {
        await launched.close();
      }
    } finally {
      if (saved !== undefined) process.env.CHROMIUM_PATH = saved;
    }
  }, 120_000);
});
