import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { lineLabel } from "~/domain/orders/lines";
import { addressText } from "~/domain/orders/address";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { z } from "zod";
import { CsrfInput, Field, FormError, isFailure } from "~/components/forms";
import { Price } from "~/components/price";
import { FulfilmentRefused, markPacked, markShipped, producerFulfilments } from "~/domain/orders/fulfilment.server";
import { parcelMoney } from "~/domain/ledger/index.server";
import { answerComplaint, ComplaintRefused } from "~/domain/orders/complaints.server";
import { complaintView } from "~/domain/orders/lines";
import { ComplaintBox } from "~/components/complaint";
import { requireProducerMember } from "~/lib/producer-access.server";
import { formatDate } from "~/lib/format";
import { formError, parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["complaint", "fulfilmentStatus", "order", "sell", "sellOrders", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = routeLocale(params);
  const { producer } = await requireProducerMember(request, locale);
  const view = new URL(request.url).searchParams.get("view") === "done" ? "done" : "open";
  const found = await producerFulfilments(producer.id, view);
  const money = await parcelMoney(
    producer.id,
    found.map((f) => f.id),
  );
  const parcels = found.map((f) => ({
    ...f,
    shipment: f.shipment && {
      courier: f.shipment.service.courier.name,
      service: locale === "en" ? f.shipment.service.nameEn : f.shipment.service.nameId,
      chargedKg: f.shipment.chargedKg,
    },
    money: money.get(f.id) ?? null,
    complaint: f.complaint ? complaintView(f.complaint) : null,
  }));
  return { locale, view, parcels };
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("pack"), fulfilmentId: z.string().min(1).max(40) }),
  z.object({
    intent: z.literal("answer"),
    fulfilmentId: z.string().min(1).max(40),
    complaintId: z.string().min(1).max(40),
    answer: z
      .string()
      .trim()
      .min(1, { error: "complaint.errors.answer" })
      .max(2000, { error: "complaint.errors.answer" }),
  }),
  z.object({
    intent: z.literal("ship"),
    fulfilmentId: z.string().min(1).max(40),
    carrier: z.string().trim().min(2, { error: "errors.required" }).max(40, { error: "errors.tooLong" }),
    trackingNumber: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{6,40}$/, { error: "workErrors.tracking" }),
  }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = routeLocale(params);
  const { user, producer } = await requireProducerMember(request, locale);
  const parsed = await parseForm(request, schema);
  if (!parsed.ok) return parsed.response;
  try {
    if (parsed.data.intent === "answer") {
      await answerComplaint(producer.id, user.id, parsed.data.complaintId, parsed.data.answer);
      return { ok: true as const, done: "answer" as const };
    }
    if (parsed.data.intent === "pack") await markPacked(producer.id, user.id, parsed.data.fulfilmentId);
    else
      await markShipped(
        producer.id,
        user.id,
        parsed.data.fulfilmentId,
        parsed.data.carrier,
        parsed.data.trackingNumber,
      );
  } catch (err) {
    if (err instanceof FulfilmentRefused) return formError(409, parsed.form, "sellOrders.refused");
    if (err instanceof ComplaintRefused) return formError(409, parsed.form, `complaint.refused.${err.reason}`);
    throw err;
  }
  return { ok: true as const, done: parsed.data.intent };
}

