import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { z } from "zod";
import { CsrfInput, Field, FormError, isFailure } from "~/components/forms";
import { countSessions, updateProfile } from "~/domain/accounts/accounts.server";
import { profileSchema } from "~/domain/accounts/schemas";
import { parseForm } from "~/lib/forms.server";
import { withNotice } from "~/lib/notice";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { destroyAllSessions, requireUser } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["account", "auth", "claims", "order", "rfq", "role"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { locale: routeLocale(params), user, sessions: await countSessions(user.id) };
}

const schema = z.discriminatedUnion("intent", [profileSchema, z.object({ intent: z.literal("sign-out-everywhere") })], {
  error: "errors.invalidChoice",
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = routeLocale(params);
  const parsed = await parseForm(request, schema);
  if (!parsed.ok) return parsed.response;
  if (parsed.data.intent === "sign-out-everywhere") {
    return destroyAllSessions(request, user.id, `${localePath("/login", locale)}`);
  }
  await updateProfile(user.id, { name: parsed.data.name, locale: parsed.data.locale });
  // show the account in the language just chosen
  return redirect(withNotice(localePath("/account", parsed.data.locale), "accountSaved"));
}

export default function Account() {
  const { user, sessions, locale } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  return (
    <div className="container auth">
      <h1>{t("account.title")}</h1>
      <p data-testid="account-hello">{t("account.hello", { name: user.name })}</p>
      <p>
        {t("account.roles")}: {user.roles.map((r) => t(`role.${r}`)).join(", ")}
      </p>
      <p>
        <Link to={localePath("/account/orders", locale)}>{t("order.mine")}</Link> ·{" "}
        <Link to={localePath("/account/rfq", locale)}>{t("rfq.mine")}</Link>
      </p>
      <p>
        <Link to={localePath("/claim", locale)}>{t("claims.link")}</Link>
      </p>
      <h2>{t("account.profile")}</h2>
      <Form method="post" noValidate>
        <CsrfInput />
        <input type="hidden" name="intent" value="profile" />
        <FormError failure={failure} />
        <Field
          name="name"
          label={t("auth.name")}
          autoComplete="name"
          defaultValue={user.name}
          required
          failure={failure}
        />
        <div className="field">
          <label htmlFor="f-locale">{t("account.locale")}</label>
          <select id="f-locale" name="locale" defaultValue={failure?.values.locale ?? user.locale}>
            <option value="id">Bahasa Indonesia</option>
            <option value="en">English</option>
          </select>
        </div>
        <button type="submit">{t("account.save")}</button>
      </Form>
      <h2>{t("account.sessions")}</h2>
      <p>{t("account.sessionsText", { count: sessions })}</p>
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="intent" value="sign-out-everywhere" />
        <button type="submit">{t("account.signOutEverywhere")}</button>
      </Form>
    </div>
  );
}
