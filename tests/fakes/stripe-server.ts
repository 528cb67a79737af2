/**
 * A small local server that behaves like the parts of Stripe's API Anjung uses, so the
 * official SDK runs its real code path without network:
 *
 *   POST /v1/checkout/sessions            create (form-encoded, Idempotency-Key honoured)
 *   GET  /v1/checkout/sessions/:id        retrieve
 *   POST /v1/checkout/sessions/:id/expire expire (sends checkout.session.expired)
 *   POST /v1/refunds                      refund a payment intent (sends charge.refunded)
 *
 * and the hosted page a buyer pays on: GET /pay/:id shows the amount and a Pay button;
 * POST /pay/:id completes the session, delivers a signed `checkout.session.completed` to
 * the webhook endpoint (before the buyer comes back, as Stripe usually does) and redirects
 * to the success URL. Errors use Stripe's shape: { error: { type, message, code } }.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

type Json = Record<string, unknown>;

export type FakeStripeOptions = {
  secretKey: string;
  webhookSecret: string;
  webhookUrl?: string;
  port?: number;
  host?: string;
};

/** Parses Stripe's form encoding (`line_items[0][price_data][currency]=idr`) into objects and arrays. */
export function parseStripeForm(body: string): Json {
  const out: Json = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const parts = rawKey.replace(/\]/g, "").split("[");
    let node: Record<string, unknown> = out;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(parts[i + 1]);
      if (last) node[part] = value;
      else node = (node[part] ??= nextIsIndex ? [] : {}) as Record<string, unknown>;
    });
  }
  return out;
}

const sdk = new Stripe("sk_test_fake_signer");
const id = (prefix: string) => `${prefix}_test_${crypto.randomBytes(12).toString("hex")}`;

export class FakeStripe {
  readonly sessions = new Map<string, Json>();
  readonly refunds = new Map<string, Json>();
  readonly coupons = new Map<string, Json>();
  readonly charges = new Map<string, Json>();
  readonly requests: Array<{ method: string; path: string; idempotencyKey: string | null; body: Json }> = [];
  readonly deliveries: Array<{ type: string; status: number }> = [];
  private idempotent = new Map<string, { status: number; body: Json }>();
  private server?: http.Server;
  url = "";
  /** When set, API calls answer 500 (to test the app's handling of a Stripe outage). */
  failApi = false;

  constructor(readonly opts: FakeStripeOptions) {}

  async start() {
    this.server = http.createServer(
      (req, res) => void this.route(req, res).catch((err: Error) => this.error(res, 400, err.message)),
    );
    await new Promise<void>((resolve) =>
      this.server!.listen(this.opts.port ?? 0, this.opts.host ?? "127.0.0.1", resolve),
    );
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop() {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A signed webhook request body and header, as Stripe would send (or a tampered one for tests). */
  signedEvent(type: string, object: Json, opts: { eventId?: string; secret?: string; timestamp?: number } = {}) {
    const event = {
      id: opts.eventId ?? id("evt"),
      object: "event",
      api_version: "2025-10-29.clover",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object },
    };
    const payload = JSON.stringify(event);
    const header = sdk.webhooks.generateTestHeaderString({
      payload,
      secret: opts.secret ?? this.opts.webhookSecret,
      timestamp: opts.timestamp,
    });
    return { event, payload, header };
  }

  /** Delivers an event to the configured webhook endpoint; returns the HTTP status. */
  async deliver(type: string, object: Json, opts: { eventId?: string } = {}) {
    if (!this.opts.webhookUrl) return 0;
    const { payload, header } = this.signedEvent(type, object, opts);
    const res = await fetch(this.opts.webhookUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Stripe-Signature": header },
      body: payload,
    });
    await res.text();
    this.deliveries.push({ type, status: res.status });
    return res.status;
  }

  /** Pays a session as a buyer would on the hosted page (without the redirect). */
  async pay(sessionId: string) {
    const s = this.sessions.get(sessionId);
    if (!s || s.status !== "open") throw new Error(`session ${sessionId} is not open`);
    const pi = id("pi");
    Object.assign(s, { status: "complete", payment_status: "paid", payment_intent: pi });
    this.charges.set(pi, {
      id: id("ch"),
      object: "charge",
      payment_intent: pi,
      amount: s.amount_total,
      amount_refunded: 0,
      currency: s.currency,
      refunded: false,
    });
    return { session: s, status: await this.deliver("checkout.session.completed", s) };
  }

