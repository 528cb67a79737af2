/**
 * Database-backed sessions in a signed, httpOnly cookie. The cookie holds only the
 * session id; the row holds who and until when. Sign-in rotates the id.
 */
import { redirect } from "@remix-run/node";
import type { Role, User } from "~/generated/prisma/client";
import { db } from "./db.server";
import { SESSION_TTL_MS, sessionCookie } from "./cookies.server";

export { SESSION_TTL_MS };

export type SessionUser = Pick<User, "id" | "email" | "name" | "roles" | "locale" | "displayCurrency">;

const cache = new WeakMap<Request, Promise<{ sessionId: string; user: SessionUser } | null>>();

async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie(request).parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

/** The signed-in user, or null. Looked up once per request. */
export function getSession(request: Request) {
  let pending = cache.get(request);
  if (!pending) {
    pending = (async () => {
      const sessionId = await readSessionId(request);
      if (!sessionId) return null;
      const session = await db.session.findUnique({
        where: { id: sessionId },
        select: {
          id: true,
          expiresAt: true,
          user: { select: { id: true, email: true, name: true, roles: true, locale: true, displayCurrency: true } },
        },
      });
      if (!session || session.expiresAt < new Date()) return null;
      return { sessionId: session.id, user: session.user };
    })();
    cache.set(request, pending);
  }
  return pending;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getSession(request))?.user ?? null;
}

/**
 * Where to send a visitor after sign-in, sign-up or a currency switch: only a path on this
 * site. Anything a browser could resolve to another host — a scheme, `//`, a backslash,
 * whitespace (browsers drop tabs and newlines from URLs, so "/\t/evil" is "//evil"), or an
 * encoded form of these — is replaced by `fallback`. A control character is not a mistake a
 * person makes: it answers 400 (and would otherwise break the Location header).
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

function safeRedirectTo(to: string | null | undefined, fallback = "/"): string {
  if (!to) return fallback;
  if (CONTROL.test(to)) throw new Response("Bad Request", { status: 400 });
  let decoded = to;
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(decoded);
      if (next === decoded) break;
      decoded = next;
    } catch {
      return fallback;
    }
  }
  for (const form of [to, decoded]) {
    if (!form.startsWith("/") || form.startsWith("//") || /[\\\s]/.test(form) || CONTROL.test(form)) return fallback;
  }
  const base = "http://anjung.invalid";
  const url = new URL(to, base);
  if (url.origin !== base) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
export { safeRedirectTo };

/**
 * The signed-in user, or a redirect to sign in and back. `reason` names why the page needs an
 * account; the sign-in page says so (`auth.reason.<reason>`).
 */
export async function requireUser(request: Request, opts: { reason?: "rfq" } = {}): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const prefix = url.pathname.startsWith("/en/") || url.pathname === "/en" ? "/en" : "";
    const reason = opts.reason ? `reason=${opts.reason}&` : "";
    throw redirect(`${prefix}/login?${reason}redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

export function hasRole(user: Pick<SessionUser, "roles"> | null, ...roles: Role[]): boolean {
  if (!user) return false;
  if (user.roles.includes("ADMIN")) return true;
  return roles.some((r) => user.roles.includes(r));
}

/** Throws 403 unless the user holds one of `roles` (ADMIN holds all). */
export async function requireRole(request: Request, ...roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!hasRole(user, ...roles)) throw new Response("Forbidden", { status: 403 });
  return user;
}

/** Starts a new session (a fresh id: any session id the browser had is discarded). */
export async function createUserSession(
  request: Request,
  userId: string,
  redirectTo: string,
  extraCookies: string[] = [],
) {
  const previous = await readSessionId(request);
  if (previous) await db.session.deleteMany({ where: { id: previous } });
  const session = await db.session.create({
    data: {
      userId,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
      userAgent: request.headers.get("User-Agent")?.slice(0, 300) ?? null,
    },
  });
  const headers = new Headers();
  headers.append("Set-Cookie", await sessionCookie(request).serialize(session.id));
  for (const c of extraCookies) headers.append("Set-Cookie", c);
  return redirect(safeRedirectTo(redirectTo), { headers });
}

export async function destroySession(request: Request, redirectTo: string) {
  const id = await readSessionId(request);
  if (id) await db.session.deleteMany({ where: { id } });
  return redirect(safeRedirectTo(redirectTo), {
    headers: { "Set-Cookie": await sessionCookie(request).serialize("", { maxAge: 0 }) },
  });
}

/** "Sign out everywhere": every session of the user ends, this one too. */
export async function destroyAllSessions(request: Request, userId: string, redirectTo: string) {
  await db.session.deleteMany({ where: { userId } });
  return redirect(safeRedirectTo(redirectTo), {
    headers: { "Set-Cookie": await sessionCookie(request).serialize("", { maxAge: 0 }) },
  });
}
