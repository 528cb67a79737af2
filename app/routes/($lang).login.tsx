import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, Field, FormError, isFailure } from "~/components/forms";
import { signIn } from "~/domain/accounts/accounts.server";
import { mergeGuestCart } from "~/domain/orders/cart.server";
import { cartCookie, guestCartId } from "~/lib/cookies.server";
import { signInSchema } from "~/domain/accounts/schemas";
import { formError, parseForm } from "~/lib/forms.server";
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
  const parsed = await parseForm(request, signInSchema);
  if (!parsed.ok) return parsed.response;
  const { email, password, redirectTo } = parsed.data;
  const result = await signIn({ email, password, ip: clientIp(context) });
  if (!result.ok) {
    return result.reason === "rate-limited"
      ? formError(429, parsed.form, "errors.rateLimited", {}, { minutes: result.retryAfterMinutes })
      : formError(400, parsed.form, "errors.badCredentials");
  }
  // a guest's cart joins the buyer's cart
  await mergeGuestCart(await guestCartId(request), result.userId);
  return createUserSession(request, result.userId, safeRedirectTo(redirectTo, localePath("/", locale)), [
    await cartCookie(null),
  ]);
}

export default function Login() {
  const { locale } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container auth">
      <h1>{t("auth.signInTitle")}</h1>
      {params.get("reason") === "rfq" && (
        <p className="notice" role="status" data-testid="login-reason">
          {t("auth.reason.rfq")}
        </p>
      )}
      <Form method="post" noValidate>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <FormError failure={failure} />
        <Field name="email" type="email" label={t("auth.email")} autoComplete="email" required failure={failure} />
        <Field
          name="password"
          type="password"
          label={t("auth.password")}
          autoComplete="current-password"
          required
          failure={failure}
        />
        <button type="submit" disabled={busy}>
          {t("auth.submitSignIn")}
        </button>
      </Form>
      <p>
        <Link to={localePath("/forgot-password", locale)}>{t("auth.forgot")}</Link>
      </p>
      <p>
        <Link to={localePath("/phone", locale)} data-testid="use-phone">
          {t("auth.usePhone")}
        </Link>
      </p>
      <p>
        {t("auth.noAccount")}{" "}
        <Link
          to={`${localePath("/signup", locale)}${params.get("redirectTo") ? `?${new URLSearchParams({ redirectTo: params.get("redirectTo")! })}` : ""}`}
        >
          {t("auth.submitSignUp")}
        </Link>
      </p>
    </div>
  );
}
