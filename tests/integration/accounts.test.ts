import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import * as login from "~/routes/($lang).login";
import * as signup from "~/routes/($lang).signup";
import * as reset from "~/routes/($lang).reset-password";
import * as forgot from "~/routes/($lang).forgot-password";
import * as account from "~/routes/($lang).account";
import { requestPasswordReset, resetPassword, signIn, MAX_FAILURES_PER_EMAIL } from "~/domain/accounts/accounts.server";
import { getUser, requireRole } from "~/lib/session.server";
import { createUser, FIXTURE_PASSWORD, signedInCookie } from "../helpers/fixtures";
import { formRequest, getRequest, thrown, unwrap } from "../helpers/http";

const ctx = { csrfToken: undefined, ip: "203.0.113.7" };
const args = (request: Request, lang?: string) => ({ request, params: lang ? { lang } : {}, context: ctx });

describe("sign up", () => {
  it("creates a buyer, starts a session and sends a welcome mail", async () => {
    const res = await signup.action(
      args(formRequest("/signup", { email: " Siti@Example.TEST ", name: "Siti", password: "panjang-sekali-123" })),
    );
    const r = unwrap(res);
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe("/?notice=signedUp");
    const cookie = r.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/__session=.+HttpOnly/i);
    const user = await db.user.findUniqueOrThrow({ where: { email: "siti@example.test" } });
    expect(user.roles).toEqual(["BUYER"]);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await db.outboundMail.count({ where: { to: "siti@example.test", kind: "welcome" } })).toBe(1);
    const me = await getUser(getRequest("/", { cookie: cookie.split(";")[0] }));
    expect(me?.email).toBe("siti@example.test");
  });

  it("gives producers the producer role", async () => {
    await signup.action(
      args(
        formRequest("/signup", {
          email: "umkm@example.test",
          name: "UMKM",
          password: "panjang-sekali-123",
          accountType: "producer",
        }),
      ),
    );
    expect((await db.user.findUniqueOrThrow({ where: { email: "umkm@example.test" } })).roles).toEqual([
      "BUYER",
      "PRODUCER",
    ]);
  });

  it("refuses bad input with field errors, keeps what was typed, creates nothing", async () => {
    const before = await db.user.count();
    const r = unwrap(
      await signup.action(args(formRequest("/signup", { email: "not-an-email", name: "", password: "short" }))),
    );
    expect(r.status).toBe(400);
    const body = r.body as { fieldErrors: Record<string, string>; values: Record<string, string> };
    expect(body.fieldErrors).toMatchObject({
      email: "errors.email",
      name: "errors.required",
      password: "errors.passwordTooShort",
    });
    expect(body.values.email).toBe("not-an-email");
    expect(body.values).not.toHaveProperty("password");
    expect(await db.user.count()).toBe(before);
  });

  it("refuses a taken email", async () => {
    await createUser({ email: "taken@example.test" });
    const r = unwrap(
      await signup.action(
        args(formRequest("/signup", { email: "taken@example.test", name: "X", password: "panjang-sekali-123" })),
      ),
    );
    expect(r.status).toBe(409);
    expect((r.body as { fieldErrors: Record<string, string> }).fieldErrors.email).toBe("errors.emailTaken");
  });

  it("refuses a form without the CSRF token and changes nothing", async () => {
    const before = await db.user.count();
    const r = unwrap(
      await signup.action(
        args(
          formRequest(
            "/signup",
            { email: "csrf@example.test", name: "X", password: "panjang-sekali-123" },
            { csrf: null },
          ),
        ),
      ),
    );
    expect(r.status).toBe(403);
    expect((r.body as { formError: string }).formError).toBe("errors.csrf");
    const r2 = unwrap(
      await signup.action(
        args(
          formRequest(
            "/signup",
            { email: "csrf@example.test", name: "X", password: "panjang-sekali-123" },
            { csrf: "x".repeat(38) },
          ),
        ),
      ),
    );
    expect(r2.status).toBe(403);
    expect(await db.user.count()).toBe(before);
  });
});

