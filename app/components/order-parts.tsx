import { useTranslation } from "~/lib/translate";
import { formatDate } from "~/lib/format";
import type { AppLocale } from "~/lib/i18n";
import { Form } from "@remix-run/react";
import { CsrfInput } from "./forms";
import { ComplaintBox, ComplaintForm, type ComplaintView } from "./complaint";
import { Price } from "./price";
export { OrderStatusBadge } from "./order-status";

type Line = {
  id: string;
  name: string;
  variant: string;
  sku: string;
  producer: string;
  producerId: string;
  quantity: number;
  refundedQty: number;
  lineAmount: bigint;
  fulfilmentId: string | null;
};
type Parcel = {
  id: string;
  producerId: string;
  producer: string;
  status: string;
  carrier: string | null;
  tracking: string | null;
  trackingUrl: string | null;
  shippedAt: string | Date | null;
  autoCompleteAt: string | Date | null;
  completedAt: string | Date | null;
  complaint: ComplaintView | null;
};

type Shipment = {
  producerId: string;
  service: string;
  amount: bigint;
  free: boolean;
  chargedKg: number;
  etaMinDays: number;
  etaMaxDays: number;
};

/** An order's parts: one parcel per producer once paid (with its status and tracking), the lines grouped by producer before. */
export function OrderParcels({
  order,
  locale,
  canConfirm = false,
}: {
  order: { currency: string; lines: Line[]; parcels: Parcel[]; shipments: Shipment[] };
  locale?: AppLocale;
  /** the buyer's page: a parcel on its way gets the "received" button */
  canConfirm?: boolean;
}) {
  const { t } = useTranslation();
  const groups =
    order.parcels.length > 0
      ? order.parcels.map((p) => ({
          key: p.id,
          producerId: p.producerId,
          producer: p.producer,
          parcel: p,
          lines: order.lines.filter((l) => l.fulfilmentId === p.id),
        }))
      : [...new Set(order.lines.map((l) => l.producerId))].map((pid) => {
          const lines = order.lines.filter((l) => l.producerId === pid);
          return { key: pid, producerId: pid, producer: lines[0].producer, parcel: null, lines };
        });
  return (
    <section aria-labelledby="parcels-h">
      <h2 id="parcels-h">{t("order.parcels", { count: groups.length })}</h2>
      {groups.map((g) => (
        <div key={g.key} className="parcel" data-testid="parcel">
          <h3>
            {g.producer}{" "}
            <span className="status" data-testid="parcel-status">
              {g.parcel ? t(`fulfilmentStatus.${g.parcel.status}`) : t("fulfilmentStatus.UNPAID")}
            </span>
          </h3>
          {order.shipments
            .filter((s) => s.producerId === g.producerId)
            .map((s) => (
              <p key={s.producerId} className="meta" data-testid="parcel-service">
                {s.service} · {s.free ? t("order.freeShipping") : <Price amount={s.amount} currency={order.currency} />}{" "}
                · {t("order.chargedKg", { count: s.chargedKg })} ·{" "}
                {t("order.eta", { min: s.etaMinDays, max: s.etaMaxDays })}
              </p>
            ))}
          {g.parcel?.tracking && (
            <p data-testid="tracking">
              {t("order.tracking", { carrier: g.parcel.carrier ?? "", number: g.parcel.tracking })}
              {g.parcel.shippedAt && locale ? ` · ${formatDate(g.parcel.shippedAt, locale)}` : ""}
              {g.parcel.trackingUrl && (
                <>
                  {" · "}
                  <a href={g.parcel.trackingUrl} rel="noopener noreferrer" target="_blank">
                    {t("order.trackLink")}
                  </a>
                </>
              )}
            </p>
          )}
          {g.parcel && g.parcel.status === "COMPLETED" && g.parcel.completedAt && locale && (
            <p className="meta" data-testid="completed-at">
              {t("order.completedOn", { date: formatDate(g.parcel.completedAt, locale) })}
            </p>
          )}
          {g.parcel?.complaint && <ComplaintBox complaint={g.parcel.complaint} currency={order.currency} />}
          {g.parcel && !g.parcel.complaint && (g.parcel.status === "SHIPPED" || g.parcel.status === "DELIVERED") && (
            <div className="receipt" data-testid="receipt">
              {g.parcel.autoCompleteAt && locale && (
                <p className="meta">{t("order.autoComplete", { date: formatDate(g.parcel.autoCompleteAt, locale) })}</p>
              )}
              {canConfirm && (
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="intent" value="received" />
                  <input type="hidden" name="fulfilmentId" value={g.parcel.id} />
                  <button type="submit">{t("order.received")}</button>
                </Form>
              )}
              {canConfirm && <ComplaintForm fulfilmentId={g.parcel.id} />}
            </div>
          )}
          <ul>
            {g.lines.map((l) => (
              <li key={l.id}>
                {l.quantity} × {l.name}{" "}
                <span className="meta">
                  ({l.variant}, {l.sku})
                </span>{" "}
                — <Price amount={l.lineAmount} currency={order.currency} />
                {l.refundedQty > 0 && (
                  <span className="meta"> · {t("order.refundedUnits", { count: l.refundedQty })}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