  private send(res: http.ServerResponse, status: number, body: Json) {
    res.writeHead(status, { "Content-Type": "application/json", "Request-Id": id("req") });
    res.end(JSON.stringify(body));
  }

  private error(
    res: http.ServerResponse,
    status: number,
    message: string,
    type = "invalid_request_error",
    code?: string,
  ) {
    this.send(res, status, { error: { type, message, ...(code ? { code } : {}) } });
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", this.url);
    const path = url.pathname;

    if (path.startsWith("/pay/")) return this.hostedPage(req, res, path.slice(5), raw);
    if (path === "/healthz") return this.send(res, 200, { ok: true });
    if (!path.startsWith("/v1/")) return this.error(res, 404, "Unrecognized request URL");
    if (req.headers.authorization !== `Bearer ${this.opts.secretKey}`)
      return this.error(res, 401, "Invalid API Key provided", "invalid_request_error", "api_key_invalid");
    if (this.failApi) return this.error(res, 500, "An unknown error occurred", "api_error");

    const body = parseStripeForm(raw);
    const idem = (req.headers["idempotency-key"] as string | undefined) ?? null;
    this.requests.push({ method: req.method ?? "GET", path, idempotencyKey: idem, body });
    if (req.method === "POST" && idem) {
      const seen = this.idempotent.get(`${path}|${idem}`);
      if (seen) {
        res.setHeader("Idempotent-Replayed", "true");
        return this.send(res, seen.status, seen.body);
      }
    }
    const reply = (status: number, out: Json) => {
      if (req.method === "POST" && idem) this.idempotent.set(`${path}|${idem}`, { status, body: out });
      this.send(res, status, out);
    };

    let m: RegExpExecArray | null;
    if (req.method === "POST" && path === "/v1/checkout/sessions") return reply(200, this.createSession(body));
    if (req.method === "GET" && (m = /^\/v1\/checkout\/sessions\/([\w]+)$/.exec(path))) {
      const s = this.sessions.get(m[1]);
      return s
        ? this.send(res, 200, s)
        : this.error(res, 404, `No such checkout.session: '${m[1]}'`, "invalid_request_error", "resource_missing");
    }
    if (req.method === "POST" && (m = /^\/v1\/checkout\/sessions\/([\w]+)\/expire$/.exec(path))) {
      const s = this.sessions.get(m[1]);
      if (!s)
        return this.error(res, 404, `No such checkout.session: '${m[1]}'`, "invalid_request_error", "resource_missing");
      if (s.status !== "open")
        return this.error(
          res,
          400,
          `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${String(s.status)}".`,
        );
      s.status = "expired";
      reply(200, s);
      void this.deliver("checkout.session.expired", s).catch(() => undefined);
      return;
    }
    if (req.method === "POST" && path === "/v1/coupons") {
      const amountOff = Number(body.amount_off);
      if (!body.percent_off && !(amountOff > 0))
        return this.error(res, 400, "You must pass either `percent_off` or `amount_off`.");
      if (amountOff > 0 && !body.currency)
        return this.error(
          res,
          400,
          "You must pass `currency` when passing `amount_off`.",
          "invalid_request_error",
          "parameter_missing",
        );
      const coupon = {
        id: id("coupon"),
        object: "coupon",
        amount_off: amountOff || null,
        percent_off: body.percent_off ? Number(body.percent_off) : null,
        currency: body.currency ?? null,
        duration: body.duration ?? "once",
        max_redemptions: body.max_redemptions ? Number(body.max_redemptions) : null,
        name: body.name ?? null,
        times_redeemed: 0,
        valid: true,
        created: Math.floor(Date.now() / 1000),
      };
      this.coupons.set(coupon.id, coupon);
      return reply(200, coupon);
    }
    if (req.method === "POST" && path === "/v1/refunds") {
      const pi = String(body.payment_intent ?? "");
      const charge = this.charges.get(pi);
      if (!charge)
        return this.error(res, 404, `No such payment_intent: '${pi}'`, "invalid_request_error", "resource_missing");
      const amount = body.amount ? Number(body.amount) : Number(charge.amount) - Number(charge.amount_refunded);
      if (!(amount > 0) || Number(charge.amount_refunded) + amount > Number(charge.amount)) {
        return this.error(
          res,
          400,
          `Refund amount (${amount}) is greater than unrefunded amount on charge.`,
          "invalid_request_error",
          "amount_too_large",
        );
      }
      charge.amount_refunded = Number(charge.amount_refunded) + amount;
      charge.refunded = charge.amount_refunded === charge.amount;
      const refund = {
        id: id("re"),
        object: "refund",
        amount,
        currency: charge.currency,
        payment_intent: pi,
        charge: charge.id,
        status: "succeeded",
        metadata: body.metadata ?? {},
        created: Math.floor(Date.now() / 1000),
      };
      this.refunds.set(refund.id, refund);
      reply(200, refund);
      void this.deliver("charge.refunded", { ...charge }).catch(() => undefined);
      return;
    }
    return this.error(res, 404, `Unrecognized request URL (${req.method}: ${path}).`);
  }

