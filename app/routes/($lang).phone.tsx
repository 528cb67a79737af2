import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, Field, FormError, isFailure } from "~/components/forms";
import {
  CODE_TTL_MS,
  PhoneSignInRefused,
  phoneSignInEnabled,
  requestSignInCode,
  verifySignInCode,
} from "~/domain/accounts/phone-sign-in.server";
import { phoneSchema } from "~/domain/accounts/phone-schema";
import { mergeGuestCart } from "~/domain/orders/cart.server";
import { cartCookie, guestCartId } from "~/lib/cookies.server";
import { formError, parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { withNotice } from "~/lib/notice";
import { clientIp, routeLocale } from "~/lib/request.server";
import { createUserSession, getUser, safeRedirectTo } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["auth", "phone"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

/**
 * Sign up or sign in with a phone number: the number, then the code sent to it by WhatsApp
 * (and a name, for a number new to Anjung). Two plain forms: no JavaScript needed.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = routeLocale(params);
  if (await getUser(request)) throw redirect(localePath("/account", locale));
  return { locale, enabled: phoneSignInEnabled(), minutes: CODE_TTL_MS / 60_000 };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const locale = routeLocale(params);
  const parsed = await parseForm(request, phoneSchema);
  if (!parsed.ok) return parsed.response;
  const input = parsed.data;
  const client = clientIp(context);
  try {
    if (input.intent === "send") {
      await requestSignInCode(input.phone, locale, client);
      return data({ ok: true as const, sent: input.phone });
    }
    const { userId, created } = await verifySignInCode({ ...input, locale, clientKey: client });
    await mergeGuestCart(await guestCartId(request), userId);
    const to = safeRedirectTo(input.redirectTo, localePath("/", locale));
    return createUserSession(request, userId, created ? withNotice(to, "signedUp") : to, [await cartCookie(null)]);
  } catch (err) {
    if (err instanceof PhoneSignInRefused)
      return formError(err.key === "phone.refused.tooMany" ? 429 : 400, parsed.form, err.key, {}, err.params);
    throw err;
  }
}

export default function PhoneSignIn() {
  const { enabled, minutes, locale } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = isFailure(result) ? result : undefined;
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  // the code step: after a code was sent, or when a typed code was refused
  const sentTo =
    result && "sent" in result ? result.sent : failure?.values.intent === "verify" ? failure.values.phone : null;
  const redirectTo = params.get("redirectTo") ?? failure?.values.redirectTo ?? "";
  if (!enabled)
    return (
      <div className="container auth">
        <h1>{t("phone.title")}</h1>
        <p>{t("phone.unavailable")}</p>
        <Link to={localePath("/login", locale)}>{t("phone.useEmail")}</Link>
      </div>
    );
  return (
    <div className="container auth">
      <h1>{t("phone.title")}</h1>
      {sentTo ? (
        <>
          <p className="notice" role="status" data-testid="code-sent">
            {t("phone.sent", { phone: sentTo, minutes })}
          </p>
          <Form method="post" noValidate className="stack">
            <CsrfInput />
            <input type="hidden" name="phone" value={sentTo} />
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <FormError failure={failure} />
            <Field
              name="code"
              label={t("phone.code")}
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              failure={failure}
            />
            <Field
              name="name"
              label={t("phone.name")}
              hint={t("phone.nameHint")}
              autoComplete="name"
              failure={failure}
            />
            <button type="submit" name="intent" value="verify" disabled={busy}>
              {t("phone.verify")}
            </button>
          </Form>
          <Form method="post" className="stack">
            <CsrfInput />
            <input type="hidden" name="phone" value={sentTo} />
            <input type="hidden" name="redirectTo" value={redirectTo} />
            <button type="submit" name="intent" value="send" className="secondary" disabled={busy}>
              {t("phone.resend")}
            </button>
          </Form>
        </>
      ) : (
        <Form method="post" noValidate className="stack">
          <CsrfInput />
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <p>{t("phone.intro")}</p>
          <FormError failure={failure} />
          <Field
            name="phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            label={t("phone.phone")}
            hint={t("phone.phoneHint")}
            required
            failure={failure}
          />
          <button type="submit" name="intent" value="send" disabled={busy}>
            {t("phone.send")}
          </button>
        </Form>
      )}
      <p>
        <Link to={localePath("/login", locale)}>{t("phone.useEmail")}</Link>
      </p>
    </div>
  );
}
