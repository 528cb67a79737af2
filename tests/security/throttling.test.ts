/**
 * Sign-in throttling holds under concurrency, and the other account doors are throttled
 * too, through the real HTTP front: 40 simultaneous wrong passwords for one account check at
 * most the allowed number; forgot-password and sign-up are limited per address and per
 * client; a new reset link invalidates the older ones.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { MAX_FAILURES_PER_EMAIL } from "~/domain/accounts/accounts.server";
import { createUser } from "../helpers/fixtures";
import { Client, startHttpApp } from "../helpers/app";

let app: Awaited<ReturnType<typeof startHttpApp>>;
beforeAll(async () => {
  app = await startHttpApp();
});
afterAll(() => app?.stop());

describe("sign-in throttling", () => {
  it("checks at most the allowed number of 40 simultaneous wrong passwords", async () => {
    const user = await createUser();
    const clients = await Promise.all(Array.from({ length: 40 }, () => new Client(app.base).ready()));
    const answers = await Promise.all(
      clients.map(async (c) => {
        const res = await c.post("/login", { email: user.email, password: "wrong-password-123" });
        return { status: res.status, body: await res.text() };
      }),
    );
    const checked = answers.filter((a) => a.status === 400);
    const throttled = answers.filter((a) => a.status === 429);
    expect(checked).toHaveLength(MAX_FAILURES_PER_EMAIL);
    expect(throttled, answers.map((a) => a.status).join(",")).toHaveLength(40 - MAX_FAILURES_PER_EMAIL);
    expect(throttled.every((a) => a.body.includes("Terlalu banyak percobaan"))).toBe(true);
    expect(await db.loginAttempt.count({ where: { email: user.email } })).toBe(MAX_FAILURES_PER_EMAIL);
  });
});

describe("forgot-password and sign-up", () => {
  it("are throttled per address and per client, and say so", async () => {
    const user = await createUser();
    const c = await new Client(app.base).ready();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await c.post("/forgot-password", { email: user.email })).status);
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(await db.outboundMail.count({ where: { to: user.email, kind: "password-reset" } })).toBe(3);
    // an unknown address is throttled the same way (no account probing)
    const other: number[] = [];
    const d = await new Client(app.base).ready();
    const nobody = `nobody-${Date.now()}@example.test`;
    for (let i = 0; i < 5; i++) other.push((await d.post("/forgot-password", { email: nobody })).status);
    expect(other).toEqual([200, 200, 200, 429, 429]);

    // twelve visitors from one client address sign up in turn
    const signups = [];
    for (let i = 0; i < 12; i++) {
      const e = await new Client(app.base).ready();
      signups.push(
        (
          await e.post(
            "/signup",
            {
              name: "Siti",
              email: `signup-${i}-${Date.now()}@example.test`,
              password: "panjang-sekali-123",
              accountType: "buyer",
            },
            { forwardedFor: "203.0.113.7" },
          )
        ).status,
      );
    }
    expect(signups.filter((s) => s === 302).length).toBe(10);
    expect(signups.slice(10)).toEqual([429, 429]);
  });

  it("a new reset link invalidates the older ones", async () => {
    const user = await createUser();
    const c = await new Client(app.base).ready();
    await c.post("/forgot-password", { email: user.email }, { forwardedFor: "203.0.113.8" });
    await c.post("/forgot-password", { email: user.email }, { forwardedFor: "203.0.113.8" });
    const tokens = await db.passwordResetToken.findMany({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
    expect(tokens).toHaveLength(2);
    expect(tokens[0].usedAt).not.toBeNull();
    expect(tokens[1].usedAt).toBeNull();
    // the first mail's link no longer works
    const mails = await db.outboundMail.findMany({
      where: { to: user.email, kind: "password-reset" },
      orderBy: { createdAt: "asc" },
    });
    const firstLink = /token=([A-Za-z0-9_-]+)/.exec(mails[0].text)![1];
    const res = await c.post(`/reset-password?token=${firstLink}`, {
      token: firstLink,
      password: "sasirangan-banjar-2027",
    });
    expect(res.status).toBe(400);
  });
});
