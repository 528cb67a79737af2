/**
 * The anonymous page cache cannot be poisoned: no value a client sends changes what another
 * client receives. The CSRF token cut out of cached pages is server-issued and signed, so a
 * visitor cannot choose one that equals bytes of the page (decision 008).
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { createProduct } from "../helpers/fixtures";
import { startHttpApp } from "../helpers/app";

let app: Awaited<ReturnType<typeof startHttpApp>>;
beforeAll(async () => {
  app = await startHttpApp();
});
afterAll(() => app?.stop());

describe("the anonymous page cache", () => {
  it("serves the next visitor the page, not bytes chosen by a visitor's cookie", async () => {
    const { product } = await createProduct({
      nameId: "Jawet Uei anyaman rotan Katingan",
      nameEn: "Jawet Uei rattan basket",
    });
    const slug = "jawet-uei-anyaman-rotan-katingan-tumbang-samba";
    await db.product.update({ where: { id: product.id }, data: { slug } });
    // the attacker's first visit fills the cache, with a "token" equal to the slug
    const poisoned = await fetch(`${app.base}/products/${slug}`, { headers: { Cookie: `__csrf=${slug}` } });
    expect(poisoned.headers.get("x-page-cache")).toBe("miss");
    const attackerPage = await poisoned.text();
    // the server ignored the chosen token and issued its own
    const issued = /__csrf=([A-Za-z0-9_-]+)/.exec(poisoned.headers.get("set-cookie") ?? "")?.[1];
    expect(issued).toBeTruthy();
    expect(issued).not.toBe(slug);
    expect(attackerPage).toContain(`name="csrf" value="${issued}"`);

    // the next visitor gets the cached page: it links to the product, and carries the visitor's own token
    const next = await fetch(`${app.base}/products/${slug}`);
    expect(next.headers.get("x-page-cache")).toBe("hit");
    const page = await next.text();
    const own = /__csrf=([A-Za-z0-9_-]+)/.exec(next.headers.get("set-cookie") ?? "")![1];
    expect(page).toContain(`/products/${slug}"`);
    expect(page.split(slug).length).toBe(attackerPage.split(slug).length);
    expect(page).toContain(`name="csrf" value="${own}"`);
    expect(page).not.toContain(issued!);
  });

  it("replaces a forged token, and a forged token never passes the CSRF check", async () => {
    const forged = crypto.randomBytes(40).toString("base64url").slice(0, 54);
    const res = await fetch(`${app.base}/login`, {
      method: "POST",
      headers: { Cookie: `__csrf=${forged}`, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf: forged, email: "a@example.test", password: "x" }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toMatch(/__csrf=(?!${forged})/);
  });
});
