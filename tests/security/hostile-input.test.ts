/**
 * Hostile input through the real HTTP front: every case must get a clear answer (never a
 * 5xx); refusals must be 4xx (or the sign-in redirect for anonymous visitors) and leave the
 * database exactly as it was; accepted text must come back escaped.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { db } from "~/lib/db.server";
import { confirmBankTransfer } from "~/domain/payments/payments.server";
import { createLot, proposeAllocation, sendOffers } from "~/domain/trade/lots.server";
import { createRfq } from "~/domain/trade/rfq.server";
import { FakeStripe } from "../fakes/stripe-server";
import { sendQuoteAt } from "../helpers/trade";
import { createUser, signedInCookie } from "../helpers/fixtures";
import { pngBomb } from "../helpers/files";
import { orderFor, sellable } from "../helpers/orders";
import { Client, dbFingerprint, rawHttp, reviewAndPlace, startHttpApp } from "../helpers/app";

let app: Awaited<ReturnType<typeof startHttpApp>>;
const fake = new FakeStripe({ secretKey: "sk_test_hostile", webhookSecret: "whsec_hostile" });
const f = {} as {
  buyer: { id: string; cookie: string };
  other: { id: string; cookie: string };
  producerA: { id: string; cookie: string; producerId: string; productId: string };
  producerB: { id: string; cookie: string };
  staff: { id: string; cookie: string };
  order: { id: string; number: string; accessToken: string };
  fulfilmentId: string;
  allocationId: string;
  lotId: string;
  quoteId: string;
  payoutId: string;
};

beforeAll(async () => {
  await fake.start();
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: fake.opts.secretKey,
    STRIPE_WEBHOOK_SECRET: fake.opts.webhookSecret,
    STRIPE_API_URL: fake.url,
  });
  app = await startHttpApp();
  // the index exists, as after any start (otherwise every search would take the degraded path)
  const { ensureIndex } = await import("../../search/indexing");
  await ensureIndex();
  const a = await sellable({ stock: 50, name: "Keranjang rotan" });
  const userA = await createUser({ roles: ["PRODUCER"] });
  await db.producerMember.create({ data: { producerId: a.producer.id, userId: userA.id, isOwner: true } });
  const b = await sellable({ stock: 50 });
  const userB = await createUser({ roles: ["PRODUCER"] });
  await db.producerMember.create({ data: { producerId: b.producer.id, userId: userB.id, isOwner: true } });
  const buyer = await createUser();
  const other = await createUser();
  const staff = await createUser({ roles: ["STAFF"] });
  const order = await orderFor([{ variantId: a.variant.id, quantity: 1 }], {}, buyer.id);
  const paid = await orderFor([{ variantId: a.variant.id, quantity: 1 }], {}, buyer.id);
  await confirmBankTransfer(staff.id, paid.id, paid.transferAmount!);
  const fulfilment = await db.fulfilment.findFirstOrThrow({ where: { orderId: paid.id } });
  const lot = await createLot(staff.id, {
    productId: a.product.id,
    categoryId: null,
    grade: null,
    packaging: null,
    targetQuantity: 5,
    unit: "pcs",
    destinationCountry: "SG",
    destinationPort: null,
    incoterm: "FOB",
    unitPriceAmount: 1000n,
    currency: "USD",
    producerPriceAmount: 5_000_000n,
    unitsPerPackage: 5,
    companyId: null,
  });
  await proposeAllocation(lot.id, staff.id);
  await sendOffers(staff.id, lot.id, new Date(Date.now() + 86_400_000));
  const allocation = await db.lotAllocation.findFirstOrThrow({ where: { lotId: lot.id } });
  const rfq = await createRfq(
    buyer.id,
    {
      name: "Buyer Co",
      country: "SG",
      taxId: null,
      contactName: "B",
      contactEmail: "b@example.test",
      contactPhone: null,
    },
    {
      productId: a.product.id,
      categoryId: null,
      quantity: 10,
      unit: "pcs",
      targetPriceAmount: null,
      targetCurrency: null,
      destinationCountry: "SG",
      destinationPort: null,
      incoterm: "FOB",
      wantedBy: null,
      notes: null,
    },
  );
  const quote = await sendQuoteAt(staff.id, rfq.id, {
    unitPriceAmount: 1200n,
    currency: "USD",
    incoterm: "FOB",
    validUntil: new Date(Date.now() + 7 * 86_400_000),
    leadTimeDays: 10,
    conditions: null,
    producerPriceAmount: 1n,
  });
  const buyerCart = await db.cart.findFirstOrThrow({ where: { userId: buyer.id }, orderBy: { createdAt: "asc" } });
  await db.cartItem.create({ data: { cartId: buyerCart.id, variantId: a.variant.id, quantity: 1 } });
  const payout = await db.payoutBatch.create({
    data: { reference: "PO-TEST", totalAmount: 0, producerCount: 0, createdById: staff.id },
  });
  Object.assign(f, {
    buyer: { id: buyer.id, cookie: await signedInCookie(buyer.id) },
    other: { id: other.id, cookie: await signedInCookie(other.id) },
    producerA: {
      id: userA.id,
      cookie: await signedInCookie(userA.id),
      producerId: a.producer.id,
      productId: a.product.id,
    },
    producerB: { id: userB.id, cookie: await signedInCookie(userB.id) },
    staff: { id: staff.id, cookie: await signedInCookie(staff.id) },
    order: { id: order.id, number: order.number, accessToken: order.accessToken },
    fulfilmentId: fulfilment.id,
    allocationId: allocation.id,
    lotId: lot.id,
    quoteId: quote.id,
    payoutId: payout.id,
  });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await fake.stop();
  for (const k of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_URL"]) delete process.env[k];
});

const as = (who?: "buyer" | "other" | "producerA" | "producerB" | "staff") =>
  new Client(app.base, who ? f[who].cookie : undefined);

/** A refusal: 4xx (or the sign-in redirect for an anonymous visitor) and no change at all in the database. */
async function refused(send: () => Promise<Response>, opts: { anonymous?: boolean } = {}) {
  const before = await dbFingerprint();
  const res = await send();
  const body = await res.text();
  const ok =
    (res.status >= 400 && res.status < 500) ||
    (opts.anonymous && res.status === 302 && /\/login\?redirectTo=/.test(res.headers.get("location") ?? ""));
  expect(ok, `status ${res.status}: ${body.slice(0, 200)}`).toBe(true);
  expect(await dbFingerprint()).toEqual(before);
  return body;
}