  private createSession(body: Json): Json {
    const items = (body.line_items as Json[] | undefined) ?? [];
    if (items.length === 0) throw new Error("line_items required");
    const currency = String((items[0].price_data as Json).currency);
    const subtotal = items.reduce((s, li) => s + Number((li.price_data as Json).unit_amount) * Number(li.quantity), 0);
    // a coupon's amount_off comes off the session's total (never below zero), as Stripe applies it
    const discounts = (body.discounts as Json[] | undefined) ?? [];
    if (discounts.length > 1) throw new Error("You may only specify one of these parameters: discounts.");
    const coupon = discounts[0] ? this.coupons.get(String(discounts[0].coupon)) : undefined;
    if (discounts[0] && !coupon) throw new Error(`No such coupon: '${String(discounts[0].coupon)}'`);
    const off = coupon ? Math.min(subtotal, Number(coupon.amount_off ?? 0)) : 0;
    const total = subtotal - off;
    const sid = id("cs");
    const session: Json = {
      id: sid,
      object: "checkout.session",
      amount_subtotal: subtotal,
      amount_total: total,
      total_details: { amount_discount: off, amount_shipping: 0, amount_tax: 0 },
      currency,
      client_reference_id: body.client_reference_id ?? null,
      customer_email: body.customer_email ?? null,
      expires_at: Number(body.expires_at ?? Math.floor(Date.now() / 1000) + 86_400),
      livemode: false,
      locale: body.locale ?? null,
      metadata: body.metadata ?? {},
      mode: body.mode ?? "payment",
      payment_intent: null,
      payment_status: "unpaid",
      status: "open",
      success_url: body.success_url,
      cancel_url: body.cancel_url,
      url: `${this.url}/pay/${sid}`,
      created: Math.floor(Date.now() / 1000),
      line_items_for_fake: items,
    };
    this.sessions.set(sid, session);
    return session;
  }

  private async hostedPage(req: http.IncomingMessage, res: http.ServerResponse, sid: string, raw: string) {
    const s = this.sessions.get(sid);
    if (!s) return void res.writeHead(404).end("No such session");
    if (req.method === "POST") {
      const action = new URLSearchParams(raw).get("action");
      if (action === "cancel" || s.status !== "open") {
        res.writeHead(303, { Location: String(s.cancel_url) });
        return void res.end();
      }
      await this.pay(sid);
      res.writeHead(303, { Location: String(s.success_url).replace("{CHECKOUT_SESSION_ID}", sid) });
      return void res.end();
    }
    const amount = (Number(s.amount_total) / 100).toLocaleString("id-ID");
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Fake Stripe Checkout</title></head>
<body><main><h1>Fake Stripe Checkout</h1><p>Pay <strong data-testid="amount">${String(s.currency).toUpperCase()} ${amount}</strong> (${String(s.customer_email ?? "")})</p>
<p>Status: ${String(s.status)}</p>
<form method="post"><button type="submit" name="action" value="pay">Pay</button> <button type="submit" name="action" value="cancel">Cancel</button></form></main></body></html>`);
  }
}

/** `tsx tests/fakes/stripe-server.ts`: run the fake on its own (Playwright starts it this way). */
if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  const fake = new FakeStripe({
    secretKey: process.env.STRIPE_SECRET_KEY ?? "sk_test_anjung_fake",
    webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? "whsec_anjung_fake",
    webhookUrl: process.env.STRIPE_WEBHOOK_URL,
    port: Number(process.env.STRIPE_FAKE_PORT ?? 12111),
  });
  await fake.start();
  console.log(`fake stripe on ${fake.url}`);
  const stop = () => void fake.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
