import { isUnpaid } from "~/domain/orders/status";
import { orderPartsView } from "~/domain/orders/lines";
import { addressText } from "~/domain/orders/index.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { z } from "zod";
import { CsrfInput, FormError, isFailure } from "~/components/forms";
import { OrderParcels, OrderStatusBadge } from "~/components/order-parts";
import { Price } from "~/components/price";
import { cancelUnpaidOrder } from "~/domain/orders/cancellation.server";
import { orderForViewer } from "~/domain/orders/orders.server";
import { marketSettings } from "~/domain/orders/settings.server";
import { filesOf, formError, parseForm } from "~/lib/forms.server";
import { ComplaintRefused, openComplaint } from "~/domain/orders/complaints.server";
import { COMPLAINT_REASONS, COMPLAINT_REQUESTS, MAX_COMPLAINT_PHOTOS } from "~/domain/orders/complaint-options";
import { ImageRefused } from "~/domain/media/index.server";
import { CompletionRefused, confirmReceipt } from "~/domain/orders/completion.server";
import { courierLinks } from "~/domain/shipping/index.server";
import { formatDate, formatDateTime } from "~/lib/format";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { getUser, hasRole } from "~/lib/session.server";
import { MAX_REVIEW_PHOTOS, ReviewRefused, reviewablePurchases, writeReview } from "~/domain/reviews/reviews.server";
import { ReviewForms } from "~/components/reviews";
import { GatewayPayment } from "~/components/gateway-payment";
import { syncGatewayPayment } from "~/domain/payments/payments.server";
import QRCode from "qrcode";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = {
  i18n: ["cart", "checkout", "complaint", "fulfilmentStatus", "order", "orderStatus", "review", "units", "workErrors"],
};

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

async function viewerOrder(request: Request, number: string) {
  const user = await getUser(request);
  const key = new URL(request.url).searchParams.get("key");
  const order = await orderForViewer(number, { userId: user?.id ?? null, key, staff: hasRole(user, "STAFF", "ADMIN") });
  if (!order) throw new Response("Not found", { status: 404 });
  return { order, user };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = routeLocale(params);
  const { order, user } = await viewerOrder(request, params.number ?? "");
  const bank = order.status === "AWAITING_PAYMENT" ? await marketSettings() : null;
  // reviews are written by the signed-in buyer of the order, for what reached it
  const purchases = user && order.buyerId === user.id ? await reviewablePurchases(user.id, order.id, locale) : [];
  const returning = new URL(request.url).searchParams.get("paid") === "1";
  return {
    locale,
    returning,
    bank: bank ? { name: bank.bankName, accountNo: bank.bankAccountNo, holder: bank.bankAccountName } : null,
    order: {
      number: order.number,
      status: order.status,
      createdAt: order.createdAt,
      paymentMethod: order.paymentMethod,
      currency: order.currency,
      subtotal: order.subtotalAmount,
      shipping: order.shippingAmount,
      discount: order.discountAmount,
      voucherCode: order.voucherCode,
      total: order.totalAmount,
      transferAmount: order.transferAmount,
      reference: order.paymentReference,
      reservedUntil: order.reservedUntil,
      payUrl: order.status === "PENDING_PAYMENT" ? order.stripeCheckoutUrl : null,
      gateway:
        order.status === "PENDING_PAYMENT" && order.gatewayRequestId
          ? {
              channel: order.gatewayChannel,
              vaNumber: order.gatewayVaNumber,
              expiresAt: order.gatewayExpiresAt,
              // the QR drawn on the server: the page works before (and without) JavaScript
              qrSvg: order.gatewayQrString
                ? await QRCode.toString(order.gatewayQrString, { type: "svg", margin: 2, errorCorrectionLevel: "M" })
                : null,
            }
          : null,
      cancelReason: order.cancelReason,
      shipTo: {
        name: order.shippingName,
        text: addressText(
          {
            address: order.shippingAddress,
            city: order.shippingCity,
            postcode: order.shippingPostcode,
            province: order.shippingProvince,
            country: order.shippingCountry,
          },
          locale,
        ),
      },
      ...orderPartsView(order, locale, await courierLinks()),
      viewerIsBuyer: order.viewerIsBuyer,
      refunds: order.refunds.map((r) => ({ id: r.id, amount: r.amount, createdAt: r.createdAt })),
    },
    purchases,
  };
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("cancel") }),
  z.object({ intent: z.literal("check") }),
  z.object({ intent: z.literal("received"), fulfilmentId: z.string().min(1).max(40) }),
]);

