import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import {
  CLAIM_MAX_ATTEMPTS,
  claimProducer,
  GroupRefused,
  onboardMember,
  reissueClaimCode,
  setProducerKind,
} from "~/domain/producers/groups.server";
import { setMemberSupply } from "~/domain/trade/groups.server";
import { eligibleOffers } from "~/domain/trade/eligibility.server";
import {
  answerOffer,
  createLot,
  LotRefused,
  proposeAllocation,
  recordQc,
  recordReceipt,
  sendOffers,
} from "~/domain/trade/lots.server";
import { action as staffProducerAction } from "~/routes/($lang).trade.producers.$id";
import { action as claimAction } from "~/routes/($lang).claim";
import { action as supplyAction, loader as supplyLoader } from "~/routes/($lang).sell.members";
import { createProduct, createUser, producerMemberCookie, signedInCookie } from "../helpers/fixtures";
import { formRequest, getRequest, sessionCookieFor, unwrap } from "../helpers/http";
import { lotInput } from "../helpers/trade";

const DAY = 86_400_000;
let nibSeq = 0;
const nib = () => `81${String(Date.now() % 1e9).padStart(9, "0")}${String(++nibSeq).padStart(2, "0")}`;
const settle = <T>(ps: Array<Promise<T>>) => Promise.allSettled(ps);
/** open the pool's connections first, so the racing calls below really overlap */
const warmPool = () => Promise.all(Array.from({ length: 8 }, () => db.$executeRaw`SELECT pg_sleep(0.05)`));
const refusalKey = (r: PromiseSettledResult<unknown>) =>
  r.status === "rejected" && (r.reason instanceof GroupRefused || r.reason instanceof LotRefused)
    ? r.reason.key
    : r.status === "rejected"
      ? String(r.reason)
      : "ok";

async function koperasi(staffId: string) {
  const { producer, product } = await createProduct({
    nameId: "Tas purun",
    nameEn: "Purun bag",
    category: { slug: "anyaman-purun", nameId: "Anyaman purun", nameEn: "Purun weaving" },
  });
  await setProducerKind(staffId, producer.id, "COOPERATIVE");
  const variant = await db.variant.findFirstOrThrow({ where: { productId: product.id } });
  const member = (legalName: string, scale: "MIKRO" | "KECIL" | "MENENGAH", regencyCode = "63.08") =>
    onboardMember(staffId, producer.id, {
      legalName,
      nib: nib(),
      scale,
      regencyCode,
      address: "Desa Hulu",
      contactName: legalName,
      contactPhone: "+62 812 5555 0101",
      contactEmail: undefined,
    }).then((r) => r!);
  return { group: producer, product, variant, member };
}

