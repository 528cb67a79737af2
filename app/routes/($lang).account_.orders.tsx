import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { OrderStatusBadge } from "~/components/order-status";
import { Price } from "~/components/price";
import { buyerOrders } from "~/domain/orders/orders.server";
import { formatDate } from "~/lib/format";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { requireUser } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["fulfilmentStatus", "order", "orderStatus", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const orders = await buyerOrders(user.id);
  return {
    locale: routeLocale(params),
    orders: orders.map((o) => ({
      number: o.number,
      status: o.status,
      createdAt: o.createdAt,
      total: o.totalAmount,
      currency: o.currency,
      parcels: o.fulfilments.map((f) => ({
        id: f.id,
        producer: f.producer.legalName,
        status: f.status,
        carrier: f.carrier,
        tracking: f.trackingNumber,
      })),
    })),
  };
}

export default function MyOrders() {
  const { locale, orders } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="container wide">
      <h1>{t("order.mine")}</h1>
      {orders.length === 0 && <p>{t("order.none")}</p>}
      {orders.map((o) => (
        <article key={o.number} className="parcel" data-testid="my-order">
          <h2>
            <Link to={localePath(`/orders/${o.number}`, locale)}>{o.number}</Link>{" "}
            <OrderStatusBadge status={o.status} />
          </h2>
          <p className="meta">
            {formatDate(o.createdAt, locale)} · <Price amount={o.total} currency={o.currency} />
          </p>
          {o.parcels.length > 0 && (
            <ul>
              {o.parcels.map((p) => (
                <li key={p.id}>
                  {p.producer}: <span data-testid="parcel-status">{t(`fulfilmentStatus.${p.status}`)}</span>
                  {p.tracking && ` · ${t("order.tracking", { carrier: p.carrier ?? "", number: p.tracking })}`}
                </li>
              ))}
            </ul>
          )}
        </article>
      ))}
    </div>
  );
}
