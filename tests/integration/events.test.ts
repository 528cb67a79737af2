/**
 * Events and intake (#21 item 3): a UMKM registered at the venue becomes a producer record
 * with a claim code and a facilitator's follow-up; the same UMKM met again is matched by its
 * phone number (however typed) or NIB, never duplicated, even when desks register it at once;
 * the event's outcomes count what followed (NIB, halal, BPOM verified, first sales) week by week.
 */
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { createEvent, eventOutcomes, eventOutcomesCsv } from "~/domain/events/events.server";
import { registerIntake } from "~/domain/events/intake.server";
import { completeFollowUp, openFollowUps } from "~/domain/events/follow-ups.server";
import type { IntakeInput } from "~/domain/events/schema";
import { intakeSchema } from "~/domain/events/schema";
import { decideCertificate } from "~/domain/certification/certificates.server";
import { claimProducer } from "~/domain/producers/groups.server";
import { decideProducer, NoNibError } from "~/domain/producers/producers.server";
import * as eventsPage from "~/routes/($lang).trade.events._index";
import * as eventPage from "~/routes/($lang).trade.events.$id";
import * as intakePage from "~/routes/($lang).events.$id.intake";
import * as caseloadPage from "~/routes/($lang).facilitate._index";
import * as outcomesCsv from "~/routes/trade.events.$id.outcomes[.]csv";
import * as ladderCsvRoute from "~/routes/trade.impact-ladder[.]csv";
import { createUser, signedInCookie } from "../helpers/fixtures";
import { formRequest, getRequest, unwrap } from "../helpers/http";

const DAY = 86_400_000;
const uniquePhone = () => `0813${crypto.randomInt(10_000_000, 99_999_999)}`;
const uniqueNib = () => `9${crypto.randomInt(100_000, 999_999)}${crypto.randomInt(100_000, 999_999)}`;

function intake(over: Record<string, unknown> = {}): IntakeInput {
  return intakeSchema.parse({
    name: "Amplang Ibu Sari",
    phone: uniquePhone(),
    regencyCode: "63.71",
    products: "Amplang ikan pipih",
    nibStatus: "NONE",
    halalStatus: "IN_PROCESS",
    bpomStatus: "NONE",
    needs: ["NIB", "HALAL"],
    ...over,
  });
}

async function event(staffId: string, startsDaysAgo = 10) {
  const startsOn = new Date(Math.floor((Date.now() - startsDaysAgo * DAY) / DAY) * DAY);
  return createEvent(staffId, {
    name: `Expo UMKM ${crypto.randomBytes(2).toString("hex")}`,
    place: "Gedung Sultan Suriansyah",
    regencyCode: "63.71",
    startsOn,
    endsOn: new Date(startsOn.getTime() + 2 * DAY),
  });
}

