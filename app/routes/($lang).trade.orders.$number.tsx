import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { orderPartsView } from "~/domain/orders/lines";
import { courierLinks } from "~/domain/shipping/index.server";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { canCancel, isRefundable, isUnpaid } from "~/domain/orders/status";
import { useTranslation } from "~/lib/translate";
import { z } from "zod";
import { CsrfInput, Field, FormError, isFailure } from "~/components/forms";
import { OrderParcels, OrderStatusBadge } from "~/components/order-parts";
import { Price } from "~/components/price";
import { cancelUnpaidOrder } from "~/domain/orders/cancellation.server";
import { orderForViewer } from "~/domain/orders/orders.server";
import { cancelPaidOrder, executeCardRefunds, refundLines, RefundRefused } from "~/domain/orders/refunds.server";
import { ComplaintRefused, decideComplaint } from "~/domain/orders/complaints.server";
import { formatDate } from "~/lib/format";
import { formError, parseForm } from "~/lib/forms.server";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = {
  i18n: ["checkout", "complaint", "fulfilmentStatus", "order", "orderStatus", "tradeOrders", "units"],
};

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

async function staffOrder(request: Request, number: string) {
  const staff = await requireRole(request, "STAFF", "ADMIN");
  const order = await orderForViewer(number, { userId: staff.id, key: null, staff: true });
  if (!order) throw new Response("Not found", { status: 404 });
  return { staff, order };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { order } = await staffOrder(request, params.number ?? "");
  const locale = routeLocale(params);
  return {
    locale,
    order: {
      id: order.id,
      number: order.number,
      email: order.email,
      status: order.status,
      paymentMethod: order.paymentMethod,
      currency: order.currency,
      total: order.totalAmount,
      createdAt: order.createdAt,
      ...orderPartsView(order, locale, await courierLinks()),
      refunds: order.refunds.map((r) => ({
        id: r.id,
        amount: r.amount,
        reason: r.reason,
        externalId: r.externalId,
        createdAt: r.createdAt,
      })),
      payments: order.payments.map((p) => ({
        id: p.id,
        method: p.method,
        amount: p.amount,
        externalId: p.externalId,
        createdAt: p.createdAt,
      })),
    },
  };
}

const reason = z.string().trim().min(3, { error: "workErrors.reasonRequired" }).max(300, { error: "errors.tooLong" });
/** Units to refund per order line (`qty:<line id>` or `cq:<line id>` in the form). */
const quantities = z.record(
  z.string(),
  z.coerce.number({ error: "errors.quantity" }).int({ error: "errors.quantity" }).min(0, { error: "errors.quantity" }),
);

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("cancel"), reason }),
  z.object({
    intent: z.literal("refund"),
    reason,
    lines: quantities,
  }),
  z.object({ intent: z.literal("retry-refunds") }),
  z.object({
    intent: z.literal("decide"),
    complaintId: z.string().min(1).max(40),
    decision: z.enum(["refund", "reject"], { error: "errors.invalidChoice" }),
    note: z.string().trim().min(3, { error: "complaint.errors.note" }).max(500, { error: "complaint.errors.note" }),
    lines: quantities,
  }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, order } = await staffOrder(request, params.number ?? "");
  const parsed = await parseForm(request, schema, {
    shape: (form) => {
      const prefix = form.get("intent") === "decide" ? "cq:" : "qty:";
      return {
        intent: form.get("intent"),
        reason: form.get("reason"),
        complaintId: form.get("complaintId"),
        decision: form.get("decision"),
        note: form.get("note"),
        lines: Object.fromEntries(
          [...form.entries()]
            .filter(([k]) => k.startsWith(prefix))
            .map(([k, v]) => [k.slice(prefix.length), v === "" ? 0 : v]),
        ),
      };
    },
  });
  if (!parsed.ok) return parsed.response;
  try {
    const d = parsed.data;
    if (d.intent === "retry-refunds") {
      const pending = await executeCardRefunds(order.id);
      return pending
        ? formError(502, parsed.form, "tradeOrders.refundsPending", {}, { count: pending })
        : { ok: true as const, done: d.intent };
    }
    if (d.intent === "decide") {
      const selection = Object.entries(d.lines).map(([lineId, quantity]) => ({ lineId, quantity }));
      await decideComplaint(
        staff.id,
        d.complaintId,
        d.decision === "refund" ? { kind: "refund", selection } : { kind: "reject" },
        d.note,
      );
      return { ok: true as const, decided: true };
    }
    if (d.intent === "cancel") {
      if (isUnpaid(order.status)) await cancelUnpaidOrder(order.id, staff.id, "staff");
      else await cancelPaidOrder(staff.id, order.id, d.reason);
    } else {
      await refundLines(
        staff.id,
        order.id,
        Object.entries(d.lines).map(([lineId, quantity]) => ({ lineId, quantity })),
        d.reason,
      );
    }
    return { ok: true as const, done: d.intent };
  } catch (err) {
    if (err instanceof RefundRefused) return formError(409, parsed.form, `tradeOrders.refused.${err.reason}`);
    if (err instanceof ComplaintRefused) return formError(409, parsed.form, `complaint.refused.${err.reason}`);
    throw err;
  }
}