const reviewSchema = z.object({
  intent: z.literal("review"),
  productId: z.string().min(1).max(40),
  rating: z.coerce
    .number({ error: "review.errors.rating" })
    .int({ error: "review.errors.rating" })
    .min(1, { error: "review.errors.rating" })
    .max(5, { error: "review.errors.rating" }),
  body: z.string().trim().min(1, { error: "review.errors.body" }).max(2000, { error: "review.errors.body" }),
});

const complaintSchema = z.object({
  intent: z.literal("complain"),
  fulfilmentId: z.string().min(1).max(40),
  reason: z.enum(COMPLAINT_REASONS, { error: "errors.invalidChoice" }),
  details: z
    .string()
    .trim()
    .min(1, { error: "complaint.errors.details" })
    .max(2000, { error: "complaint.errors.details" }),
  requested: z.enum(COMPLAINT_REQUESTS, { error: "errors.invalidChoice" }),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { order, user } = await viewerOrder(request, params.number ?? "");
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    if (!order.viewerIsBuyer) throw new Response("Forbidden", { status: 403 });
    const parsed = await parseForm(request, z.discriminatedUnion("intent", [complaintSchema, reviewSchema]), {
      multipart: true,
    });
    if (!parsed.ok) return parsed.response;
    const photos = await filesOf(parsed.form, "photos");
    if (parsed.data.intent === "review") {
      // a review is the signed-in buyer's own, not a guest link's
      if (!user || order.buyerId !== user.id) throw new Response("Forbidden", { status: 403 });
      if (photos.length > MAX_REVIEW_PHOTOS)
        return formError(400, parsed.form, "workErrors.tooManyPhotos", {}, { max: MAX_REVIEW_PHOTOS });
      try {
        const { productId, rating, body } = parsed.data;
        await writeReview(user.id, productId, { rating, body }, photos);
        return { ok: true as const, reviewed: productId };
      } catch (err) {
        if (err instanceof ReviewRefused) return formError(409, parsed.form, `review.refused.${err.reason}`);
        if (err instanceof ImageRefused)
          return formError(err.reason === "too-large" ? 413 : 415, parsed.form, `workErrors.image_${err.reason}`);
        throw err;
      }
    }
    if (photos.length > MAX_COMPLAINT_PHOTOS)
      return formError(400, parsed.form, "workErrors.tooManyPhotos", {}, { max: MAX_COMPLAINT_PHOTOS });
    const { fulfilmentId, intent: _intent, ...input } = parsed.data;
    try {
      await openComplaint(order.id, fulfilmentId, input, photos);
      return { ok: true as const, complained: true };
    } catch (err) {
      if (err instanceof ComplaintRefused) return formError(409, parsed.form, `complaint.refused.${err.reason}`);
      if (err instanceof ImageRefused)
        return formError(err.reason === "too-large" ? 413 : 415, parsed.form, `workErrors.image_${err.reason}`);
      throw err;
    }
  }
  const parsed = await parseForm(request, schema);
  if (!parsed.ok) return parsed.response;
  if (parsed.data.intent === "received") {
    // only the buyer (signed in, or holding the order's link) says a parcel arrived; staff looking on cannot
    if (!order.viewerIsBuyer) throw new Response("Forbidden", { status: 403 });
    try {
      await confirmReceipt(order.id, parsed.data.fulfilmentId, user?.id ?? null);
      return { ok: true as const, received: true };
    } catch (err) {
      if (err instanceof CompletionRefused) return formError(409, null, "order.receiptRefused");
      throw err;
    }
  }
  if (parsed.data.intent === "check") {
    // "I have paid": ask the gateway now rather than wait for its callback
    await syncGatewayPayment(order.id);
    return { ok: true as const, checked: true };
  }
  const done = await cancelUnpaidOrder(order.id, user?.id ?? null, "buyer");
  return { ok: done };
}