describe("koperasi and kelompok usaha", () => {
  it("staff onboard members without an email; the person behind one claims it once with its code", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const { group, member } = await koperasi(staff.id);
    const ina = await member("Ina Purun", "MIKRO");
    expect(ina.member).toMatchObject({ groupId: group.id, contactEmail: null, status: "PENDING", kind: "INDIVIDUAL" });
    expect(ina.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect((await db.producerClaim.findUniqueOrThrow({ where: { producerId: ina.member.id } })).codeHash).not.toContain(
      ina.code,
    );
    expect(await db.auditLog.count({ where: { action: "producer.member-onboarded", entityId: ina.member.id } })).toBe(
      1,
    );

    // an individual producer has no members; a member is not a group; a group with members stays one
    const { producer: single } = await createProduct({ nameId: "Amplang", nameEn: "Amplang" });
    await expect(
      onboardMember(staff.id, single.id, { ...ina.member, nib: nib(), contactEmail: undefined }),
    ).rejects.toMatchObject({ key: "groups.refused.notGroup" });
    await expect(setProducerKind(staff.id, ina.member.id, "GROUP")).rejects.toMatchObject({
      key: "groups.refused.memberOfGroup",
    });
    await expect(setProducerKind(staff.id, group.id, "INDIVIDUAL")).rejects.toMatchObject({
      key: "groups.refused.hasMembers",
    });

    // wrong codes count; the fifth locks the claim, and then even the right code is refused
    const person = await createUser();
    const session = await db.session.create({ data: { userId: person.id, expiresAt: new Date(Date.now() + DAY) } });
    for (let i = 0; i < CLAIM_MAX_ATTEMPTS; i++)
      await expect(claimProducer(person, session.id, ina.member.nib!, "AAAA-AAAA", "10.0.0.1")).rejects.toMatchObject({
        key: "claims.refused.invalid",
      });
    await expect(claimProducer(person, session.id, ina.member.nib!, ina.code, "10.0.0.1")).rejects.toMatchObject({
      key: "claims.refused.locked",
    });
    // an unknown NIB answers like a wrong code
    await expect(claimProducer(person, session.id, nib(), ina.code, "10.0.0.1")).rejects.toMatchObject({
      key: "claims.refused.invalid",
    });
    // staff issue a new code: it works once, typed in lower case without the dash
    const code = (await reissueClaimCode(staff.id, ina.member.id))!;
    expect(
      await claimProducer(person, session.id, ina.member.nib!, code.replace("-", "").toLowerCase(), "10.0.0.2"),
    ).toMatchObject({ producerId: ina.member.id });
    const owner = await db.producerMember.findMany({ where: { producerId: ina.member.id } });
    expect(owner).toEqual([expect.objectContaining({ userId: person.id, isOwner: true })]);
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).roles).toContain("PRODUCER");
    expect((await db.producer.findUniqueOrThrow({ where: { id: ina.member.id } })).contactEmail).toBe(person.email);
    await expect(reissueClaimCode(staff.id, ina.member.id)).rejects.toMatchObject({ key: "groups.refused.hasAccount" });
    // a person who already runs a producer cannot claim a second
    const dewi = await member("Dewi Purun", "KECIL");
    await expect(claimProducer(person, session.id, dewi.member.nib!, dewi.code, "10.0.0.2")).rejects.toMatchObject({
      key: "claims.refused.alreadyProducer",
    });
    const rudi = await member("Rudi Purun", "KECIL");

    // ten people claim Rudi's producer at once with the right code: one owns it
    const people = await Promise.all(Array.from({ length: 10 }, () => createUser()));
    const sessions = await Promise.all(
      people.map((p) => db.session.create({ data: { userId: p.id, expiresAt: new Date(Date.now() + DAY) } })),
    );
    await warmPool();
    const claims = await settle(
      people.map((p, i) => claimProducer(p, sessions[i].id, rudi.member.nib!, rudi.code, `10.1.0.${i}`)),
    );
    expect(claims.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(claims.map(refusalKey).filter((k) => k !== "ok")).toEqual(Array(9).fill("claims.refused.invalid"));
    expect(await db.producerMember.count({ where: { producerId: rudi.member.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: "producer.claimed", entityId: rudi.member.id } })).toBe(1);

    // one client guessing: the eleventh try in an hour is refused before any code is compared
    const sari = await member("Sari Purun", "MIKRO");
    const guesses = [];
    for (let i = 0; i < 11; i++)
      guesses.push(
        refusalKey((await settle([claimProducer(person, session.id, sari.member.nib!, "BBBB-BBBB", "10.9.9.9")]))[0]),
      );
    expect(guesses.slice(0, 5)).toEqual(Array(5).fill("claims.refused.invalid"));
    expect(guesses.slice(5, 10)).toEqual(Array(5).fill("claims.refused.locked"));
    expect(guesses[10]).toBe("claims.refused.tooMany");
  });

  it("a koperasi's offer is split among its members by the allocator's rules; each member's passed units reach its own ledger", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const { group, product, variant, member } = await koperasi(staff.id);
    const groupUser = await createUser({ roles: ["PRODUCER"] });
    await db.producerMember.create({ data: { producerId: group.id, userId: groupUser.id, isOwner: true } });
    const mikro = (await member("Mikro Purun", "MIKRO")).member;
    const kecil = (await member("Kecil Purun", "KECIL")).member;
    const menengah = (await member("Menengah Purun", "MENENGAH")).member;
    const outsider = (await koperasi(staff.id).then((k) => k.member("Luar", "MIKRO"))).member;
    for (const [m, units] of [
      [mikro, 30],
      [kecil, 40],
      [menengah, 30],
    ] as const)
      expect(await setMemberSupply(group.id, groupUser.id, product.id, m.id, units)).toBe(true);
    // another group's member, or another producer's product: nothing recorded
    expect(await setMemberSupply(group.id, groupUser.id, product.id, outsider.id, 50)).toBe(false);
    expect(await db.memberSupply.count({ where: { memberId: outsider.id } })).toBe(0);

    const lot = await createLot(staff.id, lotInput({ productId: product.id, targetQuantity: 60 }));
    // the koperasi offers what its members hold (100), not its own shop stock (5)
    const offers = await eligibleOffers(lot.id);
    expect(offers).toEqual([expect.objectContaining({ producerId: group.id, capacity: 100 })]);
    await proposeAllocation(lot.id, staff.id);
    await sendOffers(staff.id, lot.id, new Date(Date.now() + DAY));
    const [offer] = await db.lotAllocation.findMany({ where: { lotId: lot.id } });
    expect(offer).toMatchObject({ producerId: group.id, quantity: 60, status: "OFFERED" });
    await answerOffer(group.id, groupUser.id, offer.id, "accept");

    const shares = await db.allocationShare.findMany({ where: { allocationId: offer.id } });
    const got = new Map(shares.map((s) => [s.memberId, s.quantity]));
    expect([...got.values()].reduce((s, q) => s + q, 0)).toBe(60);
    // the same water-filling: shares in the ratio of the weights, mikro ×1.5, kecil ×1.2, menengah ×1.0
    // (60 / 3.7 = 16.2 a weight: 24, 20 and 16 after rounding to whole units)
    expect([got.get(mikro.id), got.get(kecil.id), got.get(menengah.id)]).toEqual([24, 20, 16]);
    expect(shares.every((s) => s.reasonKey.startsWith("allocator.reason."))).toBe(true);
    // the members' supply went down by their shares; the koperasi's own stock is untouched
    const left = await db.memberSupply.findMany({ where: { productId: product.id } });
    for (const s of left) expect(s.units + (got.get(s.memberId) ?? 0)).toBe(s.memberId === kecil.id ? 40 : 30);
    expect((await db.variant.findUniqueOrThrow({ where: { id: variant.id } })).stock).toBe(5);

    // 50 of the 60 pass QC: each member is credited its part, the koperasi nothing
    await recordReceipt(staff.id, offer.id, 60);
    await recordQc(staff.id, offer.id, 50, "ok", []);
    const credits = await db.ledgerEntry.findMany({ where: { lotId: lot.id, kind: "LOT_CREDIT" } });
    expect(credits.every((c) => c.producerId !== group.id)).toBe(true);
    expect(credits.map((c) => c.sourceKey).sort()).toEqual(shares.map((s) => `lot:${offer.id}:${s.memberId}`).sort());
    expect(credits.reduce((s, c) => s + c.amount, 0n)).toBe(50n * 9_000_000n);
    for (const c of credits) expect(c.amount % 9_000_000n).toBe(0n);
  });

  it("ten offers to one koperasi accepted at once never promise more than its members hold", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const { group, product, variant, member } = await koperasi(staff.id);
    const groupUser = await createUser({ roles: ["PRODUCER"] });
    const a = (await member("Anggota A", "MIKRO")).member;
    const b = (await member("Anggota B", "KECIL")).member;
    await setMemberSupply(group.id, groupUser.id, product.id, a.id, 55);
    await setMemberSupply(group.id, groupUser.id, product.id, b.id, 45);
    const offered = [];
    for (let i = 0; i < 10; i++) {
      const lot = await createLot(staff.id, lotInput({ productId: product.id, targetQuantity: 15 }));
      offered.push(
        await db.lotAllocation.create({
          data: {
            lotId: lot.id,
            producerId: group.id,
            variantId: variant.id,
            quantity: 15,
            producerPriceAmount: 9_000_000n,
            status: "OFFERED",
            respondBy: new Date(Date.now() + DAY),
          },
        }),
      );
    }
    await warmPool();
    const answers = await settle(offered.map((o) => answerOffer(group.id, groupUser.id, o.id, "accept")));
    // 100 units held: six offers of 15 (90), the other four refused with the members' supply
    expect(answers.filter((r) => r.status === "fulfilled")).toHaveLength(6);
    expect(answers.map(refusalKey).filter((k) => k !== "ok")).toEqual(Array(4).fill("groups.refused.memberSupply"));
    const supply = await db.memberSupply.findMany({ where: { productId: product.id } });
    expect(supply.every((s) => s.units >= 0)).toBe(true);
    expect(supply.reduce((s, x) => s + x.units, 0)).toBe(10);
    const shares = await db.allocationShare.aggregate({
      where: { memberId: { in: [a.id, b.id] } },
      _sum: { quantity: true },
    });
    expect(shares._sum.quantity).toBe(90);
    expect(await db.lotAllocation.count({ where: { producerId: group.id, status: "ACCEPTED" } })).toBe(6);
  });

  it("the pages: only staff onboard; the form keeps what was typed; a koperasi sets only its own members' supply", async () => {
    const staff = await createUser({ roles: ["STAFF"] });
    const staffCookie = await signedInCookie(staff.id);
    const { producer: group, product } = await createProduct({
      nameId: "Madu kelulut",
      nameEn: "Kelulut honey",
      category: { slug: "madu", nameId: "Madu", nameEn: "Honey" },
    });
    const groupCookie = await producerMemberCookie(group.id);
    const call = async (
      fn: typeof staffProducerAction,
      path: string,
      fields: Record<string, string>,
      cookie: string,
      params: Record<string, string>,
    ) =>
      unwrap(
        await fn({ request: formRequest(path, fields, { cookie }), params, context: { ip: "10.3.3.3" } }).catch(
          (e: unknown) => e,
        ),
      );
    const at = `/trade/producers/${group.id}`;
    // a producer (even the group itself) cannot use the staff page
    expect(
      (await call(staffProducerAction, `${at}?intent=kind`, { kind: "GROUP" }, groupCookie, { id: group.id })).status,
    ).toBe(403);
    expect(
      (await call(staffProducerAction, `${at}?intent=kind`, { kind: "GROUP" }, staffCookie, { id: group.id })).body,
    ).toMatchObject({ saved: "kind" });
    const member = {
      legalName: "Peternak Kelulut Sei Pitung",
      nib: nib(),
      scale: "MIKRO",
      regencyCode: "62.10",
      address: "Desa Sei Pitung",
      contactName: "Rahmadi",
      contactPhone: "0812 5555 0199",
      contactEmail: "",
    };
    const bad = await call(
      staffProducerAction,
      `${at}?intent=onboard`,
      { ...member, nib: "12", contactPhone: "x" },
      staffCookie,
      { id: group.id },
    );
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      fieldErrors: { nib: "workErrors.nib", contactPhone: "errors.phone" },
      values: { legalName: member.legalName, nib: "12" },
    });
    expect(await db.producer.count({ where: { groupId: group.id } })).toBe(0);
    const made = await call(staffProducerAction, `${at}?intent=onboard`, member, staffCookie, { id: group.id });
    const issued = (made.body as { issued: { code: string; name: string } }).issued;
    expect(issued).toMatchObject({ name: member.legalName, code: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/) });
    const taken = await call(staffProducerAction, `${at}?intent=onboard`, member, staffCookie, { id: group.id });
    expect(taken).toMatchObject({ status: 409, body: { formError: "workErrors.nibTaken" } });
    const onboarded = await db.producer.findFirstOrThrow({ where: { groupId: group.id } });

    // the claim page: a wrong code is refused and the NIB stays typed; the right one makes the owner
    const person = await createUser();
    const session = await db.session.create({ data: { userId: person.id, expiresAt: new Date(Date.now() + DAY) } });
    const personCookie = await sessionCookieFor(session.id);
    const wrong = await call(claimAction, "/claim", { nib: member.nib, code: "ZZZZ-ZZZZ" }, personCookie, {});
    expect(wrong).toMatchObject({
      status: 409,
      body: { formError: "claims.refused.invalid", values: { nib: member.nib } },
    });
    const right = await call(claimAction, "/claim", { nib: member.nib, code: issued.code }, personCookie, {});
    expect(right.status).toBe(302);
    expect(right.headers.get("Location")).toContain("notice=producerClaimed");
    expect(await db.producerMember.count({ where: { producerId: onboarded.id, userId: person.id } })).toBe(1);

    // the koperasi's supply page: its own member only, whole units only
    const loaded = unwrap(
      await supplyLoader({ request: getRequest("/sell/members", { cookie: groupCookie }), params: {}, context: {} }),
    );
    expect(loaded.body).toMatchObject({ isGroup: true, members: [expect.objectContaining({ id: onboarded.id })] });
    const post = (fields: Record<string, string>, cookie = groupCookie) =>
      call(supplyAction as typeof staffProducerAction, "/sell/members", fields, cookie, {});
    const badUnits = await post({ memberId: onboarded.id, [`supply-${product.id}`]: "-3" });
    expect(badUnits).toMatchObject({
      status: 400,
      body: { fieldErrors: { [`supply-${product.id}`]: "groups.errors.units" } },
    });
    expect(await db.memberSupply.count({ where: { memberId: onboarded.id } })).toBe(0);
    expect((await post({ memberId: onboarded.id, [`supply-${product.id}`]: "35" })).body).toMatchObject({
      saved: member.legalName,
    });
    expect(
      await db.memberSupply.findUniqueOrThrow({
        where: { productId_memberId: { productId: product.id, memberId: onboarded.id } },
      }),
    ).toMatchObject({ units: 35 });
    // another group's member: not found; an individual producer has no such page to post to
    const other = await koperasi(staff.id).then((k) => k.member("Luar", "MIKRO"));
    expect((await post({ memberId: other.member.id, [`supply-${product.id}`]: "9" })).status).toBe(404);
    const { producer: single } = await createProduct({ nameId: "Amplang", nameEn: "Amplang" });
    expect(
      (await post({ memberId: onboarded.id, [`supply-${product.id}`]: "9" }, await producerMemberCookie(single.id)))
        .status,
    ).toBe(404);
    expect(
      await db.memberSupply.findUniqueOrThrow({
        where: { productId_memberId: { productId: product.id, memberId: onboarded.id } },
      }),
    ).toMatchObject({ units: 35 });
  });
});
