/**
 * A local stand-in for the parts of Xendit's HTTP API Anjung uses, so the official
 * `xendit-node` SDK can be exercised with the network closed: Payment Requests for QRIS and
 * virtual accounts (create, get, simulate a payment), Refunds, and callbacks signed the way
 * Xendit signs them (the account's verification token in `x-callback-token`). Errors have
 * Xendit's shape (`error_code`, `message`). A hosted page at /pay/:id stands in for the
 * buyer's e-wallet or banking app.
 */
import crypto from "node:crypto";
import http from "node:http";

type Json = Record<string, unknown>;

export type FakeXenditOptions = {
  secretKey: string;
  callbackToken: string;
  /** where callbacks go (the app's /webhooks/xendit) */
  callbackUrl?: string;
  /** instead of a URL: hand each callback to this (tests calling the route's action directly) */
  onCallback?: (body: string, headers: Record<string, string>) => Promise<number>;
  port?: number;
};

const now = () => new Date().toISOString();
const id = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;

export class FakeXendit {
  readonly requests = new Map<string, Json>();
  readonly refunds = new Map<string, Json>();
  readonly callbacks: Array<{ event: string; status: number }> = [];
  private idempotent = new Map<string, { status: number; body: Json }>();
  private server?: http.Server;
  /** when set, every API call answers 503 (the gateway is down) */
  failApi = false;

  constructor(readonly opts: FakeXenditOptions) {}

  get url() {
    const a = this.server?.address();
    return a && typeof a === "object" ? `http://127.0.0.1:${a.port}` : "";
  }

  async start() {
    this.server = http.createServer(
      (req, res) => void this.route(req, res).catch((err: Error) => this.error(res, 500, "SERVER_ERROR", err.message)),
    );
    await new Promise<void>((resolve) => this.server!.listen(this.opts.port ?? 0, "127.0.0.1", resolve));
    return this;
  }

