/**
 * First step of `npm test`: make sure a Chromium is there for the e2e tests before minutes of
 * other tests run (the system's, CHROMIUM_PATH, or the one inside the @sparticuz/chromium package).
 */
import { ensureBrowser } from "./lib/browser";

try {
  const browser = await ensureBrowser((s) => console.log(`browser: ${s}`));
  console.log(`browser: ${browser.executablePath} (${browser.source})`);
} catch (err) {
  console.error(`browser: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