/** How many units of a line to refund (`qty:` for a refund, `cq:` for a complaint's decision; all of them by default there). */
function RefundQuantity(props: {
  line: { id: string; quantity: number; refundedQty: number };
  prefix: "qty" | "cq";
  failure?: { values: Record<string, string> };
  all?: boolean;
  children: React.ReactNode;
}) {
  const { line: l, prefix } = props;
  const left = l.quantity - l.refundedQty;
  return (
    <div className="field">
      <label htmlFor={`${prefix}-${l.id}`}>{props.children}</label>
      <input
        id={`${prefix}-${l.id}`}
        name={`${prefix}:${l.id}`}
        type="number"
        inputMode="numeric"
        min={0}
        max={left}
        defaultValue={props.failure?.values[`${prefix}:${l.id}`] ?? (props.all ? String(left) : "0")}
        className="qty"
      />
    </div>
  );
}

export default function TradeOrder() {
  const { locale, order } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  const refundable = isRefundable(order.status);
  const cancellable = canCancel(order);
  const pendingRefunds = order.paymentMethod === "STRIPE" && order.refunds.some((r) => !r.externalId);
  return (
    <div className="container wide">
      <h1>{t("order.title", { number: order.number })}</h1>
      <p>
        <OrderStatusBadge status={order.status} /> {order.email} · {t(`checkout.method.${order.paymentMethod}`)} ·{" "}
        <Price amount={order.total} currency={order.currency} /> · {formatDate(order.createdAt, locale)}
      </p>
      {actionData && "done" in actionData && (
        <p className="notice" role="status">
          {t(`tradeOrders.done.${actionData.done}`)}
        </p>
      )}
      {actionData && "decided" in actionData && (
        <p className="notice" role="status" data-testid="complaint-decided">
          {t("complaint.decided")}
        </p>
      )}
      <FormError failure={failure} />
      <OrderParcels order={order} locale={locale} />
      {order.parcels
        .filter((p) => p.complaint && (p.complaint.status === "OPEN" || p.complaint.status === "ANSWERED"))
        .map((p) => (
          <Form key={p.id} method="post" noValidate className="fieldset" data-testid="decide-complaint">
            <CsrfInput />
            <input type="hidden" name="intent" value="decide" />
            <input type="hidden" name="complaintId" value={p.complaint!.id} />
            <h2>
              {t("complaint.decide")} — {p.producer}
            </h2>
            <label className="choice">
              <input type="radio" name="decision" value="refund" defaultChecked /> {t("complaint.decideRefund")}
            </label>
            {order.lines
              .filter((l) => l.fulfilmentId === p.id && l.quantity > l.refundedQty)
              .map((l) => (
                <RefundQuantity key={l.id} line={l} prefix="cq" failure={failure} all>
                  {t("complaint.refundUnits", { name: `${l.name} (${l.variant})` })} —{" "}
                  {t("tradeOrders.refundable", { count: l.quantity - l.refundedQty })}
                </RefundQuantity>
              ))}
            <label className="choice">
              <input type="radio" name="decision" value="reject" /> {t("complaint.decideReject")}
            </label>
            <Field
              idPrefix={`decide-${p.id}-`}
              name="note"
              label={t("complaint.note")}
              failure={failure?.values.intent === "decide" ? failure : undefined}
              required
            />
            <button type="submit">{t("complaint.decideSubmit")}</button>
          </Form>
        ))}
      <h2>{t("tradeOrders.money")}</h2>
      <ul>
        {order.payments.map((p) => (
          <li key={p.id}>
            {t("tradeOrders.paymentLine", { method: t(`checkout.method.${p.method}`), ref: p.externalId ?? "" })}{" "}
            <Price amount={p.amount} currency={order.currency} />
          </li>
        ))}
        {order.refunds.map((r) => (
          <li key={r.id}>
            {t("order.refunded")} <Price amount={r.amount} currency={order.currency} /> — {r.reason}{" "}
            {order.paymentMethod === "STRIPE" && !r.externalId && <strong>{t("tradeOrders.refundPending")}</strong>}
            {order.paymentMethod === "BANK_TRANSFER" && (
              <span className="meta"> · {t("tradeOrders.refundByTransfer")}</span>
            )}
          </li>
        ))}
      </ul>
      {pendingRefunds && (
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="retry-refunds" />
          <button type="submit">{t("tradeOrders.retryRefunds")}</button>
        </Form>
      )}
      {refundable && (
        <Form method="post" noValidate className="fieldset">
          <CsrfInput />
          <h2>{t("tradeOrders.refundTitle")}</h2>
          <p className="meta">{t("tradeOrders.refundHint")}</p>
          {order.lines
            .filter((l) => l.quantity > l.refundedQty)
            .map((l) => (
              <RefundQuantity key={l.id} line={l} prefix="qty" failure={failure}>
                {l.name} ({l.variant}) — {t("tradeOrders.refundable", { count: l.quantity - l.refundedQty })} ×{" "}
                <Price amount={l.unitAmount} currency={order.currency} />
              </RefundQuantity>
            ))}
          <Field
            idPrefix="refund-"
            name="reason"
            label={t("tradeOrders.reason")}
            failure={failure?.values.intent === "refund" ? failure : undefined}
            required
          />
          <button type="submit" name="intent" value="refund">
            {t("tradeOrders.refund")}
          </button>
        </Form>
      )}
      {cancellable && (
        <Form method="post" noValidate className="fieldset">
          <CsrfInput />
          <h2>{t("tradeOrders.cancelTitle")}</h2>
          <p className="meta">
            {t(order.status === "PAID" ? "tradeOrders.cancelPaidHint" : "tradeOrders.cancelUnpaidHint")}
          </p>
          <Field
            idPrefix="cancel-"
            name="reason"
            label={t("tradeOrders.reason")}
            failure={failure?.values.intent === "cancel" ? failure : undefined}
            required
          />
          <button type="submit" name="intent" value="cancel">
            {t("tradeOrders.cancel")}
          </button>
        </Form>
      )}
    </div>
  );
}
