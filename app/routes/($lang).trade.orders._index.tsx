import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { OrderStatusBadge } from "~/components/order-status";
import { Price } from "~/components/price";
import { staffOrders } from "~/domain/orders/orders.server";
import { openComplaints } from "~/domain/orders/complaints.server";
import { OrderStatus } from "~/generated/prisma/enums";
import { formatDate } from "~/lib/format";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = {
  i18n: ["checkout", "complaint", "fulfilmentStatus", "order", "orderStatus", "tradeOrders", "units"],
};

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

const STATUSES = Object.values(OrderStatus);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  const url = new URL(request.url);
  const status = STATUSES.find((s) => s === url.searchParams.get("status"));
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  return {
    locale: routeLocale(params),
    status: status ?? "",
    q,
    statuses: STATUSES,
    orders: await staffOrders({ status, q: q || undefined }),
    complaints: (await openComplaints()).map((c) => ({
      id: c.id,
      number: c.fulfilment.order.number,
      producer: c.fulfilment.producer.legalName,
      reason: c.reason,
      status: c.status,
      createdAt: c.createdAt,
    })),
  };
}

export default function TradeOrders() {
  const { locale, orders, status, q, statuses, complaints } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container">
      <h1>{t("tradeOrders.title")}</h1>
      <section aria-labelledby="complaints-h" data-testid="complaint-queue">
        <h2 id="complaints-h">{t("complaint.queue")}</h2>
        {complaints.length === 0 ? (
          <p className="meta">{t("complaint.queueEmpty")}</p>
        ) : (
          <ul>
            {complaints.map((c) => (
              <li key={c.id}>
                <Link to={localePath(`/trade/orders/${c.number}`, locale)}>{c.number}</Link> — {c.producer} ·{" "}
                {t(`complaint.reason.${c.reason}`)} · {t(`complaint.status.${c.status}`)} ·{" "}
                {t("complaint.since", { date: formatDate(c.createdAt, locale) })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <Form method="get" className="row-actions">
        <label htmlFor="o-q" className="visually-hidden">
          {t("tradeOrders.search")}
        </label>
        <input id="o-q" name="q" defaultValue={q} placeholder={t("tradeOrders.search")} />
        <label htmlFor="o-status" className="visually-hidden">
          {t("tradeOrders.status")}
        </label>
        <select id="o-status" name="status" defaultValue={status}>
          <option value="">{t("tradeOrders.allStatuses")}</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {t(`orderStatus.${s}`)}
            </option>
          ))}
        </select>
        <button type="submit">{t("tradeOrders.filter")}</button>
      </Form>
      <table className="variants">
        <thead>
          <tr>
            <th scope="col">{t("tradeOrders.number")}</th>
            <th scope="col">{t("tradeOrders.buyer")}</th>
            <th scope="col">{t("tradeOrders.status")}</th>
            <th scope="col">{t("checkout.payment")}</th>
            <th scope="col">{t("checkout.total")}</th>
            <th scope="col">{t("tradeOrders.date")}</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.id}>
              <td>
                <Link to={localePath(`/trade/orders/${o.number}`, locale)}>{o.number}</Link>
              </td>
              <td>{o.email}</td>
              <td>
                <OrderStatusBadge status={o.status} />
              </td>
              <td>{t(`checkout.method.${o.paymentMethod}`)}</td>
              <td>
                <Price amount={o.totalAmount} currency={o.currency} />
              </td>
              <td>{formatDate(o.createdAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