describe("event intake", () => {
  it("turns a UMKM without an NIB into a producer with a claim code and its registrar's follow-up; staff cannot verify it without an NIB", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const f = await createUser({ roles: ["FACILITATOR"] });
    const ev = await event(staff.id);
    const done = (await registerIntake(f, ev.id, intake({ phone: "0813-1111-2222" })))!;
    expect(done).toMatchObject({ matched: false, facilitatorId: f.id });
    expect(done.claimCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const p = await db.producer.findUniqueOrThrow({ where: { id: done.producerId } });
    expect(p).toMatchObject({
      nib: null,
      status: "PENDING",
      scale: "MIKRO",
      contactPhone: "+6281311112222",
      facilitatorId: f.id,
    });
    expect(await db.certification.count({ where: { producerId: p.id } })).toBe(0);
    const [task] = await db.followUpTask.findMany({ where: { producerId: p.id } });
    expect(task).toMatchObject({ facilitatorId: f.id, needs: ["NIB", "HALAL"], doneAt: null });
    expect(task!.dueOn.getTime()).toBe(ev.endsOn.getTime() + 14 * DAY);
    expect(await db.auditLog.count({ where: { action: "producer.intake", entityId: p.id, actorId: f.id } })).toBe(1);
    await expect(decideProducer(staff.id, p.id, "verify")).rejects.toBeInstanceOf(NoNibError);
    expect((await db.producer.findUniqueOrThrow({ where: { id: p.id } })).status).toBe("PENDING");
  });

  it("matches the same UMKM by its phone number however typed, or by its NIB; a second registration at one event is refused", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const f = await createUser({ roles: ["FACILITATOR"] });
    const [first, second] = [await event(staff.id, 40), await event(staff.id)];
    const phone = uniquePhone();
    const a = (await registerIntake(staff, first.id, intake({ phone, facilitatorId: f.id })))!;
    expect(a.facilitatorId).toBe(f.id);
    // the same number as +62 with spaces, at the next event: the same producer, no claim code again
    const typed = `+62 ${phone.slice(1, 4)} ${phone.slice(4)}`;
    const b = (await registerIntake(staff, second.id, intake({ phone: typed, name: "Sari (amplang)" })))!;
    expect(b).toMatchObject({ matched: true, producerId: a.producerId, claimCode: null, facilitatorId: f.id });
    await expect(registerIntake(staff, second.id, intake({ phone }))).rejects.toMatchObject({
      key: "events.refused.alreadyRegistered",
    });
    expect(await db.producer.count({ where: { contactPhone: { contains: phone.slice(1) } } })).toBe(1);

    // by NIB: a verified producer met with another phone number
    const nib = uniqueNib();
    const c = (await registerIntake(staff, first.id, intake({ nib, nibStatus: "HAS" })))!;
    const d = (await registerIntake(staff, second.id, intake({ nib, nibStatus: "HAS" })))!;
    expect(d).toMatchObject({ matched: true, producerId: c.producerId });
    // a phone number that belongs to a producer with another NIB is refused, not merged
    const known = await db.producer.findUniqueOrThrow({ where: { id: c.producerId } });
    await expect(
      registerIntake(
        staff,
        (await event(staff.id)).id,
        intake({ phone: known.contactPhone, nib: uniqueNib(), nibStatus: "HAS" }),
      ),
    ).rejects.toMatchObject({ key: "events.refused.phoneOtherNib" });
    // a facilitator cannot be named by a non-facilitator's id
    await expect(registerIntake(staff, first.id, intake({ facilitatorId: staff.id }))).rejects.toMatchObject({
      key: "events.refused.notFacilitator",
    });
  });

  it("ten desks registering the same UMKM at once make one producer and one registration", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const ev = await event(staff.id);
    const phone = uniquePhone();
    const forms = [phone, `+62${phone.slice(1)}`, `62 ${phone.slice(1)}`, `${phone.slice(0, 4)}-${phone.slice(4)}`];
    await db.$queryRaw`SELECT 1`;
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        // each desk types the name its own way: only the phone number says it is one UMKM
        registerIntake(staff, ev.id, intake({ phone: forms[i % forms.length], name: `Amplang Ibu Sari ${i}` })),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.key);
    expect(ok).toHaveLength(1);
    expect(refused).toEqual(Array(9).fill("events.refused.alreadyRegistered"));
    expect(await db.eventIntake.count({ where: { eventId: ev.id } })).toBe(1);
    expect(await db.producer.count({ where: { contactPhone: `+62${phone.slice(1)}` } })).toBe(1);
    expect(await db.followUpTask.count({ where: { intake: { eventId: ev.id } } })).toBe(1);
  });
});