export default function SellOrders() {
  const { locale, view, parcels } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  const lp = (p: string) => localePath(p, locale);
  return (
    <div className="container wide">
      <h1>{t("sellOrders.title")}</h1>
      <p className="meta">{t("sell.moneyHint")}</p>
      <nav className="subnav" aria-label={t("sellOrders.title")}>
        <Link to={lp("/sell/orders")} aria-current={view === "open" ? "page" : undefined}>
          {t("sellOrders.open")}
        </Link>
        <Link to={`${lp("/sell/orders")}?view=done`} aria-current={view === "done" ? "page" : undefined}>
          {t("sellOrders.done")}
        </Link>
        <Link to={lp("/sell")}>{t("sell.dashboardTitle")}</Link>
      </nav>
      {actionData && "done" in actionData && (
        <p className="notice" role="status">
          {t(`sellOrders.saved.${actionData.done}`)}
        </p>
      )}
      {parcels.length === 0 && <p>{t("sellOrders.none")}</p>}
      {parcels.map((f) => {
        const mine = failure?.values.fulfilmentId === f.id ? failure : undefined;
        return (
          <article key={f.id} className="parcel" data-testid="fulfilment">
            <h2>
              {f.order.number} <span className="status">{t(`fulfilmentStatus.${f.status}`)}</span>
            </h2>
            <p className="meta">
              {f.order.paidAt ? t("sellOrders.paidOn", { date: formatDate(f.order.paidAt, locale) }) : null}
            </p>
            <ul>
              {f.lines.map((l) => (
                <li key={l.id}>
                  {l.quantity - l.refundedQty} × {lineLabel(l, locale)} — <Price amount={l.lineAmount} currency="IDR" />
                </li>
              ))}
            </ul>
            <p>
              <strong>{t("order.shipTo")}:</strong> {f.order.shippingName}, {f.order.shippingPhone},{" "}
              {addressText(
                {
                  address: f.order.shippingAddress,
                  city: f.order.shippingCity,
                  postcode: f.order.shippingPostcode,
                  province: f.order.shippingProvince,
                  country: f.order.shippingCountry,
                },
                locale,
              )}
            </p>
            {f.shipment && (
              <p data-testid="parcel-service">
                {f.shipment.courier} — {f.shipment.service} · {t("order.chargedKg", { count: f.shipment.chargedKg })}
              </p>
            )}
            {f.trackingNumber && <p>{t("order.tracking", { carrier: f.carrier ?? "", number: f.trackingNumber })}</p>}
            {f.complaint && <ComplaintBox complaint={f.complaint} currency="IDR" />}
            {f.complaint?.status === "OPEN" && (
              <Form method="post" noValidate data-testid="answer-complaint">
                <CsrfInput />
                <FormError failure={mine} />
                <input type="hidden" name="intent" value="answer" />
                <input type="hidden" name="fulfilmentId" value={f.id} />
                <input type="hidden" name="complaintId" value={f.complaint.id} />
                <div className="field">
                  <label htmlFor={`${f.id}-answer`}>{t("complaint.answerLabel")}</label>
                  <textarea id={`${f.id}-answer`} name="answer" rows={3} maxLength={2000} required />
                </div>
                <button type="submit">{t("complaint.answerSubmit")}</button>
              </Form>
            )}
            {f.money && (
              <dl className="facts" data-testid="parcel-money">
                <dt>{t("sell.moneyPending")}</dt>
                <dd>
                  <Price amount={f.money.pending} currency="IDR" />
                </dd>
                <dt>{t("sell.moneyPayable")}</dt>
                <dd>
                  <Price amount={f.money.payable} currency="IDR" />
                </dd>
                <dt>{t("sell.moneyPaid")}</dt>
                <dd>
                  <Price amount={f.money.paid} currency="IDR" />
                </dd>
              </dl>
            )}
            {(f.status === "PENDING" || f.status === "PACKED") && (
              <div className="row-actions">
                {f.status === "PENDING" && (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="pack" />
                    <input type="hidden" name="fulfilmentId" value={f.id} />
                    <button type="submit">{t("sellOrders.markPacked")}</button>
                  </Form>
                )}
                <Form method="post" noValidate className="ship-form">
                  <CsrfInput />
                  <FormError failure={mine} />
                  <input type="hidden" name="intent" value="ship" />
                  <input type="hidden" name="fulfilmentId" value={f.id} />
                  <Field
                    idPrefix={`${f.id}-`}
                    name="carrier"
                    label={t("sellOrders.carrier")}
                    hint={t("sellOrders.carrierHint")}
                    defaultValue={f.shipment?.courier}
                    failure={mine}
                    required
                  />
                  <Field
                    idPrefix={`${f.id}-`}
                    name="trackingNumber"
                    label={t("sellOrders.trackingNumber")}
                    failure={mine}
                    required
                  />
                  <button type="submit">{t("sellOrders.markShipped")}</button>
                </Form>
              </div>
            )}
          </article>
        );
      })}
    </div>
  );
}