describe("sign in", () => {
  it("signs in with the right password and rotates the session", async () => {
    const user = await createUser({ email: "rina@example.test" });
    const old = await signedInCookie(user.id);
    const r = unwrap(
      await login.action(
        args(
          formRequest(
            "/en/login",
            { email: "rina@example.test", password: FIXTURE_PASSWORD, redirectTo: "/en/account" },
            { cookie: old },
          ),
          "en",
        ),
      ),
    );
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe("/en/account");
    // the session id the browser had before is gone; a new one was issued
    expect(await getUser(getRequest("/", { cookie: old }))).toBeNull();
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("never redirects off-site", async () => {
    await createUser({ email: "off@example.test" });
    const r = unwrap(
      await login.action(
        args(
          formRequest("/login", {
            email: "off@example.test",
            password: FIXTURE_PASSWORD,
            redirectTo: "//evil.example/x",
          }),
        ),
      ),
    );
    expect(r.headers.get("Location")).toBe("/");
  });

  it("says wrong email or password without telling which, and keeps the email", async () => {
    await createUser({ email: "dewi@example.test" });
    for (const email of ["dewi@example.test", "nobody@example.test"]) {
      const r = unwrap(await login.action(args(formRequest("/login", { email, password: "wrong password!" }))));
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ formError: "errors.badCredentials", values: { email } });
    }
  });

  it("locks an email out after repeated failures, even with the right password", async () => {
    const user = await createUser({ email: "locked@example.test" });
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      expect((await signIn({ email: "locked@example.test", password: "nope nope", ip: `198.51.100.${i}` })).ok).toBe(
        false,
      );
    }
    const r = unwrap(
      await login.action(args(formRequest("/login", { email: "locked@example.test", password: FIXTURE_PASSWORD }))),
    );
    expect(r.status).toBe(429);
    expect(r.body).toMatchObject({ formError: "errors.rateLimited" });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("password reset", () => {
  it("mails a single-use link that sets a new password and ends every session", async () => {
    const user = await createUser({ email: "lupa@example.test" });
    const cookie = await signedInCookie(user.id);
    const r = unwrap(await forgot.action(args(formRequest("/forgot-password", { email: "lupa@example.test" }))));
    expect(r.body).toEqual({ ok: true });
    const mail = await db.outboundMail.findFirstOrThrow({ where: { to: "lupa@example.test", kind: "password-reset" } });
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    expect(mail.text).toContain("http://localhost:3999/reset-password?token=");

    const page = unwrap(await reset.loader(args(getRequest(`/reset-password?token=${token}`))));
    expect((page.body as { token: string | null }).token).toBe(token);

    const done = unwrap(
      await reset.action(args(formRequest("/reset-password", { token, password: "a brand new passphrase" }))),
    );
    expect(done.status).toBe(302);
    expect(await getUser(getRequest("/", { cookie }))).toBeNull();
    expect((await signIn({ email: "lupa@example.test", password: "a brand new passphrase", ip: "x" })).ok).toBe(true);
    // used once: a second use is refused
    expect(await resetPassword(token, "another passphrase!")).toBe(false);
  });

  it("answers the same whether or not the email exists, and mails nobody unknown", async () => {
    const known = await createUser({ email: "ada@example.test" });
    const answer = async (email: string) => {
      const r = unwrap(await forgot.action(args(formRequest("/forgot-password", { email }, { ip: "198.51.100.9" }))));
      return { status: r.status, body: JSON.stringify(r.body), headers: [...r.headers.entries()] };
    };
    const forKnown = await answer(known.email);
    const forGhost = await answer("ghost@example.test");
    // byte for byte: status, headers and body
    expect(forGhost).toEqual(forKnown);
    expect(await db.outboundMail.count({ where: { to: known.email, kind: "password-reset" } })).toBe(1);
    expect(await db.outboundMail.count({ where: { to: "ghost@example.test" } })).toBe(0);
    await requestPasswordReset("ghost@example.test", "id");
    expect(await db.outboundMail.count({ where: { to: "ghost@example.test" } })).toBe(0);
  });

  it("refuses a made-up token", async () => {
    const r = unwrap(
      await reset.action(
        args(formRequest("/reset-password", { token: "A".repeat(43), password: "a brand new passphrase" })),
      ),
    );
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ formError: "errors.tokenInvalid" });
  });
});

describe("roles and account", () => {
  it("sends guests to sign in and refuses roles they lack", async () => {
    const res = await thrown(account.loader(args(getRequest("/en/account"), "en")));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/en/login?redirectTo=%2Fen%2Faccount");

    const buyer = await createUser({ roles: ["BUYER"] });
    const staff = await createUser({ roles: ["STAFF"] });
    const admin = await createUser({ roles: ["ADMIN"] });
    const forbidden = await thrown(
      requireRole(getRequest("/trade", { cookie: await signedInCookie(buyer.id) }), "STAFF"),
    );
    expect(forbidden.status).toBe(403);
    expect((await requireRole(getRequest("/trade", { cookie: await signedInCookie(staff.id) }), "STAFF")).id).toBe(
      staff.id,
    );
    expect((await requireRole(getRequest("/trade", { cookie: await signedInCookie(admin.id) }), "STAFF")).id).toBe(
      admin.id,
    );
  });

  it("updates the profile and signs out everywhere", async () => {
    const user = await createUser({ email: "profil@example.test" });
    const c1 = await signedInCookie(user.id);
    const c2 = await signedInCookie(user.id);
    const r = unwrap(
      await account.action(
        args(formRequest("/account", { intent: "profile", name: "Nama Baru", locale: "en" }, { cookie: c1 })),
      ),
    );
    expect(r.headers.get("Location")).toBe("/en/account?notice=accountSaved");
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Nama Baru");
    const out = unwrap(
      await account.action(args(formRequest("/account", { intent: "sign-out-everywhere" }, { cookie: c1 }))),
    );
    expect(out.status).toBe(302);
    expect(await getUser(getRequest("/", { cookie: c2 }))).toBeNull();
  });
});