describe("follow-up and outcomes", () => {
  it("the facilitator records the NIB it helped get, staff verify it and the halal certificate, the event counts them and the first sale; the owner claims by phone", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const f = await createUser({ roles: ["FACILITATOR"] });
    const other = await createUser({ roles: ["FACILITATOR"] });
    const ev = await event(staff.id, 15);
    const done = (await registerIntake(
      f,
      ev.id,
      intake({ phone: "0813 5555 0001".replace("0001", String(crypto.randomInt(1000, 9999))) }),
    ))!;
    const task = (await openFollowUps(f.id)).find((t) => t.producer.id === done.producerId)!;
    expect(await openFollowUps(other.id)).toEqual([]);

    // only its facilitator closes the task, once
    expect(await completeFollowUp(other.id, task.id, "tried", undefined)).toBeNull();
    const nib = uniqueNib();
    // ten taps on "done" at once (a slow network): one closes it, with its NIB and one visit; the rest are told
    await db.$queryRaw`SELECT 1`;
    const taps = await Promise.allSettled(
      Array.from({ length: 10 }, () => completeFollowUp(f.id, task.id, "Helped register in OSS", nib)),
    );
    expect(
      taps.filter((t) => t.status === "fulfilled").map((t) => (t as PromiseFulfilledResult<unknown>).value),
    ).toEqual([done.producerId]);
    expect(taps.filter((t) => t.status === "rejected").map((t) => (t as PromiseRejectedResult).reason.key)).toEqual(
      Array(9).fill("events.refused.followUpDone"),
    );
    expect(await db.certification.count({ where: { producerId: done.producerId, type: "NIB" } })).toBe(1);
    expect(await db.facilitatorVisit.count({ where: { producerId: done.producerId, facilitatorId: f.id } })).toBe(1);
    expect((await db.producer.findUniqueOrThrow({ where: { id: done.producerId } })).nib).toBe(nib);

    // staff verify the producer (its NIB) and a halal certificate; a first sale follows
    await decideProducer(staff.id, done.producerId, "verify");
    const halal = await db.certification.create({
      data: {
        producerId: done.producerId,
        type: "HALAL",
        number: `ID${nib}`,
        issuer: "BPJPH",
        issuedAt: new Date(),
        status: "PENDING",
      },
    });
    await decideCertificate(staff.id, halal.id, "verify");
    // the sale is set down as the ledger records one (the checkout path is covered elsewhere)
    await db.ledgerEntry.create({
      data: {
        producerId: done.producerId,
        kind: "SALE_CREDIT",
        amount: 5_000_000n,
        sourceKey: `test-sale:${done.producerId}`,
        memo: "first sale",
      },
    });
    const o = (await eventOutcomes(ev.id))!;
    expect(o).toMatchObject({ registrations: 1, newProducers: 1, nib: 1, halal: 1, bpom: 0, firstSales: 1 });
    // week by week, cumulative: registered in the event's week, the rest in the latest week
    expect(o.weeks.length).toBe(3);
    expect(o.weeks[0]).toMatchObject({ week: 0, nib: 0, halal: 0, firstSales: 0 });
    expect(o.weeks.at(-1)).toMatchObject({ registrations: 1, nib: 1, halal: 1, firstSales: 1 });
    const csv = (await eventOutcomesCsv(ev.id))!;
    expect(csv.split("\n")[0]).toBe("week_from,registrations,nib_verified,halal_verified,bpom_verified,first_sales");
    expect(csv.trim().split("\n")).toHaveLength(4);

    // the owner, signed up, claims the producer with the phone number it gave and its code
    const owner = await createUser();
    const session = await db.session.create({ data: { userId: owner.id, expiresAt: new Date(Date.now() + DAY) } });
    const phone = (await db.producer.findUniqueOrThrow({ where: { id: done.producerId } })).contactPhone;
    await expect(claimProducer(owner, session.id, phone, done.claimCode!, "10.9.9.9")).resolves.toMatchObject({
      producerId: done.producerId,
    });
  });

  it("counts by WIB days: an NIB verified at 01:00 WIB on the first day counts, one at 23:00 WIB the day before does not", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const ev = await event(staff.id, 0);
    const [early, onTime] = [
      (await registerIntake(staff, ev.id, intake({ nib: uniqueNib(), nibStatus: "HAS" })))!,
      (await registerIntake(staff, ev.id, intake({ nib: uniqueNib(), nibStatus: "HAS" })))!,
    ];
    const at = (hoursFromUtcMidnight: number) => new Date(ev.startsOn.getTime() + hoursFromUtcMidnight * 3_600_000);
    await db.certification.updateMany({
      where: { producerId: early.producerId, type: "NIB" },
      data: { status: "VERIFIED", verifiedAt: at(-8) },
    });
    await db.certification.updateMany({
      where: { producerId: onTime.producerId, type: "NIB" },
      data: { status: "VERIFIED", verifiedAt: at(-6) },
    });
    expect((await eventOutcomes(ev.id, at(12)))!.nib).toBe(1);
  });
});