export default function OrderPage() {
  const { locale, order, bank, returning, purchases } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  const unpaid = isUnpaid(order.status);
  return (
    <div className="container wide">
      <h1>{t("order.title", { number: order.number })}</h1>
      <p>
        <OrderStatusBadge status={order.status} /> <span className="meta">{formatDate(order.createdAt, locale)}</span>
      </p>
      {returning && order.status === "PENDING_PAYMENT" && (
        <p className="notice" role="status">
          {t("order.confirmingPayment")}
        </p>
      )}
      {order.status === "CANCELLED" && order.cancelReason && (
        <p className="form-error">
          {t(`order.cancelReason.${order.cancelReason}`, { defaultValue: t("order.cancelled") })}
        </p>
      )}
      {order.status === "AWAITING_PAYMENT" && bank && order.transferAmount !== null && (
        <section className="transfer" aria-labelledby="transfer-h" data-testid="transfer-instructions">
          <h2 id="transfer-h">{t("order.transferTitle")}</h2>
          <p>{t("order.transferIntro")}</p>
          <dl className="facts">
            <dt>{t("order.transferAmount")}</dt>
            <dd>
              <strong data-testid="transfer-amount">
                <Price amount={order.transferAmount} currency={order.currency} />
              </strong>
            </dd>
            <dt>{t("order.bank")}</dt>
            <dd>{bank.name}</dd>
            <dt>{t("order.accountNo")}</dt>
            <dd>{bank.accountNo}</dd>
            <dt>{t("order.accountHolder")}</dt>
            <dd>{bank.holder}</dd>
            <dt>{t("order.reference")}</dt>
            <dd>{order.reference}</dd>
            {order.reservedUntil && (
              <>
                <dt>{t("order.payBefore")}</dt>
                <dd>{formatDateTime(order.reservedUntil, locale)}</dd>
              </>
            )}
          </dl>
          <p className="meta">{t("order.transferExact")}</p>
        </section>
      )}
      {order.gateway && (
        <GatewayPayment
          gateway={order.gateway}
          amount={order.total}
          currency={order.currency}
          locale={locale}
          checked={!!(actionData && "checked" in actionData)}
        />
      )}
      {order.payUrl && (
        <p>
          <a href={order.payUrl} className="button">
            {t("order.payNow")}
          </a>
        </p>
      )}
      <FormError failure={failure} />
      {actionData && "complained" in actionData && (
        <p className="notice" role="status" data-testid="complaint-notice">
          {t("complaint.opened")}
        </p>
      )}
      {actionData && "received" in actionData && (
        <p className="notice" role="status" data-testid="received-notice">
          {t("order.receivedDone")}
        </p>
      )}
      <OrderParcels order={order} locale={locale} canConfirm={order.viewerIsBuyer} />
      <table className="summary">
        <tbody>
          <tr>
            <th scope="row">{t("cart.subtotal")}</th>
            <td className="num">
              <Price amount={order.subtotal} currency={order.currency} />
            </td>
          </tr>
          <tr>
            <th scope="row">{t("checkout.shipping")}</th>
            <td className="num">
              <Price amount={order.shipping} currency={order.currency} />
            </td>
          </tr>
          {order.voucherCode && (
            <tr>
              <th scope="row">{t("checkout.discount", { code: order.voucherCode })}</th>
              <td className="num" data-testid="order-discount">
                −<Price amount={order.discount} currency={order.currency} />
              </td>
            </tr>
          )}
          <tr>
            <th scope="row">{t("checkout.total")}</th>
            <td className="num">
              <Price amount={order.total} currency={order.currency} />
            </td>
          </tr>
          {order.refunds.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                {t("order.refunded")} ({formatDate(r.createdAt, locale)})
              </th>
              <td className="num">
                −<Price amount={r.amount} currency={order.currency} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ReviewForms
        purchases={purchases}
        failure={failure}
        saved={(actionData && "reviewed" in actionData ? actionData.reviewed : null) ?? null}
        locale={locale}
      />
      <h2>{t("order.shipTo")}</h2>
      <p data-testid="ship-to">
        {order.shipTo.name}
        <br />
        {order.shipTo.text}
      </p>
      {unpaid && (
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="cancel" />
          <button type="submit" className="link-button">
            {t("order.cancel")}
          </button>
        </Form>
      )}
      <p>
        <Link to={localePath("/account/orders", locale)}>{t("order.allOrders")}</Link>
      </p>
    </div>
  );
}
