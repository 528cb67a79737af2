/**
 * The HTTP front: static assets with long-lived caching, image variants under /media,
 * a CSRF cookie for every visitor, security headers, then Remix.
 */
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { csrfFromCookieHeader, csrfSetCookie } from "../../app/lib/cookies.server";
import { isIssuedCsrfToken, issueCsrfToken } from "../../app/lib/csrf.server";
import { MAX_FORM_BYTES, MAX_MULTIPART_BYTES } from "../../app/lib/forms.server";
import { pageCache } from "./page-cache";

const root = path.resolve(import.meta.dirname, "..", "..");

export async function createApp(opts: { uploadsDir: string; mode?: string; pageCacheMs?: number }) {
  const build = (await import(pathToFileURL(path.join(root, "build", "index.js")).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(compression());
  app.use((req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  });
  // A body larger than any form takes is refused by the route without being read; the
  // connection then closes, so a client that lied about its length cannot stall the socket.
  app.use((req, res, next) => {
    const length = Number(req.headers["content-length"] ?? "0");
    const multipart = (req.headers["content-type"] ?? "").startsWith("multipart/");
    if (length > (multipart ? MAX_MULTIPART_BYTES : MAX_FORM_BYTES)) res.setHeader("Connection", "close");
    // a route that answered without reading the body (a refusal) leaves bytes on the socket: end it
    res.on("finish", () => {
      if (!req.complete) req.socket.end();
    });
    next();
  });
  app.use("/build", express.static(path.join(root, "public", "build"), { immutable: true, maxAge: "1y" }));
  app.use("/media", express.static(opts.uploadsDir, { immutable: true, maxAge: "1y", index: false, dotfiles: "deny" }));

  // Double-submit CSRF token: every visitor gets a signed random token cookie; forms echo it.
  // A cookie the server did not issue is replaced (a client never chooses its token).
  app.use((req, res, next) => {
    const existing = csrfFromCookieHeader(req.headers.cookie);
    if (isIssuedCsrfToken(existing)) {
      res.locals.csrfToken = existing;
    } else {
      const token = issueCsrfToken();
      res.locals.csrfToken = token;
      res.append("Set-Cookie", csrfSetCookie(token, req.secure));
    }
    next();
  });

  // a fresh CSP nonce for every response
  app.use((_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    next();
  });
  if (opts.pageCacheMs !== 0) app.use(pageCache({ ttlMs: opts.pageCacheMs ?? 5_000 }));
  app.use(express.static(path.join(root, "public"), { maxAge: "1h", index: false }));

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: opts.mode ?? "production",
      getLoadContext: (req, res) => ({
        csrfToken: res.locals.csrfToken as string,
        ip: req.ip ?? "unknown",
        cspNonce: res.locals.cspNonce as string,
        secure: req.secure,
        // the route tree, so the `($lang)` layout can ship the messages of the routes that match
        routes: build.routes,
      }),
    }),
  );
  return app;
}

export function listen(app: express.Express, port: number, host = "0.0.0.0"): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(app);
    server.keepAliveTimeout = 65_000;
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
