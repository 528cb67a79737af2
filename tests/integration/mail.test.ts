/**
 * Mail that leaves: with MAIL_URL set, the send_mail job delivers through nodemailer to a
 * real SMTP server on loopback, and what arrived is read back with mailparser: the order
 * confirmation, a lot offer to a producer and a password reset, each in its recipient's
 * language with a plain-text part. A mail server that is down delays mail and loses none.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { requestPasswordReset } from "~/domain/accounts/accounts.server";
import { createLot, proposeAllocation, sendOffers } from "~/domain/trade/lots.server";
import { drainJobs } from "~/jobs/worker.server";
import { deliverMail, MailBusy } from "~/lib/mail.server";
import { MailSink } from "../fakes/smtp";
import { createUser } from "../helpers/fixtures";
import { queuedJobs } from "../helpers/jobs";
import { cartWith, checkoutInput, sellable, shippingRate } from "../helpers/orders";
import { checkoutQuote, newCheckoutKey, placeOrder } from "~/domain/orders/checkout.server";
import { waitFor } from "../helpers/processes";
import { rattanProducers, lotInput } from "../helpers/trade";

const sink = new MailSink();

beforeAll(async () => {
  await sink.start();
  process.env.MAIL_URL = sink.url;
  process.env.MAIL_FROM = "Anjung <halo@anjung.test>";
});

afterAll(async () => {
  delete process.env.MAIL_URL;
  delete process.env.MAIL_FROM;
  await sink.stop();
});

/** Runs the queued jobs; the mails of this test are those that arrived meanwhile. */
async function deliver() {
  const before = sink.received.length;
  await drainJobs();
  return sink.received.slice(before);
}

