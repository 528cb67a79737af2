/**
 * Team membership by invitation, through the real HTTP front. Adding a member sends an
 * invitation the invitee accepts while signed in with the invited address; until then
 * nothing about their account changes (before: any unverified producer could add any account,
 * an admin's included, ending its sessions, adding the PRODUCER role and showing its name),
 * and the answer does not reveal whether the address has an account.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { createProduct, createUser, producerMemberCookie, signedInCookie } from "../helpers/fixtures";
import { Client, startHttpApp } from "../helpers/app";

let app: Awaited<ReturnType<typeof startHttpApp>>;
beforeAll(async () => {
  app = await startHttpApp();
});
afterAll(() => app?.stop());

async function unverifiedProducer() {
  const { producer } = await createProduct({ nameId: "Tas purun", nameEn: "Purun bag", producerStatus: "PENDING" });
  return { producer, client: await new Client(app.base, await producerMemberCookie(producer.id, "Pemilik")).ready() };
}

describe("team invitations", () => {
  it("change nothing about the invited account, and answer alike for known and unknown addresses", async () => {
    const { producer, client } = await unverifiedProducer();
    const admin = await createUser({ roles: ["ADMIN"], name: "Admin Rahasia" });
    const adminSession = await db.session.create({
      data: { userId: admin.id, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    const known = await client.post("/sell/profile?intent=add-member", { intent: "add-member", email: admin.email });
    const unknown = await client.post("/sell/profile?intent=add-member", {
      intent: "add-member",
      email: `nobody-${Date.now()}@example.test`,
    });
    expect(known.status).toBe(302);
    expect(unknown.status).toBe(302);
    expect(known.headers.get("location")).toBe(unknown.headers.get("location"));
    const page = await (await client.request(known.headers.get("location")!)).text();
    expect(page).toContain('data-testid="invited"');
    expect(page).not.toContain("Admin Rahasia");
    // the admin's account is untouched
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).roles).toEqual(["ADMIN"]);
    expect(await db.session.findUnique({ where: { id: adminSession.id } })).not.toBeNull();
    expect(await db.producerMember.count({ where: { producerId: producer.id, userId: admin.id } })).toBe(0);
    expect(await db.outboundMail.count({ where: { to: admin.email, kind: "team.invitation" } })).toBe(1);
  });

  it("are accepted by the invited address, signed in, once; no one else can use the link", async () => {
    const { producer, client } = await unverifiedProducer();
    const invitee = await createUser({ roles: ["BUYER"], name: "Ina" });
    await client.post("/sell/profile?intent=add-member", { intent: "add-member", email: invitee.email });
    const mail = await db.outboundMail.findFirstOrThrow({ where: { to: invitee.email, kind: "team.invitation" } });
    const path = new URL(/https?:\/\/\S+\/invitations\/\S+/.exec(mail.text)![0]).pathname;

    // someone else, signed in, cannot accept it
    const stranger = await createUser();
    const other = await new Client(app.base, await signedInCookie(stranger.id)).ready();
    const refused = await other.post(path, { intent: "accept" });
    expect(refused.status).toBe(403);
    expect(await db.producerMember.count({ where: { producerId: producer.id, userId: stranger.id } })).toBe(0);
    // signed out, the link asks to sign in first
    const anonymous = await fetch(`${app.base}${path}`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login\?redirectTo=/);

    const me = await new Client(app.base, await signedInCookie(invitee.id)).ready();
    const accepted = await me.post(path, { intent: "accept" });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe("/sell?joined=1");
    expect((await db.user.findUniqueOrThrow({ where: { id: invitee.id } })).roles).toEqual(
      expect.arrayContaining(["BUYER", "PRODUCER"]),
    );
    expect(await db.producerMember.count({ where: { producerId: producer.id, userId: invitee.id } })).toBe(1);
    // the session that accepted goes on; the link is used up
    expect((await me.request("/sell")).status).toBe(200);
    expect((await me.post(path, { intent: "accept" })).status).toBe(404);
  });

  it("accepted 10 times at once join the team once", async () => {
    const { producer, client } = await unverifiedProducer();
    const invitee = await createUser({ roles: ["BUYER"] });
    await client.post("/sell/profile?intent=add-member", { intent: "add-member", email: invitee.email });
    const mail = await db.outboundMail.findFirstOrThrow({ where: { to: invitee.email, kind: "team.invitation" } });
    const path = new URL(/https?:\/\/\S+\/invitations\/\S+/.exec(mail.text)![0]).pathname;
    const me = await new Client(app.base, await signedInCookie(invitee.id)).ready();
    const answers = await Promise.all(Array.from({ length: 10 }, () => me.post(path, { intent: "accept" })));
    expect(answers.filter((r) => r.status === 302)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 404)).toHaveLength(9);
    expect(await db.producerMember.count({ where: { producerId: producer.id, userId: invitee.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { entityId: producer.id, action: "producer.member-added" } })).toBe(1);
    expect(
      (await db.user.findUniqueOrThrow({ where: { id: invitee.id } })).roles.filter((r) => r === "PRODUCER"),
    ).toHaveLength(1);
  });
});
