import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { withNotice } from "~/lib/notice";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, Field, FormError, isFailure } from "~/components/forms";
import { isResetTokenUsable, resetPassword } from "~/domain/accounts/accounts.server";
import { resetSchema } from "~/domain/accounts/schemas";
import { formError, parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["auth"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const usable = token.length >= 20 && token.length <= 100 && (await isResetTokenUsable(token));
  return { locale: routeLocale(params), token: usable ? token : null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = await parseForm(request, resetSchema);
  if (!parsed.ok) return parsed.response;
  const done = await resetPassword(parsed.data.token, parsed.data.password);
  if (!done) return formError(400, parsed.form, "errors.tokenInvalid");
  return redirect(withNotice(localePath("/login", routeLocale(params)), "passwordReset"));
}

export default function ResetPassword() {
  const { locale, token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container auth">
      <h1>{t("auth.resetTitle")}</h1>
      {!token ? (
        <p className="form-error" role="alert">
          {t("errors.tokenInvalid")} <Link to={localePath("/forgot-password", locale)}>{t("auth.forgot")}</Link>
        </p>
      ) : (
        <Form method="post" noValidate>
          <CsrfInput />
          <input type="hidden" name="token" value={token} />
          <FormError failure={failure} />
          <Field
            name="password"
            type="password"
            label={t("auth.newPassword")}
            autoComplete="new-password"
            hint={t("auth.passwordHint")}
            required
            failure={failure}
          />
          <button type="submit" disabled={busy}>
            {t("auth.resetSubmit")}
          </button>
        </Form>
      )}
    </div>
  );
}
