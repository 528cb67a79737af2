import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, SelectField } from "~/components/forms";
import { issueStatement, STATEMENT_MONTHS, statementsOf } from "~/domain/ledger/statement.server";
import { formatMoney } from "~/domain/money";
import { formatDate } from "~/lib/format";
import { parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { requireProducerMember } from "~/lib/producer-access.server";
import { routeLocale } from "~/lib/request.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["sell", "statement", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

/** A producer's statements of verified sales (ledger/statement.server.ts), for a bank. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = routeLocale(params);
  const { producer } = await requireProducerMember(request, locale);
  return {
    locale,
    periods: [...STATEMENT_MONTHS],
    statements: (await statementsOf(producer.id)).map((s) => ({
      token: s.token,
      issuedAt: s.issuedAt.toISOString(),
      from: s.periodStart.toISOString(),
      total: s.retailTotal + s.exportTotal,
    })),
  };
}

const schema = z.object({
  months: z.coerce
    .number()
    .refine((n) => (STATEMENT_MONTHS as readonly number[]).includes(n), { error: "errors.invalidChoice" }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = routeLocale(params);
  const { user, producer } = await requireProducerMember(request, locale);
  const parsed = await parseForm(request, schema);
  if (!parsed.ok) return parsed.response;
  const s = await issueStatement(producer.id, user.id, parsed.data.months);
  // the download: a plain form post, so it works before JavaScript and the page stays
  return redirect(localePath(`/sell/statements/${s.token}.pdf`, locale));
}

export default function Statement() {
  const { locale, statements, periods } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container">
      <h1>{t("statement.title")}</h1>
      <p>
        <Link to={localePath("/sell", locale)}>{t("sell.dashboardTitle")}</Link>
      </p>
      <p>{t("statement.intro")}</p>
      <Form method="post" reloadDocument className="row-actions">
        <CsrfInput />
        <SelectField
          name="months"
          label={t("statement.months")}
          defaultValue="12"
          options={periods.map((n) => ({ value: String(n), label: t("statement.lastMonths", { count: n }) }))}
        />
        <button type="submit">{t("statement.issue")}</button>
      </Form>
      <h2>{t("statement.issued")}</h2>
      {statements.length === 0 && <p>{t("statement.none")}</p>}
      <ul data-testid="statements">
        {statements.map((s) => (
          <li key={s.token}>
            {t("statement.line", {
              date: formatDate(s.issuedAt, locale),
              from: formatDate(s.from, locale),
              total: formatMoney(s.total, "IDR", locale),
            })}{" "}
            <a href={localePath(`/sell/statements/${s.token}.pdf`, locale)} download>
              {t("statement.download")}
            </a>{" "}
            · <Link to={localePath(`/statements/${s.token}`, locale)}>{t("statement.verifyPage")}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
