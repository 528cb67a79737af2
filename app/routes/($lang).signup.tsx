import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, Field, FormError, isFailure } from "~/components/forms";
import { EmailTakenError, signUp, throttleAccountDoor } from "~/domain/accounts/accounts.server";
import { mergeGuestCart } from "~/domain/orders/cart.server";
import { cartCookie, guestCartId } from "~/lib/cookies.server";
import { signUpSchema } from "~/domain/accounts/schemas";
import { formError, parseForm } from "~/lib/forms.server";
import { withNotice } from "~/lib/notice";
import { localePath } from "~/lib/i18n";
import { clientIp, routeLocale } from "~/lib/request.server";
import { createUserSession, getUser, safeRedirectTo } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["auth"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = routeLocale(params);
  if (await getUser(request)) throw redirect(localePath("/account", locale));
  return { locale };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const locale = routeLocale(params);
  const parsed = await parseForm(request, signUpSchema);
  if (!parsed.ok) return parsed.response;
  const { email, name, password, accountType, redirectTo } = parsed.data;
  const gate = await throttleAccountDoor("signup", email, clientIp(context));
  if (!gate.allowed)
    return formError(429, parsed.form, "errors.tooManyRequests", {}, { minutes: gate.retryAfterMinutes });
  try {
    const user = await signUp({ email, name, password, locale, producer: accountType === "producer" });
    const fallback = localePath(accountType === "producer" ? "/sell/profile" : "/", locale);
    await mergeGuestCart(await guestCartId(request), user.id);
    return createUserSession(request, user.id, withNotice(safeRedirectTo(redirectTo, fallback), "signedUp"), [
      await cartCookie(null),
    ]);
  } catch (err) {
    if (err instanceof EmailTakenError)
      return formError(409, parsed.form, "errors.formInvalid", { email: "errors.emailTaken" });
    throw err;
  }
}

export default function SignUp() {
  const { locale } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const accountType = failure?.values.accountType ?? "buyer";
  return (
    <div className="container auth">
      <h1>{t("auth.signUpTitle")}</h1>
      <Form method="post" noValidate>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={failure?.values.redirectTo ?? params.get("redirectTo") ?? ""} />
        <FormError failure={failure} />
        <Field name="name" label={t("auth.name")} autoComplete="name" required failure={failure} />
        <Field name="email" type="email" label={t("auth.email")} autoComplete="email" required failure={failure} />
        <Field
          name="password"
          type="password"
          label={t("auth.password")}
          autoComplete="new-password"
          hint={t("auth.passwordHint")}
          required
          failure={failure}
        />
        <fieldset>
          <legend>{t("auth.accountType")}</legend>
          <label>
            <input type="radio" name="accountType" value="buyer" defaultChecked={accountType === "buyer"} />{" "}
            {t("auth.typeBuyer")}
          </label>
          <br />
          <label>
            <input type="radio" name="accountType" value="producer" defaultChecked={accountType === "producer"} />{" "}
            {t("auth.typeProducer")}
          </label>
        </fieldset>
        <button type="submit" disabled={busy}>
          {t("auth.submitSignUp")}
        </button>
      </Form>
      <p>
        {t("auth.haveAccount")} <Link to={localePath("/login", locale)}>{t("auth.submitSignIn")}</Link>
      </p>
      <p>
        <Link to={localePath("/phone", locale)}>{t("auth.usePhone")}</Link>
      </p>
    </div>
  );
}