  async stop() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private send(res: http.ServerResponse, status: number, body: Json) {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body));
  }

  private error(res: http.ServerResponse, status: number, code: string, message: string) {
    this.send(res, status, { error_code: code, message });
  }

  /** The buyer pays a request (what scanning the QR or paying into the VA does): succeeded, then the callback. */
  async pay(requestId: string, opts: { callback?: boolean } = {}): Promise<{ ok: boolean; reason?: string }> {
    const pr = this.requests.get(requestId);
    if (!pr) return { ok: false, reason: "DATA_NOT_FOUND" };
    this.expireIfDue(pr);
    if (pr.status !== "REQUIRES_ACTION" && pr.status !== "PENDING") return { ok: false, reason: String(pr.status) };
    pr.status = "SUCCEEDED";
    pr.updated = now();
    const payment = {
      id: id("py"),
      payment_request_id: pr.id,
      reference_id: pr.reference_id,
      customer_id: null,
      currency: pr.currency,
      amount: pr.amount,
      country: "ID",
      status: "SUCCEEDED",
      payment_method: pr.payment_method,
      channel_properties: null,
      payment_detail: null,
      failure_code: null,
      created: now(),
      updated: now(),
      metadata: pr.metadata ?? null,
    };
    pr.payment_for_fake = payment;
    if (opts.callback !== false) await this.deliver("payment.succeeded", payment);
    return { ok: true };
  }

  /** Sends (or re-sends) a callback the way Xendit does: JSON with the verification token header. */
  async deliver(event: string, data: Json, token = this.opts.callbackToken) {
    const body = JSON.stringify({ event, business_id: "5f27a14a9bf05c73dd040bc8", created: now(), data });
    const headers = { "Content-Type": "application/json", "x-callback-token": token };
    let status = 0;
    if (this.opts.onCallback) status = await this.opts.onCallback(body, headers);
    else if (this.opts.callbackUrl) {
      const r = await fetch(this.opts.callbackUrl, { method: "POST", headers, body });
      await r.text();
      status = r.status;
    } else return 0;
    this.callbacks.push({ event, status });
    return status;
  }

  /** The succeeded payment of a request, as its callback carries it (to replay or forge one in tests). */
  paymentOf(requestId: string): Json | undefined {
    return this.requests.get(requestId)?.payment_for_fake as Json | undefined;
  }

  private expireIfDue(pr: Json) {
    const pm = pr.payment_method as Json;
    const props = ((pm.qr_code ?? pm.virtual_account) as Json).channel_properties as Json;
    if (
      (pr.status === "REQUIRES_ACTION" || pr.status === "PENDING") &&
      Date.parse(String(props.expires_at)) < Date.now()
    ) {
      pr.status = "EXPIRED";
      pm.status = "EXPIRED";
    }
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/healthz") return this.send(res, 200, { ok: true });
    if (path.startsWith("/pay/")) return this.hostedPage(req, res, decodeURIComponent(path.slice(5)), raw);
    if (req.headers.authorization !== `Basic ${Buffer.from(`${this.opts.secretKey}:`).toString("base64")}`)
      return this.error(res, 401, "INVALID_API_KEY", "API key format is invalid");
    if (this.failApi) return this.error(res, 503, "SERVER_ERROR", "Service is temporarily unavailable");
    const idem = (req.headers["idempotency-key"] as string | undefined) ?? null;
    if (req.method === "POST" && idem) {
      const seen = this.idempotent.get(`${path}|${idem}`);
      if (seen) return this.send(res, seen.status, seen.body);
    }
    const reply = (status: number, body: Json) => {
      if (req.method === "POST" && idem) this.idempotent.set(`${path}|${idem}`, { status, body });
      this.send(res, status, body);
    };
    let body: Json = {};
    if (raw) {
      try {
        body = JSON.parse(raw) as Json;
      } catch {
        return this.error(res, 400, "API_VALIDATION_ERROR", "Request body is not valid JSON");
      }
    }
    let m: RegExpExecArray | null;
    if (req.method === "POST" && path === "/payment_requests") {
      const problem = this.validate(body);
      if (problem) return this.error(res, 400, "API_VALIDATION_ERROR", problem);
      return reply(201, this.createRequest(body));
    }
    if (req.method === "GET" && (m = /^\/payment_requests\/([\w-]+)$/.exec(path))) {
      const pr = this.requests.get(m[1]);
      if (!pr) return this.error(res, 404, "DATA_NOT_FOUND", "Payment request not found");
      this.expireIfDue(pr);
      return this.send(res, 200, this.view(pr));
    }
    if (req.method === "POST" && (m = /^\/payment_requests\/([\w-]+)\/payments\/simulate$/.exec(path))) {
      const done = await this.pay(m[1]);
      if (!done.ok)
        return done.reason === "DATA_NOT_FOUND"
          ? this.error(res, 404, "DATA_NOT_FOUND", "Payment request not found")
          : this.error(res, 400, "INVALID_PAYMENT_REQUEST_STATUS", `Payment request is ${done.reason}`);
      return reply(200, { status: "PENDING", message: "Payment simulation is processed" });
    }
    if (req.method === "POST" && path === "/refunds") {
      const pr = this.requests.get(String(body.payment_request_id ?? ""));
      if (!pr) return this.error(res, 404, "DATA_NOT_FOUND", "Payment request not found");
      if ((pr.payment_method as Json).type !== "QR_CODE")
        return this.error(res, 400, "REFUND_NOT_SUPPORTED", "Refund is not supported for this payment channel");
      if (pr.status !== "SUCCEEDED")
        return this.error(res, 400, "INELIGIBLE_TRANSACTION", "Payment is not eligible for refund");
      const amount = Number(body.amount ?? pr.amount);
      const refunded = Number(pr.refunded_for_fake ?? 0);
      if (!Number.isInteger(amount) || amount <= 0 || refunded + amount > Number(pr.amount))
        return this.error(res, 400, "REFUND_AMOUNT_EXCEEDED", "Refund amount exceeds the refundable amount");
      pr.refunded_for_fake = refunded + amount;
      const refund = {
        id: id("rfd"),
        payment_request_id: pr.id,
        invoice_id: null,
        amount,
        payment_id: (pr.payment_for_fake as Json | undefined)?.id ?? null,
        channel_code: "QRIS",
        currency: pr.currency,
        status: "SUCCEEDED",
        reason: body.reason ?? "OTHERS",
        reference_id: body.reference_id ?? null,
        failure_code: null,
        refund_fee_amount: null,
        created: now(),
        updated: now(),
        metadata: null,
      };
      this.refunds.set(refund.id, refund);
      return reply(200, refund);
    }
    return this.error(res, 404, "NOT_FOUND", `Unrecognized request URL (${req.method}: ${path})`);
  }

  private validate(body: Json): string | null {
    if (body.currency !== "IDR") return "currency must be IDR";
    if (!Number.isInteger(body.amount) || Number(body.amount) < 1) return "amount must be a positive whole number";
    const pm = body.payment_method as Json | undefined;
    if (!pm || pm.reusability !== "ONE_TIME_USE") return "payment_method.reusability must be ONE_TIME_USE";
    if (pm.type === "QR_CODE") {
      if ((pm.qr_code as Json | undefined)?.channel_code !== "QRIS") return "payment_method.qr_code.channel_code";
      if (Number(body.amount) > 10_000_000) return "QRIS amount must not exceed 10000000 IDR";
      return null;
    }
    if (pm.type === "VIRTUAL_ACCOUNT") {
      const va = pm.virtual_account as Json | undefined;
      if (!va?.channel_code) return "payment_method.virtual_account.channel_code is required";
      if (!(va.channel_properties as Json | undefined)?.customer_name)
        return "payment_method.virtual_account.channel_properties.customer_name is required";
      return null;
    }
    return "payment_method.type must be QR_CODE or VIRTUAL_ACCOUNT";
  }

  private createRequest(body: Json): Json {
    const pm = body.payment_method as Json;
    const created = now();
    const expiresAt = (((pm.qr_code ?? pm.virtual_account) as Json).channel_properties as Json | undefined)?.expires_at;
    const expires_at = expiresAt ?? new Date(Date.now() + 24 * 3_600_000).toISOString();
    const method: Json = {
      id: id("pm"),
      type: pm.type,
      reusability: "ONE_TIME_USE",
      status: "ACTIVE",
      created,
      updated: created,
      reference_id: body.reference_id,
      description: null,
      metadata: null,
    };
    if (pm.type === "QR_CODE")
      method.qr_code = {
        channel_code: "QRIS",
        channel_properties: {
          qr_string: `00020101021226660014ID.CO.XENDIT.WWW0118936000000000000000021${crypto.randomBytes(8).toString("hex")}5204599953033605405${body.amount}5802ID5906ANJUNG6013BANJARMASIN6304ABCD`,
          expires_at,
        },
      };
    else {
      const va = pm.virtual_account as Json;
      const props = va.channel_properties as Json;
      method.virtual_account = {
        amount: body.amount,
        currency: "IDR",
        channel_code: va.channel_code,
        channel_properties: {
          customer_name: props.customer_name,
          virtual_account_number: `8808${String(crypto.randomInt(0, 1e12)).padStart(12, "0")}`,
          expires_at,
        },
      };
    }
    const pr: Json = {
      id: id("pr"),
      business_id: "5f27a14a9bf05c73dd040bc8",
      reference_id: body.reference_id,
      customer_id: null,
      amount: body.amount,
      currency: "IDR",
      country: "ID",
      description: body.description ?? null,
      payment_method: method,
      status: "REQUIRES_ACTION",
      actions: [],
      capture_method: "AUTOMATIC",
      initiator: null,
      failure_code: null,
      metadata: body.metadata ?? null,
      created,
      updated: created,
    };
    this.requests.set(String(pr.id), pr);
    return this.view(pr);
  }

  private view(pr: Json): Json {
    const out = { ...pr };
    delete out.payment_for_fake;
    delete out.refunded_for_fake;
    return out;
  }

  private async hostedPage(req: http.IncomingMessage, res: http.ServerResponse, requestId: string, raw: string) {
    const pr = this.requests.get(requestId);
    if (!pr) return void res.writeHead(404).end("No such payment request");
    if (req.method === "POST") {
      const done = await this.pay(requestId);
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      return void res.end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake Xendit</title></head><body><main><h1>Fake e-wallet</h1><p data-testid="result">${done.ok ? "Paid" : `Not paid: ${done.reason}`}</p></main></body></html>`,
      );
    }
    void raw;
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Fake Xendit</title></head>
<body><main><h1>Fake e-wallet</h1><p>Pay <strong data-testid="amount">IDR ${Number(pr.amount).toLocaleString("id-ID")}</strong> (${String((pr.payment_method as Json).type)})</p>
<form method="post"><button type="submit">Pay</button></form></main></body></html>`);
  }
}

/** `tsx tests/fakes/xendit-server.ts`: run the fake on its own (Playwright starts it this way). */
if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  const fake = new FakeXendit({
    secretKey: process.env.XENDIT_SECRET_KEY ?? "xnd_development_anjung_fake",
    callbackToken: process.env.XENDIT_CALLBACK_TOKEN ?? "anjung-fake-callback-token",
    callbackUrl: process.env.XENDIT_CALLBACK_URL,
    port: Number(process.env.XENDIT_FAKE_PORT ?? 12112),
  });
  await fake.start();
  console.log(`fake xendit on ${fake.url}`);
  const stop = () => void fake.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