describe("who may do what with events", () => {
  const settled = async (p: unknown) => unwrap(await Promise.resolve(p).catch((e: unknown) => e));

  it("staff run events; facilitators register at them and close only their own follow-ups; buyers and producers reach neither", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const f = await createUser({ roles: ["FACILITATOR"] });
    const other = await createUser({ roles: ["FACILITATOR"] });
    const buyer = await createUser();
    const producer = await createUser({ roles: ["PRODUCER"] });
    const ev = await event(staff.id);
    const [staffC, fC, otherC, buyerC, producerC] = await Promise.all(
      [staff, f, other, buyer, producer].map((u) => signedInCookie(u.id)),
    );
    const ctx = { ip: "10.4.4.4" };
    const get = (mod: { loader: (a: never) => unknown }, path: string, cookie: string, params = {}) =>
      settled(mod.loader({ request: getRequest(path, { cookie }), params, context: ctx } as never));
    const id = { id: ev.id };

    // staff pages: staff only
    for (const cookie of [fC, buyerC, producerC]) {
      expect((await get(eventsPage, "/trade/events", cookie)).status).toBe(403);
      expect((await get(eventPage, `/trade/events/${ev.id}`, cookie, id)).status).toBe(403);
      expect((await get(outcomesCsv, `/trade/events/${ev.id}/outcomes.csv`, cookie, id)).status).toBe(403);
      expect((await get(ladderCsvRoute, "/trade/impact-ladder.csv", cookie)).status).toBe(403);
    }
    expect((await get(eventPage, `/trade/events/${ev.id}`, staffC, id)).status).toBe(200);
    const created = await settled(
      eventsPage.action({
        request: formRequest(
          "/trade/events",
          {
            name: "Jambore UMKM",
            place: "Lapangan",
            regencyCode: "62.71",
            startsOn: "2026-12-10",
            endsOn: "2026-12-09",
          },
          { cookie: staffC },
        ),
        params: {},
        context: ctx,
      }),
    );
    expect((created.body as { fieldErrors: Record<string, string> }).fieldErrors.endsOn).toBe(
      "events.errors.endsBeforeStart",
    );

    // the intake: staff and facilitators, not buyers or producers
    for (const cookie of [buyerC, producerC])
      expect((await get(intakePage, `/events/${ev.id}/intake`, cookie, id)).status).toBe(403);
    for (const cookie of [staffC, fC])
      expect((await get(intakePage, `/events/${ev.id}/intake`, cookie, id)).status).toBe(200);
    const form = {
      name: "Madu Ibu Yati",
      phone: "0813 7777 1234",
      regencyCode: "62.71",
      products: "Madu kelulut",
      nibStatus: "NONE",
      halalStatus: "NONE",
      bpomStatus: "NOT_NEEDED",
      "needs[]": "HALAL",
    };
    const refused = await settled(
      intakePage.action({
        request: formRequest(`/events/${ev.id}/intake`, form, { cookie: buyerC }),
        params: id,
        context: ctx,
      }),
    );
    expect(refused.status).toBe(403);
    const done = await settled(
      intakePage.action({
        request: formRequest(`/events/${ev.id}/intake`, form, { cookie: fC }),
        params: id,
        context: ctx,
      }),
    );
    expect((done.body as { done: { matched: boolean; facilitatorId: string } }).done).toMatchObject({
      matched: false,
      facilitatorId: f.id,
    });
    expect(await db.producer.count({ where: { contactPhone: "+6281377771234" } })).toBe(1);

    // another facilitator cannot close this follow-up
    const [task] = await openFollowUps(f.id);
    const close = (cookie: string) =>
      settled(
        caseloadPage.action({
          request: formRequest(
            "/facilitate",
            { intent: "followUp", taskId: task!.id, note: "Visited the kitchen" },
            { cookie },
          ),
          params: {},
          context: ctx,
        }),
      );
    expect((await close(otherC)).status).toBe(404);
    expect((await db.followUpTask.findUniqueOrThrow({ where: { id: task!.id } })).doneAt).toBeNull();
    expect((await close(fC)).headers.get("Location")).toBe("/facilitate?followedUp=1");
  });
});
