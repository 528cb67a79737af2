/**
 * Secrets stay out of process lists: the embedded Meilisearch gets its master key by
 * environment, so `ps` and /proc/<pid>/cmdline show no key, while the key is in force.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startEmbeddedMeili } from "../../scripts/lib/meili";
import { freePort } from "../../scripts/lib/ports";

describe("the embedded Meilisearch", () => {
  it("takes its master key by environment, not argv", async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "anjung-secret-"));
    fs.chmodSync(tmp, 0o755);
    const key = `secret-${Date.now()}-0123456789abcdef`;
    const meili = await startEmbeddedMeili({
      dataDir: path.join(tmp, "meili"),
      binDir: path.resolve(".data", "bin"),
      port: await freePort(),
      masterKey: key,
    });
    try {
      const cmdline = fs.readFileSync(`/proc/${meili.pid}/cmdline`, "utf8").split("\0").join(" ");
      expect(cmdline).toContain("--db-path");
      expect(cmdline).not.toContain(key);
      // the key is in force: without it the server refuses, with it it answers
      expect((await fetch(`${meili.host}/indexes`)).status).toBe(401);
      expect((await fetch(`${meili.host}/indexes`, { headers: { Authorization: `Bearer ${key}` } })).status).toBe(200);
    } finally {
      await meili.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
