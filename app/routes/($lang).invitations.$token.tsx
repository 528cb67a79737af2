import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, FormError, isFailure } from "~/components/forms";
import { acceptInvitation, InvitationRefused, openInvitation } from "~/domain/producers/producers.server";
import { formError, parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { getSession, requireUser } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["invitation"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

/** The invitee's page: who invites, and the button that accepts, for the signed-in invited address. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const invitation = await openInvitation(params.token ?? "");
  if (!invitation) throw new Response("Not found", { status: 404 });
  return {
    locale: routeLocale(params),
    producer: invitation.producer,
    forThisAccount: invitation.email === user.email?.toLowerCase(),
  };
}

const schema = z.object({ intent: z.literal("accept") });

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = routeLocale(params);
  const user = await requireUser(request);
  const parsed = await parseForm(request, schema);
  if (!parsed.ok) return parsed.response;
  const session = await getSession(request);
  try {
    await acceptInvitation(params.token ?? "", user, session!.sessionId);
  } catch (err) {
    if (err instanceof InvitationRefused)
      return formError(err.reason === "not-found" ? 404 : 403, parsed.form, `invitation.refused.${err.reason}`);
    throw err;
  }
  return redirect(`${localePath("/sell", locale)}?joined=1`);
}

export default function Invitation() {
  const { producer, forThisAccount } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  return (
    <div className="container auth">
      <h1>{t("invitation.title", { producer })}</h1>
      <FormError failure={failure} />
      {forThisAccount ? (
        <Form method="post">
          <CsrfInput />
          <p>{t("invitation.text", { producer })}</p>
          <button type="submit" name="intent" value="accept" data-testid="accept-invitation">
            {t("invitation.accept")}
          </button>
        </Form>
      ) : (
        <p className="notice warning" role="status">
          {t("invitation.refused.other-account")}
        </p>
      )}
    </div>
  );
}