describe("mail through SMTP", () => {
  it("an order confirmation reaches the buyer in the buyer's language, with a plain-text and an HTML part", async () => {
    const { variant } = await sellable({ stock: 5, name: "Tikar purun" });
    await shippingRate();
    const input = checkoutInput({ email: "buyer.en@example.test" });
    const cartId = await cartWith([{ variantId: variant.id, quantity: 2 }]);
    const placed = await placeOrder(cartId, null, "en", input, {
      checkoutKey: newCheckoutKey(),
      reviewDigest: (await checkoutQuote(cartId, "en", input)).digest,
    });
    const order = await db.order.findUniqueOrThrow({ where: { id: placed.id } });
    const stored = await db.outboundMail.findFirstOrThrow({
      where: { to: "buyer.en@example.test", kind: "order.awaiting-transfer" },
    });
    expect(stored).toMatchObject({ status: "QUEUED", locale: "en" });
    const [mail] = (await deliver()).filter((m) => m.subject?.includes(order.number));
    expect(mail).toBeDefined();
    expect(mail.from?.value[0]).toMatchObject({ name: "Anjung", address: "halo@anjung.test" });
    expect(mail.subject).toMatch(/order/i);
    expect(mail.text).toContain(order.number);
    expect(mail.text).toContain("/en/orders/");
    expect(mail.html).toContain(`href="http://localhost:3999/en/orders/`);
    expect(mail.headers.get("content-language")).toBe("en");
    expect(mail.messageId).toBe(`<${stored.id}@localhost>`);
    expect(await db.outboundMail.findUniqueOrThrow({ where: { id: stored.id } })).toMatchObject({
      status: "SENT",
      attempts: 1,
      messageId: `<${stored.id}@localhost>`,
    });
  });

  it("a lot offer reaches each producer in its own language, with the deadline", async () => {
    const producers = await rattanProducers();
    const staff = await createUser({ roles: ["STAFF"] });
    const lot = await createLot(
      staff.id,
      lotInput({ categoryId: producers[0].product.categoryId, targetQuantity: 60 }),
    );
    const plan = await proposeAllocation(lot.id, staff.id);
    const offered = producers.filter((p) => plan.allocations.some((a) => a.producerId === p.producer.id));
    expect(offered.length).toBeGreaterThanOrEqual(2);
    // one producer's owner reads English; each producer has its own contact address
    await db.user.update({ where: { id: offered[0].user.id }, data: { locale: "en" } });
    for (const [i, p] of offered.entries())
      p.producer.contactEmail = (
        await db.producer.update({ where: { id: p.producer.id }, data: { contactEmail: `produsen${i}@example.test` } })
      ).contactEmail;
    await sendOffers(staff.id, lot.id, new Date("2027-01-15T10:00:00Z"));
    const arrived = (await deliver()).filter((m) => m.subject?.includes(lot.code));
    expect(arrived).toHaveLength(plan.allocations.length);
    for (const p of offered) {
      const [mail] = sink.to(p.producer.contactEmail!).filter((m) => m.subject?.includes(lot.code));
      const english = p === offered[0];
      expect(mail.headers.get("content-language")).toBe(english ? "en" : "id");
      expect(mail.text).toContain(english ? "Please answer by" : "Mohon jawab paling lambat");
      expect(mail.text).toContain(english ? "15 January 2027" : "15 Januari 2027");
      expect(mail.text).toContain(english ? "Rattan basket" : "Keranjang rotan");
      expect(mail.text).toContain(english ? "/en/sell/lots" : "/sell/lots");
    }
  });

  it("a password reset reaches the account holder with a working link", async () => {
    const user = await createUser({ email: "lupa.sandi@example.test" });
    await requestPasswordReset(user.email, "id");
    const [mail] = (await deliver()).filter((m) => sink.to(user.email).includes(m));
    expect(mail.subject).toBeTruthy();
    const link = mail.text!.match(/https?:\/\/\S+reset-password\?token=[\w-]+/)?.[0];
    expect(link).toBeTruthy();
    const { isResetTokenUsable } = await import("~/domain/accounts/accounts.server");
    expect(await isResetTokenUsable(new URL(link!).searchParams.get("token")!)).toBe(true);
  });

  it("a mail server that is down delays mail and loses none: each mail arrives once after it is back", async () => {
    await drainJobs();
    await sink.stop();
    const addresses = Array.from({ length: 5 }, (_, i) => `tunda${i}@example.test`);
    for (const email of addresses) await requestPasswordReset((await createUser({ email })).email, "id");
    await expect(drainJobs()).rejects.toThrow(/send_mail: .*ECONNREFUSED/);
    const waiting = await db.outboundMail.findMany({ where: { to: { in: addresses } } });
    expect(
      waiting.every((m) => m.status === "QUEUED" && m.attempts === 1 && /ECONNREFUSED/.test(m.lastError ?? "")),
    ).toBe(true);
    expect(await queuedJobs("send_mail")).toHaveLength(5);

    await sink.start(sink.port);
    // the jobs wait out their back-off (about 2.7 s after the first failure), then deliver
    expect(
      await waitFor(async () => (await drainJobs()) >= 0 && (await queuedJobs("send_mail")).length === 0, 30_000, 500),
    ).toBe(true);
    for (const email of addresses) expect(sink.to(email)).toHaveLength(1);
    expect(await db.outboundMail.count({ where: { to: { in: addresses }, status: "SENT", attempts: 2 } })).toBe(5);
    // a job that runs again for a mail already sent does not send it twice
    const [one] = waiting;
    await db.$executeRaw`SELECT graphile_worker.add_job('send_mail', json_build_object('mailId', ${one.id}::text))`;
    await drainJobs();
    expect(sink.to(one.to)).toHaveLength(1);
  });
});

describe("one mail, many runs", () => {
  it("ten runs of the send job for one mail at once send it once", async () => {
    const user = await createUser({ email: "sekali@example.test" });
    await requestPasswordReset(user.email, "id");
    const mail = await db.outboundMail.findFirstOrThrow({ where: { to: user.email } });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => deliverMail(mail.id)));
    const sent = results.filter((r) => r.status === "fulfilled" && r.value === "sent");
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    expect(sent).toHaveLength(1);
    // the others either found it sent or were turned away while it was being sent (their job retries later)
    expect(refused.every((e) => e instanceof MailBusy)).toBe(true);
    expect(sink.to(user.email)).toHaveLength(1);
    expect(await db.outboundMail.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({
      status: "SENT",
      attempts: 1,
    });
    await db.$executeRaw`DELETE FROM graphile_worker._private_jobs`;
  });
});

describe("mail without MAIL_URL", () => {
  it("is written to OutboundMail and logged, and the job marks it so", async () => {
    const saved = process.env.MAIL_URL;
    delete process.env.MAIL_URL;
    try {
      const before = sink.received.length;
      const user = await createUser({ email: "lokal@example.test" });
      await requestPasswordReset(user.email, "id");
      await drainJobs();
      expect(await db.outboundMail.findFirstOrThrow({ where: { to: user.email } })).toMatchObject({ status: "LOGGED" });
      expect(sink.received.length).toBe(before);
    } finally {
      process.env.MAIL_URL = saved;
    }
  });
});
