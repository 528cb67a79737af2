/**
 * A real SMTP server on loopback (smtp-server) that keeps what it receives, parsed with
 * mailparser. Not a fake of our code: nodemailer speaks SMTP to it as to any mail server.
 * It can be stopped and started again on the same port to play an outage.
 */
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { freePort } from "../../scripts/lib/ports";

export class MailSink {
  received: ParsedMail[] = [];
  private server?: SMTPServer;
  port = 0;

  async start(port?: number) {
    this.port = port ?? (this.port || (await freePort()));
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.received.push(mail);
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.server = server;
    return this;
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop() {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }

  to(address: string) {
    return this.received.filter((m) =>
      (Array.isArray(m.to) ? m.to : [m.to]).some((t) => t?.value.some((v) => v.address === address)),
    );
  }
}
