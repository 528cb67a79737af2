import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { z } from "zod";
import { CsrfInput, Field, FormError, isFailure } from "~/components/forms";
import { OrderStatusBadge } from "~/components/order-status";
import { Price } from "~/components/price";
import { awaitingTransfers, confirmBankTransfer } from "~/domain/payments/payments.server";
import { formatDateTime } from "~/lib/format";
import { formError, parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { moneyField } from "~/domain/money/fields";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["checkout", "fulfilmentStatus", "order", "orderStatus", "payments", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  return { locale: routeLocale(params), orders: await awaitingTransfers() };
}

const schema = z.object({
  orderId: z.string().min(1).max(40),
  received: moneyField("IDR"),
});

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireRole(request, "STAFF", "ADMIN");
  const parsed = await parseForm(request, schema);
  if (!parsed.ok) return parsed.response;
  const outcome = await confirmBankTransfer(staff.id, parsed.data.orderId, parsed.data.received);
  if (outcome === "paid") return { ok: true as const, outcome };
  return formError(outcome === "unknown-order" ? 404 : 409, parsed.form, `payments.outcome.${outcome}`);
}

export default function TradePayments() {
  const { locale, orders } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  return (
    <div className="container">
      <h1>{t("payments.title")}</h1>
      <p>{t("payments.intro")}</p>
      {actionData && "outcome" in actionData && (
        <p className="notice" role="status">
          {t("payments.outcome.paid")}
        </p>
      )}
      {orders.length === 0 && <p>{t("payments.none")}</p>}
      {orders.map((o) => {
        const mine = failure?.values.orderId === o.id ? failure : undefined;
        return (
          <article key={o.id} className="parcel" data-testid="awaiting-transfer">
            <h2>
              <Link to={localePath(`/trade/orders/${o.number}`, locale)}>{o.number}</Link>{" "}
              <OrderStatusBadge status={o.status} />
            </h2>
            <p>
              {o.shippingName} · {o.email}
            </p>
            <p>
              {t("payments.expect")}:{" "}
              <strong>{o.transferAmount !== null && <Price amount={o.transferAmount} currency={o.currency} />}</strong>{" "}
              <span className="meta">
                ({t("checkout.total")} <Price amount={o.totalAmount} currency={o.currency} />)
              </span>
            </p>
            {o.reservedUntil && (
              <p className="meta">{t("payments.holdUntil", { date: formatDateTime(o.reservedUntil, locale) })}</p>
            )}
            {o.status === "CANCELLED" && <p className="meta">{t("payments.expiredNote")}</p>}
            <Form method="post" noValidate>
              <CsrfInput />
              <FormError failure={mine} />
              <input type="hidden" name="orderId" value={o.id} />
              <Field
                idPrefix={`${o.id}-`}
                name="received"
                inputMode="numeric"
                label={t("payments.received")}
                hint={t("payments.receivedHint")}
                failure={mine}
                required
              />
              <button type="submit">{t("payments.confirm")}</button>
            </Form>
          </article>
        );
      })}
    </div>
  );
}
