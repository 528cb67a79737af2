import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { StartupError } from "../../scripts/lib/errors";
import { resolveMeiliBinary, MEILI_SHA256 } from "../../scripts/lib/meili";
import { assertPortFree } from "../../scripts/lib/ports";
import { loader as healthz } from "~/routes/healthz";

describe("services the app starts itself", () => {
  it("runs the Meilisearch binary only when its sha256 matches", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "anjung-bin-"));
    try {
      expect(resolveMeiliBinary(dir, MEILI_SHA256)).toMatch(/meilisearch-1\.21\.0$/);
      const err = (() => {
        try {
          resolveMeiliBinary(dir, "0".repeat(64));
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(StartupError);
      expect((err as Error).message).toMatch(/^Meilisearch binary checksum mismatch/);
      expect((err as Error).message).not.toContain("\n");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("says in one line which port is busy", async () => {
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
    const port = (srv.address() as net.AddressInfo).port;
    try {
      await expect(assertPortFree(port, "the web app", "PORT")).rejects.toThrow(
        new StartupError(
          `Port ${port} (the web app) is already in use: stop whatever holds it or set PORT to another port.`,
        ),
      );
    } finally {
      srv.close();
    }
  });

  it("reports database and search state on /healthz", async () => {
    const res = (await healthz()) as Response;
    const body = await res.json();
    expect(body.database.status).toBe("up");
    expect(body.search.status).toBe("up");
    expect(res.status).toBe(200);
  });

  it("reports search down as degraded, not as an outage", async () => {
    const saved = process.env.MEILI_HOST;
    process.env.MEILI_HOST = "http://127.0.0.1:9"; // nothing listens there
    try {
      const res = (await healthz()) as Response;
      const body = await res.json();
      expect(body).toMatchObject({ status: "degraded", database: { status: "up" }, search: { status: "down" } });
      expect(res.status).toBe(200);
    } finally {
      process.env.MEILI_HOST = saved;
    }
  });
});
