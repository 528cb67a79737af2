import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, Field, FormError, isFailure } from "~/components/forms";
import { requestPasswordReset, throttleAccountDoor } from "~/domain/accounts/accounts.server";
import { forgotSchema } from "~/domain/accounts/schemas";
import { formError, parseForm } from "~/lib/forms.server";
import { clientIp, routeLocale } from "~/lib/request.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["auth"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export function loader({ params }: LoaderFunctionArgs) {
  return { locale: routeLocale(params) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsed = await parseForm(request, forgotSchema);
  if (!parsed.ok) return parsed.response;
  const gate = await throttleAccountDoor("reset", parsed.data.email, clientIp(context));
  if (!gate.allowed)
    return formError(429, parsed.form, "errors.tooManyRequests", {}, { minutes: gate.retryAfterMinutes });
  await requestPasswordReset(parsed.data.email, routeLocale(params));
  return { ok: true as const };
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container auth">
      <h1>{t("auth.forgotTitle")}</h1>
      {actionData && !failure ? (
        <p className="notice" role="status">
          {t("auth.forgotSent")}
        </p>
      ) : (
        <>
          <p>{t("auth.forgotText")}</p>
          <Form method="post" noValidate>
            <CsrfInput />
            <FormError failure={failure} />
            <Field name="email" type="email" label={t("auth.email")} autoComplete="email" required failure={failure} />
            <button type="submit" disabled={busy}>
              {t("auth.forgotSubmit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
