import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { z } from "zod";
import { CsrfInput, Field, FormError, isFailure } from "~/components/forms";
import { issuePartnerToken, listPartnerTokens, revokePartnerToken } from "~/domain/partners/partners.server";
import { formatDate } from "~/lib/format";
import { formError, parseForm } from "~/lib/forms.server";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["partners", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF");
  return { locale: routeLocale(params), tokens: await listPartnerTokens() };
}

const schema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("issue"),
    name: z.string().trim().min(2, { error: "errors.required" }).max(100, { error: "errors.nameTooLong" }),
    requestsPerMinute: z.coerce
      .number({ error: "errors.invalidChoice" })
      .int()
      .min(61, { error: "errors.invalidChoice" })
      .max(10_000, { error: "errors.invalidChoice" }),
  }),
  z.object({ intent: z.literal("revoke"), id: z.string().min(1).max(40) }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, "STAFF");
  const parsed = await parseForm(request, schema);
  if (!parsed.ok) return parsed.response;
  if (parsed.data.intent === "revoke") {
    if (!(await revokePartnerToken(staff.id, parsed.data.id)))
      return formError(404, parsed.form, "errors.notFoundTitle");
    return { ok: true as const, issued: null };
  }
  const issued = await issuePartnerToken(staff.id, parsed.data.name, parsed.data.requestsPerMinute);
  return { ok: true as const, issued: { name: issued.name, token: issued.token } };
}

export default function PartnerTokens() {
  const { locale, tokens } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const issued = actionData && "issued" in actionData ? actionData.issued : null;
  const { t } = useTranslation();
  return (
    <div className="container">
      <h1>{t("partners.title")}</h1>
      <p>{t("partners.intro")}</p>
      {issued && (
        <p className="notice" role="status" data-testid="issued-token">
          {t("partners.issued", { name: issued.name })} <code>{issued.token}</code>
        </p>
      )}
      <Form method="post" noValidate className="auth">
        <CsrfInput />
        <input type="hidden" name="intent" value="issue" />
        <FormError failure={failure} />
        <Field name="name" label={t("partners.name")} required failure={failure} />
        <Field
          name="requestsPerMinute"
          type="number"
          label={t("partners.limit")}
          defaultValue="600"
          required
          failure={failure}
        />
        <button type="submit">{t("partners.issue")}</button>
      </Form>
      <table className="variants">
        <thead>
          <tr>
            <th scope="col">{t("partners.name")}</th>
            <th scope="col">{t("partners.prefix")}</th>
            <th scope="col">{t("partners.limit")}</th>
            <th scope="col">{t("partners.created")}</th>
            <th scope="col">{t("partners.status")}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((tok) => (
            <tr key={tok.id}>
              <td>{tok.name}</td>
              <td>
                <code>{tok.prefix}…</code>
              </td>
              <td>{tok.requestsPerMinute}</td>
              <td>{formatDate(tok.createdAt, locale)}</td>
              <td>
                {tok.revokedAt ? (
                  t("partners.revoked")
                ) : (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="id" value={tok.id} />
                    <button type="submit" className="link-button">
                      {t("partners.revoke")}
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
