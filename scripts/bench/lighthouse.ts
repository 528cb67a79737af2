/** Lighthouse on a phone profile (mobile, simulated slow 4G), in a Chromium of its own. */
import fs from "node:fs";

export const CHROME = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (p) => p && fs.existsSync(p),
);
export const CHROME_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export type LighthouseScores = {
  performance: number;
  accessibility: number;
  "best-practices": number;
  seo: number;
  /** SEO audits that count and are below full marks */
  seoFailing: string[];
  /** the performance metrics behind the score, in ms (CLS unitless) */
  metrics: Record<string, number>;
  /** performance opportunities with their estimated savings in ms */
  opportunities: string[];
};

export async function lighthouseRun(url: string, extraHeaders?: Record<string, string>): Promise<LighthouseScores> {
  if (!CHROME) throw new Error("no Chromium: install Debian's chromium or set CHROMIUM_PATH");
  const { default: lighthouse } = await import("lighthouse");
  const chromeLauncher = await import("chrome-launcher");
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: ["--headless=new", ...CHROME_ARGS] });
  try {
    const lh = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      formFactor: "mobile",
      throttlingMethod: "simulate",
      onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
      extraHeaders,
    });
    const { categories, audits } = lh!.lhr;
    // LIGHTHOUSE_DUMP=dir keeps each full report, to read the network waterfall and the audits behind a score
    if (process.env.LIGHTHOUSE_DUMP) {
      fs.mkdirSync(process.env.LIGHTHOUSE_DUMP, { recursive: true });
      fs.writeFileSync(`${process.env.LIGHTHOUSE_DUMP}/lhr-${Date.now()}.json`, JSON.stringify(lh!.lhr));
    }
    const score = (k: string) => Math.round((categories[k]?.score ?? 0) * 100);
    return {
      performance: score("performance"),
      accessibility: score("accessibility"),
      "best-practices": score("best-practices"),
      seo: score("seo"),
      seoFailing: Object.values(audits)
        .filter(
          (a) => a.score !== null && a.score < 1 && categories.seo.auditRefs.some((r) => r.id === a.id && r.weight > 0),
        )
        .map((a) => a.id),
      metrics: Object.fromEntries(
        [
          "first-contentful-paint",
          "largest-contentful-paint",
          "speed-index",
          "total-blocking-time",
          "cumulative-layout-shift",
        ].map((id) => [id, Math.round((audits[id]?.numericValue ?? 0) * 1000) / 1000]),
      ),
      opportunities: Object.values(audits)
        .filter((a) => (a.metricSavings?.LCP ?? 0) + (a.metricSavings?.FCP ?? 0) > 0 && (a.score ?? 1) < 1)
        .map((a) => `${a.id} (FCP −${a.metricSavings?.FCP ?? 0} ms, LCP −${a.metricSavings?.LCP ?? 0} ms)`),
    };
  } finally {
    await chrome.kill();
  }
}
