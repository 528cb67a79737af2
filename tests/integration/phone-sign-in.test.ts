/**
 * Phone sign-in (#21 item 4) through the WhatsApp Cloud API's HTTP boundary, faked locally:
 * codes reach the number as Meta's template message, expire, are used once (also when typed
 * on ten phones at once), lock after five wrong tries, are throttled per number and per
 * client, and the provider's refusals say what went wrong and leave no usable code behind.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import {
  CODE_MAX_ATTEMPTS,
  CODES_PER_CLIENT_HOUR,
  CODES_PER_NUMBER_15_MIN,
  requestSignInCode,
  verifySignInCode,
} from "~/domain/accounts/phone-sign-in.server";
import * as phonePage from "~/routes/($lang).phone";
import { FakeWhatsApp } from "../fakes/whatsapp-server";
import { formRequest } from "../helpers/http";

const fake = new FakeWhatsApp({ token: "EAAG-phone-suite", phoneNumberId: "109876543210987" });
const number = () => `+62813${crypto.randomInt(10_000_000, 99_999_999)}`;
const client = () => `10.${crypto.randomInt(1, 250)}.${crypto.randomInt(1, 250)}.${crypto.randomInt(1, 250)}`;

beforeAll(async () => {
  await fake.start();
  process.env.WHATSAPP_TOKEN = fake.opts.token;
  process.env.WHATSAPP_PHONE_NUMBER_ID = fake.opts.phoneNumberId;
  process.env.WHATSAPP_API_URL = fake.url;
});
afterAll(async () => {
  delete process.env.WHATSAPP_TOKEN;
  delete process.env.WHATSAPP_PHONE_NUMBER_ID;
  delete process.env.WHATSAPP_API_URL;
  await fake.stop();
});

describe("phone sign-in", () => {
  it("sends the code as Meta's template message; the right code makes the account once, then signs it in; a code is used once", async () => {
    const phone = number();
    const ip = client();
    await requestSignInCode(phone, "id", ip);
    const sent = fake.messages.at(-1)!;
    expect(sent).toMatchObject({ to: phone.slice(1), template: "anjung_kode", language: "id" });
    expect(sent.code).toMatch(/^\d{6}$/);
    expect((await db.phoneCode.findFirstOrThrow({ where: { phone } })).messageId).toBe(sent.id);
    // only a digest is stored
    expect(JSON.stringify(await db.phoneCode.findMany({ where: { phone } }))).not.toContain(sent.code);

    const wrong = sent.code === "000000" ? "000001" : "000000";
    await expect(
      verifySignInCode({ phone, code: wrong, name: "Sari", locale: "id", clientKey: ip }),
    ).rejects.toMatchObject({
      key: "phone.refused.invalid",
    });
    // a new number needs a name; the code survives that refusal
    await expect(verifySignInCode({ phone, code: sent.code, locale: "id", clientKey: ip })).rejects.toMatchObject({
      key: "phone.refused.nameNeeded",
    });
    const made = await verifySignInCode({ phone, code: sent.code, name: "Sari", locale: "id", clientKey: ip });
    expect(made.created).toBe(true);
    expect(await db.user.findUniqueOrThrow({ where: { id: made.userId } })).toMatchObject({
      phone,
      email: null,
      passwordHash: null,
      roles: ["BUYER"],
    });
    await expect(verifySignInCode({ phone, code: sent.code, locale: "id", clientKey: ip })).rejects.toMatchObject({
      key: "phone.refused.invalid",
    });

    await requestSignInCode(phone, "en", ip);
    expect(fake.messages.at(-1)!.language).toBe("en_US");
    const again = await verifySignInCode({ phone, code: fake.lastCode(phone)!, locale: "en", clientKey: ip });
    expect(again).toEqual({ userId: made.userId, created: false });
  });

  it("an expired code, or one replaced by a newer code, is refused", async () => {
    const phone = number();
    const ip = client();
    await requestSignInCode(phone, "id", ip);
    const first = fake.lastCode(phone)!;
    await requestSignInCode(phone, "id", ip);
    const second = fake.lastCode(phone)!;
    if (first !== second)
      await expect(
        verifySignInCode({ phone, code: first, name: "A", locale: "id", clientKey: ip }),
      ).rejects.toMatchObject({
        key: "phone.refused.invalid",
      });
    await db.phoneCode.updateMany({ where: { phone, usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(
      verifySignInCode({ phone, code: second, name: "A", locale: "id", clientKey: ip }),
    ).rejects.toMatchObject({
      key: "phone.refused.invalid",
    });
    expect(await db.user.count({ where: { phone } })).toBe(0);
  });

  it("five wrong tries lock the code: then even the right one is refused", async () => {
    const phone = number();
    const ip = client();
    await requestSignInCode(phone, "id", ip);
    const right = fake.lastCode(phone)!;
    const wrong = right === "111111" ? "222222" : "111111";
    const answers: string[] = [];
    for (let i = 0; i < CODE_MAX_ATTEMPTS; i++)
      answers.push(
        await verifySignInCode({ phone, code: wrong, name: "A", locale: "id", clientKey: ip }).then(
          () => "signed in",
          (e: { key: string }) => e.key,
        ),
      );
    expect(answers).toEqual([...Array(CODE_MAX_ATTEMPTS - 1).fill("phone.refused.invalid"), "phone.refused.locked"]);
    await expect(
      verifySignInCode({ phone, code: right, name: "A", locale: "id", clientKey: ip }),
    ).rejects.toMatchObject({
      key: "phone.refused.locked",
    });
  });

  it("the right code typed on ten phones at once signs in once and makes one account", async () => {
    const phone = number();
    const ip = client();
    await requestSignInCode(phone, "id", ip);
    const code = fake.lastCode(phone)!;
    await db.$queryRaw`SELECT 1`;
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => verifySignInCode({ phone, code, name: "Rina", locale: "id", clientKey: ip })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.key)).toEqual(
      Array(9).fill("phone.refused.invalid"),
    );
    expect(await db.user.count({ where: { phone } })).toBe(1);
  });

  it("codes are throttled per number and per client, also when asked at once", async () => {
    const phone = number();
    const asks = await Promise.allSettled(Array.from({ length: 8 }, () => requestSignInCode(phone, "id", client())));
    expect(asks.filter((a) => a.status === "fulfilled")).toHaveLength(CODES_PER_NUMBER_15_MIN);
    expect(asks.filter((a) => a.status === "rejected").map((a) => (a as PromiseRejectedResult).reason.key)).toEqual(
      Array(8 - CODES_PER_NUMBER_15_MIN).fill("phone.refused.tooMany"),
    );
    expect(fake.messages.filter((m) => m.to === phone.slice(1))).toHaveLength(CODES_PER_NUMBER_15_MIN);

    const ip = client();
    const fromOne = [];
    for (let i = 0; i <= CODES_PER_CLIENT_HOUR; i++)
      fromOne.push(
        await requestSignInCode(number(), "id", ip).then(
          () => "sent",
          (e: { key: string }) => e.key,
        ),
      );
    expect(fromOne.at(-1)).toBe("phone.refused.tooMany");
    expect(fromOne.filter((x) => x === "sent")).toHaveLength(CODES_PER_CLIENT_HOUR);
  });

  it("the provider's refusals are told apart and leave no code to type", async () => {
    const phone = number();
    fake.notOnWhatsApp.add(phone.slice(1));
    await expect(requestSignInCode(phone, "id", client())).rejects.toMatchObject({ key: "phone.refused.notWhatsApp" });
    expect(await db.phoneCode.count({ where: { phone } })).toBe(0);
    process.env.WHATSAPP_TOKEN = "wrong-token";
    const other = number();
    await expect(requestSignInCode(other, "id", client())).rejects.toMatchObject({ key: "phone.refused.notSent" });
    process.env.WHATSAPP_TOKEN = fake.opts.token;
    expect(await db.phoneCode.count({ where: { phone: other } })).toBe(0);
  });

  it("the page's two plain forms sign a new number up and start a session", async () => {
    const ip = client();
    const phone = number();
    const typed = `0${phone.slice(3, 6)}-${phone.slice(6)}`;
    const sent = (await phonePage.action({
      request: formRequest("/phone", { intent: "send", phone: typed }),
      params: {},
      context: { ip },
    })) as { data: { sent: string } };
    expect(sent.data.sent).toBe(phone);
    const res = (await phonePage
      .action({
        request: formRequest("/phone", { intent: "verify", phone, code: fake.lastCode(phone)!, name: "Dewi" }),
        params: {},
        context: { ip },
      })
      .catch((r: unknown) => r)) as Response;
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).toMatch(/__session=/);
    expect(res.headers.get("Location")).toContain("notice=signedUp");
    const bad = (await phonePage.action({
      request: formRequest("/phone", { intent: "verify", phone, code: "12ab" }),
      params: {},
      context: { ip },
    })) as { data: { fieldErrors: Record<string, string> } };
    expect(bad.data.fieldErrors.code).toBe("phone.errors.code");
  });
});
