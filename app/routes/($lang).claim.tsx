import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, Field, FormError, isFailure } from "~/components/forms";
import { claimProducer, GroupRefused } from "~/domain/producers/groups.server";
import { claimSchema } from "~/domain/producers/schemas";
import { formError, parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { withNotice } from "~/lib/notice";
import { clientIp, routeLocale } from "~/lib/request.server";
import { getSession, requireUser } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["claims", "units", "workErrors"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

/** A person takes over the producer staff onboarded for it (producers/groups.server.ts), signed in. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const locale = routeLocale(params);
  const user = await requireUser(request);
  const parsed = await parseForm(request, claimSchema);
  if (!parsed.ok) return parsed.response;
  const session = await getSession(request);
  try {
    const claimed = await claimProducer(user, session!.sessionId, parsed.data.nib, parsed.data.code, clientIp(context));
    return redirect(withNotice(localePath("/sell", locale), "producerClaimed", { name: claimed.legalName }));
  } catch (err) {
    if (err instanceof GroupRefused)
      return formError(err.key === "claims.refused.tooMany" ? 429 : 409, parsed.form, err.key, {}, err.params);
    throw err;
  }
}

export default function Claim() {
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  return (
    <div className="container auth">
      <h1>{t("claims.title")}</h1>
      <p>{t("claims.intro")}</p>
      <Form method="post" noValidate className="stack">
        <CsrfInput />
        <FormError failure={failure} />
        <Field name="nib" label={t("claims.nib")} inputMode="tel" required failure={failure} />
        <Field
          name="code"
          label={t("claims.code")}
          hint={t("claims.codeHint")}
          autoComplete="one-time-code"
          required
          failure={failure}
        />
        <button type="submit">{t("claims.submit")}</button>
      </Form>
    </div>
  );
}