/** An answer that is not an error: below 500, and the payload never comes back as live markup. */
async function answeredSafely(send: () => Promise<Response>, payload: string) {
  const res = await send();
  const body = await res.text();
  expect(res.status, body.slice(0, 200)).toBeLessThan(500);
  if (/[<>"]/.test(payload)) expect(body).not.toContain(payload);
  return { res, body };
}

const XSS = [
  `<script>alert(1)</script>`,
  `"><img src=x onerror=alert(1)>`,
  `<svg/onload=alert(document.cookie)>`,
  `</title><script>fetch('//evil')</script>`,
  `<iframe src="javascript:alert(1)"></iframe>`,
  `'"--></style></script><script>alert(1)</script>`,
  `<a href="javascript:alert(1)">x</a>`,
  `<body onload=alert(1)>`,
];

describe("XSS payloads are rendered escaped", () => {
  for (const [i, p] of XSS.entries()) {
    it(`search query #${i + 1}`, () => answeredSafely(() => as().request(`/search?q=${encodeURIComponent(p)}`), p));
    it(`search query in English #${i + 1}`, () =>
      answeredSafely(() => as().request(`/en/search?q=${encodeURIComponent(p)}`), p));
  }
  for (const [i, p] of XSS.slice(0, 4).entries()) {
    it(`stored in a buyer's name #${i + 1}`, async () => {
      const c = as();
      const email = `x${i}-${Date.now()}@example.test`;
      const { res } = await answeredSafely(
        () => c.post("/signup", { name: p, email, password: "panjang-sekali-123", accountType: "buyer" }),
        p,
      );
      expect(res.status).toBe(302);
      // the payload was stored as typed, then rendered escaped
      expect((await db.user.findUniqueOrThrow({ where: { email } })).name).toBe(p);
      const { body } = await answeredSafely(() => c.request("/account"), p);
      expect(body).toContain("account-hello");
    });
    it(`stored in a checkout address #${i + 1}`, async () => {
      const variant = await db.variant.findFirstOrThrow({ where: { product: { producerId: f.producerA.producerId } } });
      const c = await as().ready();
      await c.post(`/products/${(await db.product.findUniqueOrThrow({ where: { id: f.producerA.productId } })).slug}`, {
        variantId: variant.id,
        quantity: "1",
      });
      const { response: res } = await reviewAndPlace(c, "/checkout", {
        email: "xss@example.test",
        name: p,
        phone: "+62 812 3456 7890",
        country: "ID",
        province: "63",
        regencyCode: "",
        city: p,
        address: p,
        postcode: "70111",
        paymentMethod: "BANK_TRANSFER",
      });
      expect(res.status).toBe(302);
      const order = await db.order.findFirstOrThrow({
        where: { email: "xss@example.test", shippingName: p },
        orderBy: { createdAt: "desc" },
      });
      expect(order).toMatchObject({ shippingCity: p, shippingAddress: p });
      await answeredSafely(() => c.request(res.headers.get("location")!), p);
    });
  }
});

const FILTER_PAYLOADS = [
  `x" OR id EXISTS`,
  `62') OR (1=1`,
  `'; DROP TABLE "Product";--`,
  `1e309`,
  `-1`,
  `99999999999999999999999`,
  `NaN`,
  `[]`,
];
const FACETS = ["category", "province", "regency", "cert", "export", "min", "max", "sort", "page"];

describe("filter and query injection changes nothing and never errors", () => {
  for (const facet of FACETS) {
    for (const p of FILTER_PAYLOADS.slice(0, 4)) {
      it(`/search ${facet}=${p}`, async () => {
        const before = await dbFingerprint();
        await answeredSafely(() => as().request(`/search?q=rotan&${facet}=${encodeURIComponent(p)}`), p);
        expect(await dbFingerprint()).toEqual(before);
      });
      it(`/api/v1/products ${facet}=${p}`, async () => {
        const before = await dbFingerprint();
        const { res } = await answeredSafely(
          () =>
            as().request(`/api/v1/products?q=rotan&${facet}=${encodeURIComponent(p)}`, {
              headers: { "X-Forwarded-For": `10.9.${FACETS.indexOf(facet)}.${FILTER_PAYLOADS.indexOf(p)}` },
            }),
          p,
        );
        expect([200, 400]).toContain(res.status);
        expect(await dbFingerprint()).toEqual(before);
      });
    }
  }
  for (const p of FILTER_PAYLOADS.slice(4)) {
    it(`/search price and page ${p}`, () =>
      answeredSafely(
        () =>
          as().request(
            `/search?min=${encodeURIComponent(p)}&max=${encodeURIComponent(p)}&page=${encodeURIComponent(p)}`,
          ),
        p,
      ));
  }
});

describe("CSRF: a mutation without the token is refused", () => {
  const cases: Array<[() => string, "buyer" | "producerA" | "staff" | undefined, () => Record<string, string>]> = [
    [() => "/login", undefined, () => ({ email: "buyer@example.test", password: "x" })],
    [() => "/signup", undefined, () => ({ name: "A", email: "csrf@example.test", password: "panjang-sekali-123" })],
    [() => "/forgot-password", undefined, () => ({ email: "a@example.test" })],
    [() => "/currency", undefined, () => ({ currency: "USD" })],
    [() => "/cart", undefined, () => ({ intent: "remove", variantId: "x" })],
    [() => "/checkout", "buyer", () => ({ intent: "place", email: "a@example.test" })],
    [() => "/account", "buyer", () => ({ intent: "sign-out-everywhere" })],
    [() => `/orders/${f.order.number}`, "buyer", () => ({ intent: "cancel" })],
    [() => "/rfq", "buyer", () => ({ quantity: "1" })],
    [() => "/account/rfq", "buyer", () => ({ intent: "accept", quoteId: f.quoteId })],
    [() => "/sell/profile", "producerA", () => ({ legalName: "X" })],
    [() => "/sell/orders", "producerA", () => ({ intent: "pack", fulfilmentId: f.fulfilmentId })],
    [() => "/sell/lots", "producerA", () => ({ intent: "accept", allocationId: f.allocationId })],
    [() => "/sell/certificates", "producerA", () => ({ type: "SNI" })],
    [() => "/trade/payments", "staff", () => ({ orderId: f.order.id, received: "1" })],
    [() => `/trade/orders/${f.order.number}`, "staff", () => ({ intent: "cancel", reason: "test" })],
    [() => "/trade/payouts", "staff", () => ({ intent: "create" })],
    [() => "/trade/settings", "staff", () => ({ intent: "settings", commissionPercent: "50" })],
    [() => `/trade/lots/${f.lotId}`, "staff", () => ({ intent: "status", to: "CANCELLED" })],
    [() => "/trade/partners", "staff", () => ({ intent: "issue", name: "x", requestsPerMinute: "100" })],
    [() => "/logout", "buyer", () => ({})],
  ];
  // the refusal as rendered (the form's alert), as JSON (a resource route) or as plain text (logout);
  // not the locale messages every page carries
  const CSRF_REFUSAL = /role="alert">Formulir kedaluwarsa|formError[\\"]*[:,][\\"]*errors\.csrf|^Invalid CSRF token$/;
  for (const [path, who, fields] of cases) {
    it(`${path.toString().replace(/^\(\) => /, "")} as ${who ?? "anonymous"}`, async () => {
      // refused for want of the token, and for that reason
      // the certificate form is multipart: send it as the browser does, or the refusal is for the encoding
      const multipart = path() === "/sell/certificates";
      const send = (c: Client, withToken: boolean) => {
        if (!multipart) return c.post(path(), fields(), { csrf: withToken });
        const form = new FormData();
        for (const [k, v] of Object.entries(fields())) form.set(k, v);
        if (withToken) form.set("csrf", c.csrf);
        return c.request(path(), { method: "POST", body: form });
      };
      const body = await refused(async () => send(await as(who).ready(), false));
      expect(body).toMatch(CSRF_REFUSAL);
      // control: the same request with the visitor's token passes the CSRF check (whatever the form then says);
      // requests that end sessions use a buyer of their own, so the shared fixtures keep theirs
      const ownBuyer = /\/account$|\/logout$/.test(path())
        ? new Client(app.base, await signedInCookie((await createUser()).id))
        : as(who);
      const control = await send(await ownBuyer.ready(), true);
      const controlBody = await control.text();
      expect(control.status, controlBody.slice(0, 200)).toBeLessThan(500);
      expect(control.status).not.toBe(403);
      expect(controlBody).not.toMatch(CSRF_REFUSAL);
    });
  }
});

describe("who may see and change what (IDOR across roles)", () => {
  const reads: Array<[string, () => string]> = [
    ["trade payments", () => "/trade/payments"],
    ["trade orders", () => "/trade/orders"],
    ["a trade order", () => `/trade/orders/${f.order.number}`],
    ["payouts", () => "/trade/payouts"],
    ["payout CSV", () => `/trade/payouts/${f.payoutId}/csv`],
    ["settings", () => "/trade/settings"],
    ["lots", () => "/trade/lots"],
    ["a lot", () => `/trade/lots/${f.lotId}`],
    ["a lot's invoice", () => `/trade/lots/${f.lotId}/documents/invoice`],
    ["RFQs", () => "/trade/rfq"],
    ["impact", () => "/trade/impact"],
    ["impact CSV", () => "/trade/impact.csv"],
    ["verification", () => "/trade/verification"],
  ];
  for (const [what, path] of reads) {
    for (const who of [undefined, "buyer", "producerA"] as const) {
      it(`${what} refused to ${who ?? "anonymous"}`, () => refused(() => as(who).request(path()), { anonymous: !who }));
    }
  }
  it("another buyer cannot open an order", () => refused(() => as("other").request(`/orders/${f.order.number}`)));
  it("a wrong key does not open an order", () =>
    refused(() => as().request(`/orders/${f.order.number}?key=${"A".repeat(f.order.accessToken.length)}`)));
  it("another buyer cannot cancel an order", () =>
    refused(() => as("other").post(`/orders/${f.order.number}`, { intent: "cancel" })));
  it("a producer cannot ship another's parcel", () =>
    refused(() =>
      as("producerB").post("/sell/orders", {
        intent: "ship",
        fulfilmentId: f.fulfilmentId,
        carrier: "JNE",
        trackingNumber: "JNE1234567",
      }),
    ));
  it("a producer cannot answer another's lot offer", () =>
    refused(() => as("producerB").post("/sell/lots", { intent: "accept", allocationId: f.allocationId })));
  it("a producer cannot edit another's product", () =>
    refused(() => as("producerB").request(`/sell/products/${f.producerA.productId}`)));
  it("a producer cannot post to another's product", () =>
    refused(() => as("producerB").post(`/sell/products/${f.producerA.productId}`, { intent: "publish" })));
  it("a buyer cannot answer another company's quote", () =>
    refused(() => as("other").post("/account/rfq", { intent: "accept", quoteId: f.quoteId })));
  it("a buyer cannot use producer pages", () => refused(() => as("buyer").request("/sell/orders")));
  it("staff cannot confirm a transfer with the wrong amount", () =>
    refused(() => as("staff").post("/trade/payments", { orderId: f.order.id, received: "1" })));
  it("an allocation of another lot cannot be touched from this lot", async () => {
    const otherLot = await db.exportLot.create({
      data: {
        code: `LOT-X-${Date.now()}`,
        targetQuantity: 1,
        unit: "pcs",
        destinationCountry: "SG",
        incoterm: "FOB",
        unitPriceAmount: 1n,
        currency: "USD",
      },
    });
    await refused(() =>
      as("staff").post(`/trade/lots/${otherLot.id}`, { intent: "adjust", allocationId: f.allocationId, quantity: "1" }),
    );
  });
});

describe("bodies, encodings, paths, uploads and webhooks", () => {
  it("an oversized form body is refused", () =>
    refused(() =>
      as().request("/login", {
        method: "POST",
        body: "email=" + "a".repeat(3 * 1024 * 1024),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      }),
    ));
  it("an oversized upload is refused before it is read (the server answers; only 1 KiB of 300 MiB is sent)", async () => {
    const c = await as("producerA").ready();
    const before = await dbFingerprint();
    const res = await rawHttp(
      app.base,
      `POST /sell/products/new HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${c.header()}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: ${300 * 1024 * 1024}\r\nConnection: close\r\n\r\n`,
      Buffer.alloc(1024, 0x78),
    );
    expect(res.status).toBe(413);
    expect(await dbFingerprint()).toEqual(before);
  });
  it("an oversized webhook is refused", () =>
    refused(() =>
      as().request("/webhooks/stripe", {
        method: "POST",
        body: "x".repeat(600 * 1024),
        headers: { "Stripe-Signature": "t=1,v1=x" },
      }),
    ));
  // raw bytes on the wire: percent-escapes of invalid UTF-8, and invalid bytes themselves
  for (const q of ["%C3%28", "%FF%FE", "%ED%A0%80", "%E0%A4%A", "\xC3\x28", "\xFF\xFE", "\xED\xA0\x80"]) {
    it(`malformed UTF-8 in the query (${JSON.stringify(q)})`, async () => {
      const res = await rawHttp(
        app.base,
        `GET /search?q=${q} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
      );
      expect(res.status).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(500);
    });
  }
  it("malformed UTF-8 in a form body is refused and changes nothing", async () => {
    const c = await as().ready();
    const before = await dbFingerprint();
    const body = Buffer.concat([
      Buffer.from(`csrf=${c.csrf}&email=`),
      Buffer.from([0xff, 0xfe, 0xed, 0xa0, 0x80]),
      Buffer.from("%40example.test&password=%ED%A0%80"),
    ]);
    const res = await rawHttp(
      app.base,
      `POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${c.header()}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
      body,
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await dbFingerprint()).toEqual(before);
  });
  for (const p of [
    "/media/../../package.json",
    "/media/..%2f..%2fpackage.json",
    "/media/%2e%2e/%2e%2e/prisma/schema.prisma",
    "/build/..%2f..%2f.env",
    "/media/..\\..\\package.json",
    "/build/../../prisma/schema.prisma",
  ]) {
    it(`path traversal ${p} (sent as is)`, async () => {
      const res = await rawHttp(app.base, `GET ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.text).not.toContain('"name": "anjung"');
      expect(res.text).not.toContain("datasource db");
    });
  }
  const multipart = async (c: Client, name: string, content: Buffer, type: string) => {
    await c.ready();
    const form = new FormData();
    form.set("csrf", c.csrf);
    form.set("intent", "upload");
    form.append("photos", new Blob([new Uint8Array(content)], { type }), name);
    return c.request(`/sell/products/${f.producerA.productId}`, { method: "POST", body: form });
  };
  it("a decompression bomb is refused", async () =>
    refused(async () => multipart(as("producerA"), "bomb.png", await pngBomb(), "image/png")));
  it("a PDF named .png is refused", () =>
    refused(() =>
      multipart(
        as("producerA"),
        "x.png",
        Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),
        "image/png",
      ),
    ));
  it("a script named .jpg is refused", () =>
    refused(() => multipart(as("producerA"), "<script>.jpg", Buffer.from("<script>alert(1)</script>"), "image/jpeg")));
  it("an odd file name never becomes a path", async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#a0522d" } })
      .png()
      .toBuffer();
    const res = await multipart(as("producerA"), "../../../../tmp/evil.png", png, "image/png");
    expect(res.status).toBeLessThan(500);
    const images = await db.productImage.findMany({ where: { productId: f.producerA.productId } });
    // the name is never used: the upload waits under a generated path inside the uploads folder
    for (const img of images) {
      expect(img.key === "" || /^[a-z0-9-]+$/i.test(img.key)).toBe(true);
      if (img.originalPath) expect(img.originalPath).not.toContain("evil");
    }
  });
  it("a forged webhook is refused", async () => {
    const { payload, header } = fake.signedEvent(
      "checkout.session.completed",
      { id: "cs_x", payment_status: "paid" },
      { secret: "whsec_forged" },
    );
    await refused(() =>
      as().request("/webhooks/stripe", { method: "POST", body: payload, headers: { "Stripe-Signature": header } }),
    );
  });
  it("a stale webhook is refused", async () => {
    const { payload, header } = fake.signedEvent(
      "checkout.session.completed",
      { id: "cs_x", payment_status: "paid" },
      { timestamp: Math.floor(Date.now() / 1000) - 3600 },
    );
    await refused(() =>
      as().request("/webhooks/stripe", { method: "POST", body: payload, headers: { "Stripe-Signature": header } }),
    );
  });
  it("a replayed webhook changes nothing the second time", async () => {
    const { payload, header } = fake.signedEvent("checkout.session.expired", {
      id: "cs_unknown",
      client_reference_id: null,
    });
    expect(
      (
        await as().request("/webhooks/stripe", {
          method: "POST",
          body: payload,
          headers: { "Stripe-Signature": header },
        })
      ).status,
    ).toBe(200);
    const before = await dbFingerprint();
    const res = await as().request("/webhooks/stripe", {
      method: "POST",
      body: payload,
      headers: { "Stripe-Signature": header },
    });
    expect(await res.json()).toMatchObject({ outcome: "duplicate" });
    expect(await dbFingerprint()).toEqual(before);
  });
});
