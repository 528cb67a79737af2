/**
 * Who may use the /sell pages: a signed-in producer account and the producer it belongs to.
 * The types say what was checked, so routes need no `producer!`.
 */
import { redirect } from "@remix-run/node";
import { producerOfUser } from "~/domain/producers/producers.server";
import { localePath, type AppLocale } from "./i18n";
import { hasRole, requireUser } from "./session.server";

/** A producer account, with its producer if it has registered one (for onboarding); other roles get 403. */
export async function requireProducerAccount(request: Request) {
  const user = await requireUser(request);
  if (!hasRole(user, "PRODUCER")) throw new Response("Forbidden", { status: 403 });
  return { user, producer: await producerOfUser(user.id) };
}

/** A producer account and its producer; an account without a profile yet is sent to onboarding. */
export async function requireProducerMember(request: Request, locale: AppLocale) {
  const { user, producer } = await requireProducerAccount(request);
  if (!producer) throw redirect(localePath("/sell/profile", locale));
  return { user, producer };
}
