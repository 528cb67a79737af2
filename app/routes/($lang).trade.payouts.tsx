import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { z } from "zod";
import { CsrfInput, FormError, isFailure } from "~/components/forms";
import { Price } from "~/components/price";
import { createPayoutBatch, NothingToPay, payoutBatches, payoutCandidates } from "~/domain/ledger/payouts.server";
import { formatDate } from "~/lib/format";
import { formError, parseForm } from "~/lib/forms.server";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["payouts", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  const [candidates, batches] = await Promise.all([payoutCandidates(), payoutBatches()]);
  return { locale: routeLocale(params), candidates, batches };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, "STAFF", "ADMIN");
  const parsed = await parseForm(request, z.object({ intent: z.literal("create") }));
  if (!parsed.ok) return parsed.response;
  try {
    const batch = await createPayoutBatch(staff.id);
    return { ok: true as const, reference: batch.reference };
  } catch (err) {
    if (err instanceof NothingToPay) return formError(409, parsed.form, "payouts.nothing");
    throw err;
  }
}

export default function Payouts() {
  const { locale, candidates, batches } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  const ready = candidates.filter((c) => c.bankReady);
  return (
    <div className="container">
      <h1>{t("payouts.title")}</h1>
      <p>{t("payouts.intro")}</p>
      {actionData && "reference" in actionData && (
        <p className="notice" role="status">
          {t("payouts.created", { reference: actionData.reference })}
        </p>
      )}
      <FormError failure={failure} />
      <h2>{t("payouts.owed")}</h2>
      {candidates.length === 0 ? (
        <p>{t("payouts.noneOwed")}</p>
      ) : (
        <table className="variants">
          <thead>
            <tr>
              <th scope="col">{t("payouts.producer")}</th>
              <th scope="col">{t("payouts.amount")}</th>
              <th scope="col">{t("payouts.bank")}</th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((c) => (
              <tr key={c.producerId}>
                <td>{c.name}</td>
                <td>
                  <Price amount={c.amount} currency="IDR" />
                </td>
                <td>{c.bankReady ? t("payouts.bankReady") : t("payouts.bankMissing")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {ready.length > 0 && (
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="create" />
          <button type="submit">{t("payouts.create", { count: ready.length })}</button>
        </Form>
      )}
      <h2>{t("payouts.batches")}</h2>
      <table className="variants">
        <thead>
          <tr>
            <th scope="col">{t("payouts.reference")}</th>
            <th scope="col">{t("payouts.date")}</th>
            <th scope="col">{t("payouts.producers")}</th>
            <th scope="col">{t("payouts.amount")}</th>
            <th scope="col">{t("payouts.file")}</th>
          </tr>
        </thead>
        <tbody>
          {batches.map((b) => (
            <tr key={b.id}>
              <td>{b.reference}</td>
              <td>{formatDate(b.createdAt, locale)}</td>
              <td>{b.producerCount}</td>
              <td>
                <Price amount={b.totalAmount} currency={b.currency} />
              </td>
              <td>
                <a href={`/trade/payouts/${b.id}/csv`} download>
                  {t("payouts.download")}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
