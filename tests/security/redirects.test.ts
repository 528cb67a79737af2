/**
 * Redirects stay on the site. `redirectTo` after sign-in and sign-up and `returnTo` after
 * the currency switch take only a same-origin path; a value a browser would resolve to
 * another host (backslashes, whitespace, encoded variants) is replaced by the home page,
 * and a control character (a tab, a newline) answers 400. The language switcher links within the site,
 * also on a 404 such as /en//evil.example/x. What a browser does with these Locations is
 * checked in tests/e2e/redirects.spec.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, FIXTURE_PASSWORD } from "../helpers/fixtures";
import { Client, startHttpApp } from "../helpers/app";

let app: Awaited<ReturnType<typeof startHttpApp>>;
beforeAll(async () => {
  app = await startHttpApp();
});
afterAll(() => app?.stop());

/** Where a browser at `base` goes with this Location header. */
const resolved = (location: string) => new URL(location, app.base);

const OFF_SITE = [
  "//evil.example/x",
  "/\\evil.example/x",
  "/%5Cevil.example/x",
  "/%2F/evil.example/x",
  "https://evil.example/x",
  "/\\/evil.example",
  " //evil.example/x",
  "/ /evil.example/x",
  "%2F%2Fevil.example/x",
];
const CONTROL = ["/\t/evil.example/x", "/\n/evil.example/x", "/account\r\nSet-Cookie: x=1", "/x\u0000y"];

describe("redirect targets", () => {
  it.each(OFF_SITE)("sign-in with redirectTo=%j lands on the site", async (target) => {
    const user = await createUser();
    const c = await new Client(app.base).ready();
    const res = await c.post("/login", { email: user.email, password: FIXTURE_PASSWORD, redirectTo: target });
    expect(res.status).toBe(302);
    const to = resolved(res.headers.get("location")!);
    expect(to.origin).toBe(app.base);
    expect(to.pathname).toBe("/");
  });

  it("a same-site path is kept, with its query", async () => {
    const user = await createUser();
    const c = await new Client(app.base).ready();
    const res = await c.post("/login", {
      email: user.email,
      password: FIXTURE_PASSWORD,
      redirectTo: "/account/orders?page=2",
    });
    expect(res.headers.get("location")).toBe("/account/orders?page=2");
  });

  it.each(CONTROL)("a control character in redirectTo (%j) answers 400 and signs nobody in", async (target) => {
    const user = await createUser();
    const c = await new Client(app.base).ready();
    const res = await c.post("/login", { email: user.email, password: FIXTURE_PASSWORD, redirectTo: target });
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.getSetCookie().some((h) => h.startsWith("__session="))).toBe(false);
  });

  it.each(OFF_SITE)("sign-up with redirectTo=%j lands on the site", async (target) => {
    const c = await new Client(app.base).ready();
    const res = await c.post("/signup", {
      name: "Siti",
      email: `s-${Math.random().toString(36).slice(2)}@example.test`,
      password: "panjang-sekali-123",
      accountType: "buyer",
      redirectTo: target,
    });
    expect(res.status).toBe(302);
    expect(resolved(res.headers.get("location")!).origin).toBe(app.base);
  });

  it.each([...OFF_SITE, ...CONTROL])("the currency switch with returnTo=%j stays on the site", async (target) => {
    const c = await new Client(app.base).ready();
    const res = await c.post("/currency", { currency: "USD", returnTo: target });
    if (CONTROL.includes(target)) {
      expect(res.status).toBe(400);
      return;
    }
    expect(res.status).toBe(302);
    const to = resolved(res.headers.get("location")!);
    expect(to.origin).toBe(app.base);
    expect(to.pathname).toBe("/");
  });

  it("the language switcher of a 404 at /en//evil.example/x links within the site", async () => {
    const res = await fetch(`${app.base}/en//evil.example/x`);
    expect(res.status).toBe(404);
    const html = await res.text();
    const hrefs = [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1].replaceAll("&amp;", "&"));
    expect(hrefs.length).toBeGreaterThan(3);
    for (const href of hrefs) expect(resolved(href).origin, href).toBe(app.base);
    const forms = [...html.matchAll(/<form [^>]*action="([^"]*)"/g)].map((m) => m[1]);
    for (const action of forms) expect(resolved(action).origin, action).toBe(app.base);
    const returnTo = [...html.matchAll(/name="returnTo" value="([^"]*)"/g)].map((m) => m[1]);
    for (const r of returnTo) expect(r.startsWith("//")).toBe(false);
  });
});
