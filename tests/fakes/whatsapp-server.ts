/**
 * A local stand-in for the part of the WhatsApp Cloud API (Meta's Graph API) Anjung uses:
 * `POST /v21.0/{phone-number-id}/messages` with a template message. It checks the bearer
 * token and the phone number id, answers with Meta's success shape (`messaging_product`,
 * `contacts`, `messages[].id`) and Meta's error shape (`error.message/type/code/fbtrace_id`):
 * 190 for a bad token, 100 for a malformed request, 131026 for a number that has no WhatsApp
 * (here: any number listed in `notOnWhatsApp`). What it "delivered" can be read back: in
 * tests from `messages`, and over HTTP at `GET /_fake/messages?to=628…` (the e2e run reads
 * the code a phone would receive).
 */
import crypto from "node:crypto";
import http from "node:http";

export type FakeWhatsAppOptions = { token: string; phoneNumberId: string; port?: number };

export type DeliveredMessage = { id: string; to: string; template: string; language: string; code: string; at: number };

export class FakeWhatsApp {
  readonly messages: DeliveredMessage[] = [];
  /** numbers (digits, no "+") that are not WhatsApp accounts */
  readonly notOnWhatsApp = new Set<string>();
  /** when set, every API call answers 503 */
  failApi = false;
  private server?: http.Server;

  constructor(readonly opts: FakeWhatsAppOptions) {}

  get url() {
    const a = this.server?.address();
    return a && typeof a === "object" ? `http://127.0.0.1:${a.port}` : "";
  }

  async start() {
    this.server = http.createServer(
      (req, res) => void this.route(req, res).catch(() => this.fail(res, 500, 1, "OAuthException", "internal")),
    );
    await new Promise<void>((resolve) => this.server!.listen(this.opts.port ?? 0, "127.0.0.1", resolve));
    return this;
  }

  async stop() {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The last code sent to a number (digits or E.164). */
  lastCode(to: string) {
    const digits = to.replace(/^\+/, "");
    return this.messages.filter((m) => m.to === digits).at(-1)?.code ?? null;
  }

  private send(res: http.ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body));
  }

  private fail(res: http.ServerResponse, status: number, code: number, type: string, message: string) {
    this.send(res, status, { error: { message, type, code, fbtrace_id: crypto.randomBytes(8).toString("base64url") } });
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    if (url.pathname === "/healthz") return void res.writeHead(200).end("ok");
    if (req.method === "GET" && url.pathname === "/_fake/messages") {
      const to = (url.searchParams.get("to") ?? "").replace(/^\+/, "");
      return this.send(res, 200, { data: this.messages.filter((m) => !to || m.to === to) });
    }
    const m = url.pathname.match(/^\/v\d+\.\d+\/([^/]+)\/messages$/);
    if (!m || req.method !== "POST") return this.fail(res, 400, 100, "GraphMethodException", "Unsupported request");
    if (this.failApi) return this.fail(res, 503, 2, "OAuthException", "Service temporarily unavailable");
    if (req.headers.authorization !== `Bearer ${this.opts.token}`)
      return this.fail(res, 401, 190, "OAuthException", "Invalid OAuth access token - Cannot parse access token");
    if (m[1] !== this.opts.phoneNumberId)
      return this.fail(
        res,
        400,
        100,
        "GraphMethodException",
        `Unsupported post request. Object with ID '${m[1]}' does not exist`,
      );
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: {
      messaging_product?: string;
      to?: string;
      type?: string;
      template?: {
        name?: string;
        language?: { code?: string };
        components?: Array<{ type: string; parameters?: Array<{ text?: string }> }>;
      };
    };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return this.fail(res, 400, 100, "OAuthException", "(#100) Invalid JSON");
    }
    if (body.messaging_product !== "whatsapp")
      return this.fail(res, 400, 100, "OAuthException", "(#100) The parameter messaging_product is required.");
    if (!body.to || !/^\d{8,15}$/.test(body.to))
      return this.fail(res, 400, 100, "OAuthException", "(#100) Invalid parameter: to");
    const code = body.template?.components?.find((c) => c.type === "body")?.parameters?.[0]?.text;
    if (body.type !== "template" || !body.template?.name || !body.template.language?.code || !code)
      return this.fail(
        res,
        400,
        132000,
        "OAuthException",
        "(#132000) Number of parameters does not match the expected number of params",
      );
    if (this.notOnWhatsApp.has(body.to))
      return this.fail(res, 400, 131026, "OAuthException", "(#131026) Message undeliverable");
    const id = `wamid.${crypto.randomBytes(18).toString("base64url")}`;
    this.messages.push({
      id,
      to: body.to,
      template: body.template.name,
      language: body.template.language.code,
      code,
      at: Date.now(),
    });
    this.send(res, 200, {
      messaging_product: "whatsapp",
      contacts: [{ input: body.to, wa_id: body.to }],
      messages: [{ id }],
    });
  }
}

/** `tsx tests/fakes/whatsapp-server.ts`: run the fake on its own (Playwright starts it this way). */
if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  const fake = new FakeWhatsApp({
    token: process.env.WHATSAPP_TOKEN ?? "anjung-fake-whatsapp-token",
    phoneNumberId: process.env.WHATSAPP_PHONE_NUMBER_ID ?? "100000000000001",
    port: Number(process.env.WHATSAPP_FAKE_PORT ?? 12117),
  });
  await fake.start();
  console.log(`fake whatsapp on ${fake.url}`);
  const stop = () => void fake.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
