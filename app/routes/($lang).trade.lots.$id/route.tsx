import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, Field, FormError, isFailure } from "~/components/forms";
import { mediaUrl } from "~/components/picture";
import { regencyLabel } from "~/domain/regions/regions";
import { explain } from "~/domain/trade/explain.server";
import { lotAction } from "./lot-actions.server";
import { LotCartons } from "./lot-cartons";
import { LotChecklist } from "./lot-checklist";
import { lotCartonPlan } from "~/domain/trade/cartons.server";
import { LotMoney } from "./lot-money";
import { ReceiptForm } from "./lot-receipt";
import { lotChecklist } from "~/domain/trade/checklist.server";
import { lotIsFood } from "~/domain/trade/eligibility.server";
import { invoiceForLot, lotPnl } from "~/domain/trade/receivables.server";
import { nextStatuses, type LotStatus } from "~/domain/trade/lot-status";
import { lotDetail, lotProgress } from "~/domain/trade/lots.server";
import { formatDate, formatNumber, formatQuantity } from "~/lib/format";
import { formatMoney } from "~/domain/money";
import { localePath, nameIn } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { requireRole } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = {
  i18n: [
    "allocationStatus",
    "allocator",
    "groups",
    "batches",
    "cartons",
    "checklist",
    "country",
    "lotStatus",
    "lots",
    "receivables",
    "rfq",
    "scale",
    "settings",
    "tradeOrders",
    "units",
  ],
};

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "STAFF", "ADMIN");
  const lot = await lotDetail(params.id ?? "");
  if (!lot) throw new Response("Not found", { status: 404 });
  const locale = routeLocale(params);
  const [{ facts, missing }, invoice, pnl, checklist, food, cartons] = await Promise.all([
    lotProgress(lot.id),
    invoiceForLot(lot.id),
    lotPnl(lot.id),
    lotChecklist(lot.id),
    lotIsFood(lot.id),
    lotCartonPlan(lot.id),
  ]);
  return {
    locale,
    invoice: invoice && {
      id: invoice.id,
      number: invoice.number,
      currency: invoice.currency,
      amount: invoice.amount,
      amountIdr: invoice.amountIdr,
      paid: invoice.paid,
      outstanding: invoice.outstanding,
      dueBeforeShipment: invoice.dueBeforeShipment,
      terms: invoice.terms,
      tempoDays: invoice.tempoDays,
      overdue: invoice.overdue,
      nextDue: invoice.nextDue,
      idrPerUnit: invoice.idrPerUnit.toString(),
      rateDate: invoice.rateDate,
      payments: invoice.payments.map((p) => ({
        id: p.id,
        paidOn: p.paidOn,
        paidAmount: p.paidAmount,
        paidCurrency: p.paidCurrency,
        amount: p.amount,
        bankReference: p.bankReference,
      })),
    },
    pnl,
    checklist,
    food,
    cartons: cartons && {
      lines: cartons.lines.map((l) => ({
        key: l.key,
        producer: l.producer,
        description: l.description,
        quantity: l.quantity,
        cartons: l.cartons,
        unitsPerCarton: l.unitsPerCarton,
        netGrams: l.netGrams,
        grossGrams: l.grossGrams,
        volumeCm3: l.volumeCm3,
        first: l.first,
        last: l.last,
      })),
      totals: cartons.totals,
      container: cartons.container,
    },
    facts,
    missing,
    next: nextStatuses(lot.status as LotStatus),
    lot: {
      id: lot.id,
      code: lot.code,
      status: lot.status,
      what: nameIn(locale, lot.product, lot.category),
      company: lot.company?.name ?? "",
      target: lot.targetQuantity,
      unit: lot.unit,
      destination: lot.destinationCountry,
      port: lot.destinationPort,
      incoterm: lot.incoterm,
      unitPrice: lot.unitPriceAmount,
      currency: lot.currency,
      producerPrice: lot.producerPriceAmount,
      grade: lot.grade ?? "",
      packaging: lot.packaging ?? "",
      unitsPerPackage: lot.unitsPerPackage,
      wantedBy: lot.wantedBy,
      offerDeadline: lot.offerDeadline,
      allocations: lot.allocations.map((a) => ({
        id: a.id,
        producer: a.producer.legalName,
        regency: regencyLabel(a.producer.regencyCode),
        scale: a.producer.scale,
        item: a.variant
          ? `${locale === "en" ? a.variant.product.nameEn : a.variant.product.nameId} (${a.variant.sku})`
          : "",
        stock: a.variant?.stock ?? 0,
        quantity: a.quantity,
        received: a.receivedQuantity,
        passed: a.passedQuantity,
        batchCode: a.batchCode,
        expiresOn: a.expiresOn,
        status: a.status,
        why: explain(a.explanation),
        declineReason: a.declineReason,
        qcNotes: a.qcNotes,
        photos: a.qcPhotoKeys,
        respondBy: a.respondBy,
        shares: a.shares.map((s) => ({
          name: s.member.legalName,
          quantity: s.quantity,
          why: { key: s.reasonKey, params: s.reasonParams as Record<string, string | number> },
        })),
      })),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireRole(request, "STAFF", "ADMIN");
  const lot = await lotDetail(params.id ?? "");
  if (!lot) throw new Response("Not found", { status: 404 });
  return lotAction(request, staff.id, lot.id);
}

export default function TradeLot() {
  const { locale, lot, facts, missing, next, invoice, pnl, checklist, food, cartons } = useLoaderData<typeof loader>();
  const unpaidBeforeShipment = !!invoice && invoice.paid < invoice.dueBeforeShipment;
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const done = actionData && "done" in actionData ? actionData : null;
  const { t } = useTranslation();
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const proposed = lot.allocations.filter((a) => a.status === "PROPOSED");
  const hasPassed = lot.allocations.some((a) => a.status === "QC_PASSED");
  return (
    <div className="container">
      <h1>
        {lot.code}{" "}
        <span className="status" data-testid="lot-status">
          {t(`lotStatus.${lot.status}`)}
        </span>
      </h1>
      {done && (
        <p className="notice" role="status">
          {t(`lots.done.${done.done}`)} {done.summary && t(done.summary.key, done.summary.params)}
        </p>
      )}
      <FormError failure={failure} />
      <dl className="facts">
        <dt>{t("lots.spec")}</dt>
        <dd>
          {formatQuantity(t, locale, lot.target, lot.unit)} · {lot.what} {lot.grade && `· ${lot.grade}`}
        </dd>
        <dt>{t("lots.buyer")}</dt>
        <dd>{lot.company}</dd>
        <dt>{t("rfq.destination")}</dt>
        <dd>
          {t(`country.${lot.destination}`)} {lot.port ?? ""} · {lot.incoterm}
        </dd>
        <dt>{t("lots.prices")}</dt>
        <dd>
          {t("lots.priceLine", {
            buyer: formatMoney(lot.unitPrice, lot.currency, locale),
            producer: formatMoney(lot.producerPrice, "IDR", locale),
          })}
        </dd>
        {lot.wantedBy && (
          <>
            <dt>{t("rfq.wantedBy")}</dt>
            <dd>{formatDate(lot.wantedBy, locale)}</dd>
          </>
        )}
        <dt>{t("lots.progress")}</dt>
        <dd data-testid="lot-progress">
          {t("lots.progressLine", {
            target: facts.target,
            accepted: facts.accepted,
            received: facts.received,
            passed: facts.passed,
            missing,
          })}
        </dd>
      </dl>

      <section className="fieldset" aria-labelledby="alloc-h">
        <h2 id="alloc-h">{t("lots.allocations")}</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="alloc-h">
          <table className="variants">
            <thead>
              <tr>
                <th scope="col">{t("lots.producer")}</th>
                <th scope="col">{t("lots.quantity")}</th>
                <th scope="col">{t("tradeOrders.status")}</th>
                <th scope="col">{t("lots.why")}</th>
                <th scope="col">{t("lots.step")}</th>
              </tr>
            </thead>
            <tbody>
              {lot.allocations.map((a) => (
                <tr key={a.id} data-testid="allocation">
                  <td>
                    {a.producer}
                    <div className="meta">
                      {a.regency} · {t(`scale.${a.scale}`)} · {a.item}
                    </div>
                    {a.shares.length > 0 && (
                      <details className="meta" data-testid="member-shares">
                        <summary>{t("groups.sharesTitle")}</summary>
                        <ul>
                          {a.shares.map((s) => (
                            <li key={s.name}>{t(s.why.key, s.why.params)}</li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </td>
                  <td>
                    {formatNumber(a.quantity, locale)}
                    {a.received !== null && <div className="meta">{t("lots.receivedN", { count: a.received })}</div>}
                    {a.passed !== null && <div className="meta">{t("lots.passedN", { count: a.passed })}</div>}
                    {a.batchCode && a.expiresOn && (
                      <div className="meta" data-testid="batch">
                        {t("batches.line", { code: a.batchCode, date: formatDate(a.expiresOn, locale) })}
                      </div>
                    )}
                  </td>
                  <td>
                    {t(`allocationStatus.${a.status}`)}
                    {a.declineReason && <div className="meta">{a.declineReason}</div>}
                  </td>
                  <td className="meta">
                    {a.why && t(a.why.key, a.why.params)}
                    {a.qcNotes && <div>{a.qcNotes}</div>}
                    {a.photos.map((k) => (
                      <img
                        key={k}
                        src={mediaUrl(k, 320, "webp")}
                        alt={t("lots.qcPhoto")}
                        width={80}
                        height={80}
                        loading="lazy"
                      />
                    ))}
                  </td>
                  <td>
                    {a.status === "PROPOSED" && (
                      <Form method="post" className="qty-form">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="adjust" />
                        <input type="hidden" name="allocationId" value={a.id} />
                        <label htmlFor={`adj-${a.id}`} className="visually-hidden">
                          {t("lots.quantity")}
                        </label>
                        <input
                          id={`adj-${a.id}`}
                          name="quantity"
                          type="number"
                          min={0}
                          max={a.stock}
                          defaultValue={a.quantity}
                          className="qty"
                        />
                        <button type="submit" className="button-small-solid">
                          {t("lots.adjust")}
                        </button>
                      </Form>
                    )}
                    {a.status === "ACCEPTED" && (
                      <ReceiptForm allocationId={a.id} quantity={a.quantity} food={food} failure={failure} />
                    )}
                    {a.status === "RECEIVED" && (
                      <Form method="post" encType="multipart/form-data" className="qc-form">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="qc" />
                        <input type="hidden" name="allocationId" value={a.id} />
                        <label htmlFor={`qc-${a.id}`}>{t("lots.passedQty")}</label>
                        <input
                          id={`qc-${a.id}`}
                          name="passed"
                          type="number"
                          min={0}
                          max={a.received ?? 0}
                          defaultValue={a.received ?? 0}
                          className="qty"
                        />
                        <label htmlFor={`qcn-${a.id}`}>{t("lots.qcNotes")}</label>
                        <input id={`qcn-${a.id}`} name="notes" />
                        <label htmlFor={`qcp-${a.id}`}>{t("lots.qcPhotos")}</label>
                        <input id={`qcp-${a.id}`} name="photos" type="file" accept="image/*" multiple />
                        <button type="submit" className="button-small-solid">
                          {t("lots.recordQc")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {missing > 0 && !["READY", "SHIPPED", "DELIVERED", "CANCELLED"].includes(lot.status) && (
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="propose" />
            <button type="submit">{t("lots.propose", { count: missing })}</button>
          </Form>
        )}
        {proposed.length > 0 && (
          <Form method="post" noValidate className="qty-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="send" />
            <Field
              name="respondBy"
              type="date"
              label={t("lots.respondBy")}
              defaultValue={inAWeek}
              failure={failure}
              required
            />
            <button type="submit">{t("lots.send", { count: proposed.length })}</button>
          </Form>
        )}
      </section>

      {cartons && <LotCartons lotId={lot.id} plan={cartons} locale={locale} />}

      <LotChecklist lotId={lot.id} items={checklist} locale={locale} failure={failure} />

      <section className="fieldset" aria-labelledby="status-h">
        <h2 id="status-h">{t("lots.statusTitle")}</h2>
        <div className="row-actions">
          {next.map((to) => (
            <Form method="post" key={to}>
              <CsrfInput />
              <input type="hidden" name="intent" value="status" />
              {to === "SHIPPED" && unpaidBeforeShipment && (
                <Field
                  name="overrideReason"
                  label={t("receivables.overrideReason")}
                  hint={t("receivables.overrideHint")}
                  failure={failure}
                />
              )}
              <button type="submit" name="to" value={to} className={to === "CANCELLED" ? "link-button" : undefined}>
                {t(`lots.moveTo.${to}`)}
              </button>
            </Form>
          ))}
        </div>
      </section>

      <LotMoney lotId={lot.id} locale={locale} invoice={invoice} pnl={pnl} failure={failure} />

      <Form method="post" noValidate className="fieldset">
        <CsrfInput />
        <input type="hidden" name="intent" value="spec" />
        <h2>{t("lots.specTitle")}</h2>
        <Field name="grade" label={t("lots.grade")} defaultValue={lot.grade} failure={failure} />
        <Field name="packaging" label={t("lots.packaging")} defaultValue={lot.packaging} failure={failure} />
        <Field
          name="unitsPerPackage"
          type="number"
          label={t("lots.unitsPerPackage")}
          defaultValue={String(lot.unitsPerPackage)}
          failure={failure}
          required
        />
        <button type="submit">{t("settings.save")}</button>
      </Form>

      <section className="fieldset" aria-labelledby="docs-h">
        <h2 id="docs-h">{t("lots.documents")}</h2>
        {hasPassed ? (
          <ul>
            {(["invoice", "packing-list", "origin"] as const).map((k) => (
              <li key={k}>
                <a href={`/trade/lots/${lot.id}/documents/${k}`} download>
                  {t(`lots.doc.${k}`)}
                </a>
              </li>
            ))}
            <li>
              <a href={`/trade/lots/${lot.id}/form-d.csv`} download>
                {t("lots.doc.formDCsv")}
              </a>
            </li>
            <li>
              <Link to={localePath(`/lots/${lot.code}`, locale)}>{t("lots.provenance")}</Link>
            </li>
          </ul>
        ) : (
          <p className="meta">{t("lots.docsAfterQc")}</p>
        )}
      </section>
    </div>
  );
}
