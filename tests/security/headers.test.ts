/** Security headers and cookie flags on the real HTTP front. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProduct, createUser, FIXTURE_PASSWORD, signedInCookie } from "../helpers/fixtures";
import { Client, startHttpApp } from "../helpers/app";

let app: Awaited<ReturnType<typeof startHttpApp>>;
beforeAll(async () => {
  app = await startHttpApp();
});
afterAll(() => app?.stop());

describe("security headers", () => {
  it("sends a nonce-based CSP that Remix's scripts carry, and the other headers", async () => {
    const res = await fetch(`${app.base}/`);
    const html = await res.text();
    const csp = res.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-inline");
    // every executable inline script carries this response's nonce
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/ld\+json)([^>]*)>/g)].map((m) => m[1]);
    expect(inline.length).toBeGreaterThan(0);
    for (const attrs of inline) expect(attrs).toContain(`nonce="${nonce}"`);
    // a new nonce each time
    const again = (await fetch(`${app.base}/`)).headers.get("content-security-policy");
    expect(again).not.toBe(csp);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("strict-transport-security")).toBeNull(); // plain HTTP: no HSTS
  });

  it("behind TLS (a proxy on loopback saying https): HSTS, secure cookies, upgrade-insecure-requests", async () => {
    const user = await createUser();
    const c = await new Client(app.base).ready();
    const res = await c.request("/login", {
      method: "POST",
      body: new URLSearchParams({ csrf: c.csrf, email: user.email, password: FIXTURE_PASSWORD }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-Proto": "https" },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("strict-transport-security")).toContain("max-age=31536000");
    const session = res.headers.getSetCookie().find((s) => s.startsWith("__session="))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/Secure/i);
    expect(session).toMatch(/SameSite=Lax/i);
    const page = await fetch(`${app.base}/`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(page.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    expect(page.headers.getSetCookie().find((s) => s.startsWith("__csrf="))).toMatch(/Secure/);
  });

  it("caches public pages for anonymous visitors only, with each visitor's own token and nonce", async () => {
    const { product } = await createProduct({ nameId: "Tas purun", nameEn: "Purun bag" });
    const path = `/products/${product.slug}`;
    const visit = async (c: Client) => {
      const res = await c.request(path);
      const html = await res.text();
      const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
      return { res, html, nonce };
    };
    const a = await new Client(app.base).ready();
    const b = await new Client(app.base).ready();
    const first = await visit(a);
    const second = await visit(b);
    expect(second.res.headers.get("x-page-cache")).toBe("hit");
    expect(second.res.headers.get("cache-control")).toBe("private, no-cache");
    // b's page carries b's CSRF token and this response's nonce, never a's
    expect(second.html).toContain(b.csrf);
    expect(second.html).not.toContain(a.csrf);
    expect(second.nonce).not.toBe(first.nonce);
    expect(second.html).toContain(`nonce="${second.nonce}"`);
    expect(second.html).not.toContain(`nonce="${first.nonce}"`);
    // revalidation
    const etag = second.res.headers.get("etag")!;
    expect((await b.request(path, { headers: { "If-None-Match": etag } })).status).toBe(304);
    // signed-in visitors and visitors with a cart always get their own render
    const user = await createUser({ name: "Nama Pribadi" });
    const signed = await new Client(app.base, await signedInCookie(user.id)).request(path);
    expect(signed.headers.get("x-page-cache")).toBeNull();
    expect(await signed.text()).toContain("Nama Pribadi");
    const withCart = await new Client(app.base, "__cart=abcdefghijklmnopqrstuvwxyz").request(path);
    expect(withCart.headers.get("x-page-cache")).toBeNull();
  });
});
