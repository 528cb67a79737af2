/**
 * Every page of every role on a 360 px phone, in both languages: nothing scrolls sideways and
 * every tap target is at least 44 × 44 px (WCAG 2.5.5). Runs last (file order, one worker): the
 * orders, quote requests and export lots the journeys before it made are among the pages visited.
 */
import type { Browser, Page } from "@playwright/test";
import { test, expect, query, signedInContext } from "./fixtures";

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

async function one<T extends Record<string, unknown>>(sql: string, what: string): Promise<T> {
  const [row] = await query<T>(sql);
  if (!row)
    throw new Error(`no ${what} to visit: this sweep runs after the journeys that make one (npx playwright test)`);
  return row;
}

async function pagesOf() {
  const product = await one<{ slug: string; id: string }>(
    `SELECT p.slug, p.id FROM "Product" p JOIN "Producer" pr ON pr.id = p."producerId" JOIN "ProducerMember" m ON m."producerId" = pr.id JOIN "User" u ON u.id = m."userId"
      WHERE u.email = 'producer@anjung.test' AND p.status = 'PUBLISHED' ORDER BY p.slug LIMIT 1`,
    "product of the demo producer",
  );
  const producer = await one<{ slug: string; id: string }>(
    `SELECT pr.slug, pr.id FROM "Producer" pr WHERE pr.status = 'VERIFIED' ORDER BY pr.slug LIMIT 1`,
    "verified producer",
  );
  const category = await one<{ slug: string }>(
    `SELECT slug FROM "Category" WHERE "parentId" IS NULL ORDER BY slug LIMIT 1`,
    "category",
  );
  const order = await one<{ number: string }>(`SELECT number FROM "Order" ORDER BY "createdAt" LIMIT 1`, "order");
  const lot = await one<{ id: string; code: string }>(
    `SELECT id, code FROM "ExportLot" ORDER BY "createdAt" LIMIT 1`,
    "export lot",
  );
  const group = await one<{ id: string }>(
    `SELECT id FROM "Producer" WHERE kind <> 'INDIVIDUAL' ORDER BY slug LIMIT 1`,
    "koperasi or kelompok usaha",
  );
  const cased = await one<{ id: string }>(
    `SELECT p.id FROM "Producer" p JOIN "User" u ON u.id = p."facilitatorId" WHERE u.email = 'pendamping@anjung.test' ORDER BY p.slug LIMIT 1`,
    "producer in the demo facilitator's caseload",
  );
  const quote = await one<{ id: string }>(`SELECT id FROM "QuoteRequest" ORDER BY "createdAt" LIMIT 1`, "quote");
  const event = await one<{ id: string }>(`SELECT id FROM "Event" ORDER BY "createdAt" LIMIT 1`, "event");
  return {
    anonymous: [
      "/",
      "/search",
      "/search?q=rotan",
      `/categories/${category.slug}`,
      `/products/${product.slug}`,
      `/producers/${producer.slug}`,
      "/regions/katingan",
      `/lots/${lot.code}`,
      "/cart",
      "/login",
      "/login?reason=rfq&redirectTo=%2Frfq",
      "/signup",
      "/forgot-password",
      "/phone",
      "/no-such-page",
    ],
    buyer: ["/account", "/account/orders", "/account/rfq", "/rfq", "/claim"],
    producer: [
      "/sell",
      "/sell/products",
      "/sell/products/new",
      `/sell/products/${product.id}`,
      "/sell/profile",
      "/sell/certificates",
      "/sell/orders",
      "/sell/reviews",
      "/sell/lots",
      "/sell/members",
      "/sell/statement",
    ],
    staff: [
      "/trade",
      "/trade/verification",
      "/trade/orders",
      `/trade/orders/${order.number}`,
      "/trade/payments",
      "/trade/rfq",
      `/trade/rfq/${quote.id}`,
      "/trade/lots",
      `/trade/lots/${lot.id}`,
      "/trade/payouts",
      "/trade/impact",
      "/trade/settings",
      "/trade/shipping",
      "/trade/vouchers",
      "/trade/reviews",
      "/trade/partners",
      "/trade/import",
      "/trade/jobs",
      "/trade/events",
      `/trade/events/${event.id}`,
      `/events/${event.id}/intake`,
      `/trade/producers/${producer.id}`,
      `/trade/producers/${group.id}`,
    ],
    facilitator: ["/facilitate", `/facilitate/producers/${cased.id}`, `/events/${event.id}/intake`],
  };
}

/** What is wrong with the page as laid out now: sideways scroll and small tap targets. */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth + 1) {
      // name the widest offenders
      const wide = [...document.querySelectorAll<HTMLElement>("body *")]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
        .slice(0, 3)
        .map((el) => `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).split(" ")[0] : ""}`);
      problems.push(`scrolls sideways: ${doc.scrollWidth}px wide (${wide.join(", ")})`);
    }
    const targets = document.querySelectorAll<HTMLElement>(
      "button, select, textarea, input:not([type=hidden]), a.button, a.button-small, nav a, [role=button], summary",
    );
    for (const el of targets) {
      if (el.closest(".visually-hidden, [hidden], .skip-link")) continue;
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden") continue;
      // a checkbox or radio is tapped through its label
      const box = (
        el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")
          ? (el.closest("label") ?? el)
          : el
      ).getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.width < 43.5 || box.height < 43.5) {
        const name = (el.textContent || el.getAttribute("aria-label") || el.getAttribute("name") || "").trim();
        problems.push(
          `tap target ${Math.round(box.width)}×${Math.round(box.height)}: <${el.tagName.toLowerCase()}> ${name.slice(0, 40)}`,
        );
      }
    }
    return problems;
  });
}

async function signedIn(browser: Browser, email: string | null) {
  if (email) return signedInContext(browser, email, PHONE);
  const ctx = await browser.newContext(PHONE);
  return { ctx, page: await ctx.newPage() };
}

const ROLES = {
  anonymous: null,
  buyer: "buyer@anjung.test",
  producer: "producer@anjung.test",
  staff: "admin@anjung.test", // (accounts.spec resets staff@anjung.test's password)
  facilitator: "pendamping@anjung.test",
} as const;

for (const role of Object.keys(ROLES) as Array<keyof typeof ROLES>) {
  test(`every ${role} page fits a 360 px phone with 44 px tap targets, in both languages`, async ({ browser }) => {
    test.setTimeout(240_000);
    const pages = (await pagesOf())[role];
    const { ctx, page } = await signedIn(browser, ROLES[role]);
    const problems: string[] = [];
    for (const lang of ["", "/en"]) {
      for (const path of pages) {
        const url = `${lang}${path === "/" && lang ? "" : path}`;
        const res = await page.goto(url);
        expect(res?.status(), url).toBeLessThan(path === "/no-such-page" ? 500 : 400);
        for (const p of await layoutProblems(page)) problems.push(`${url}: ${p}`);
      }
    }
    await ctx.close();
    expect(problems).toEqual([]);
  });
}
