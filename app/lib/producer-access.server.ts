/**
 * Who may use the /sell pages: a signed-in producer account and the producer it belongs to, or
 * a facilitator acting for a producer of its caseload, on the pages that allow it (wrapped in
 * `facilitated`, lib/acting.server.ts). The types say what was checked, so routes need no `producer!`.
 */
import { redirect } from "@remix-run/node";
import { actingProducer } from "~/domain/producers/facilitation.server";
import { producerOfUser } from "~/domain/producers/producers.server";
import { markActingFor, mayFacilitate } from "./acting.server";
import { localePath, type AppLocale } from "./i18n";
import { getSession, hasRole, requireUser } from "./session.server";

/** A producer account, with its producer if it has registered one (for onboarding); other roles get 403. */
export async function requireProducerAccount(request: Request) {
  const user = await requireUser(request);
  if (!hasRole(user, "PRODUCER")) throw new Response("Forbidden", { status: 403 });
  return { user, producer: await producerOfUser(user.id) };
}

/**
 * A producer account and its producer (an account without a profile yet is sent to onboarding),
 * or a facilitator and the producer it acts for — only on pages that let facilitators act (403 on
 * the others; to its caseload first when it acts for nobody).
 */
export async function requireProducerMember(request: Request, locale: AppLocale) {
  const user = await requireUser(request);
  if (hasRole(user, "PRODUCER")) {
    const producer = await producerOfUser(user.id);
    if (producer) return { user, producer, byFacilitator: false };
  }
  if (hasRole(user, "FACILITATOR")) {
    const session = await getSession(request);
    const producer = session ? await actingProducer(user.id, session.sessionId) : null;
    if (!producer) throw redirect(localePath("/facilitate", locale));
    if (!mayFacilitate()) throw new Response("Forbidden", { status: 403 });
    markActingFor(producer.id);
    return { user, producer, byFacilitator: true };
  }
  if (!hasRole(user, "PRODUCER")) throw new Response("Forbidden", { status: 403 });
  throw redirect(localePath("/sell/profile", locale));
}
