import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { z } from "zod";
import { CsrfInput, FormError, isFailure } from "~/components/forms";
import { LotRefused } from "~/domain/trade/lots.server";
import { answerQuote, buyerRfqs } from "~/domain/trade/rfq.server";
import { orderSample, sampleTerms } from "~/domain/trade/samples.server";
import { CartRefused } from "~/domain/orders/cart.server";
import { RfqSamples } from "~/components/rfq-samples";
import { cartOwner } from "~/lib/cookies.server";
import { formatDate, formatQuantity } from "~/lib/format";
import { formatMoney } from "~/domain/money";
import { formError, parseForm } from "~/lib/forms.server";
import { localePath, nameIn } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { requireUser } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = {
  i18n: [
    "cart",
    "country",
    "orderStatus",
    "quoteStatus",
    "receivables",
    "rfq",
    "rfqStatus",
    "samples",
    "unit",
    "units",
  ],
};

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [{ company, rfqs }, samples] = await Promise.all([buyerRfqs(user.id), sampleTerms()]);
  const locale = routeLocale(params);
  return {
    locale,
    company: company?.name ?? null,
    samples,
    rfqs: rfqs.map((r) => ({
      id: r.id,
      status: r.status,
      createdAt: r.createdAt,
      what: nameIn(locale, r.product, r.category),
      quantity: r.quantity,
      unit: r.unit,
      destination: r.destinationCountry,
      incoterm: r.incoterm,
      // a paid sample of the product, before the deal (trade/samples.server.ts)
      sampleOf:
        r.product?.listed && (r.status === "OPEN" || r.status === "QUOTED")
          ? r.product.variants
              .filter((v) => v.stock > 0)
              .map((v) => ({ id: v.id, name: locale === "en" ? v.nameEn : v.nameId, price: v.priceAmount }))
          : [],
      samples: r.sampleLines.map((l) => ({
        id: l.id,
        quantity: l.quantity,
        amount: l.lineAmount,
        variant: locale === "en" ? l.variantNameEn : l.variantName,
        order: l.order.number,
        status: l.order.status,
        credited: l.sampleCredit && { amountIdr: l.sampleCredit.amountIdr, invoice: l.sampleCredit.invoice.number },
      })),
      quotes: r.quotes.map((q) => ({
        id: q.id,
        status: q.status,
        unitPrice: q.unitPriceAmount,
        currency: q.currency,
        incoterm: q.incoterm,
        validUntil: q.validUntil,
        leadTimeDays: q.leadTimeDays,
        conditions: q.conditions,
        lot: q.lot && { code: q.lot.code, status: q.lot.status },
        invoice: q.lot?.invoice
          ? {
              number: q.lot.invoice.number,
              amount: q.lot.invoice.amount,
              currency: q.lot.invoice.currency,
              terms: q.lot.invoice.terms,
              paid: q.lot.invoice.payments.reduce((s, p) => s + p.amount, 0n),
              dueBeforeShipment: q.lot.invoice.dueBeforeShipment,
            }
          : null,
      })),
    })),
  };
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.enum(["accept", "decline"]), quoteId: z.string().min(1).max(40) }),
  z.object({
    intent: z.literal("sample"),
    rfqId: z.string().min(1).max(40),
    variantId: z.string({ error: "errors.required" }).min(1, { error: "errors.required" }).max(40),
    quantity: z.coerce
      .number({ error: "errors.quantity" })
      .int({ error: "errors.quantity" })
      .min(1, { error: "errors.quantity" })
      .max(1000, { error: "errors.quantity" }),
  }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = await parseForm(request, schema);
  if (!parsed.ok) return parsed.response;
  if (parsed.data.intent === "sample") {
    const d = parsed.data;
    try {
      await orderSample({ ...(await cartOwner(request, user.id)), userId: user.id }, d.rfqId, d.variantId, d.quantity);
      return { ok: true as const, sampled: d.quantity };
    } catch (err) {
      if (err instanceof CartRefused)
        return formError(409, parsed.form, `cart.refused.${err.reason}`, {}, { ...err.detail });
      if (err instanceof LotRefused)
        return formError(err.key === "rfq.refused.notFound" ? 404 : 409, parsed.form, err.key);
      throw err;
    }
  }
  try {
    const lot = await answerQuote(user.id, parsed.data.quoteId, parsed.data.intent);
    return { ok: true as const, answered: parsed.data.intent, lotCode: lot?.code ?? null };
  } catch (err) {
    if (err instanceof LotRefused)
      return formError(err.key === "rfq.refused.notFound" ? 404 : 409, parsed.form, err.key);
    throw err;
  }
}

export default function MyRfqs() {
  const { locale, company, rfqs, samples } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [search] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="container wide">
      <h1>{t("rfq.mine")}</h1>
      {search.get("sent") && (
        <p className="notice" role="status">
          {t("rfq.sent")}
        </p>
      )}
      {actionData && "answered" in actionData && (
        <p className="notice" role="status" data-testid="quote-answered">
          {actionData.answered === "accept" ? t("rfq.accepted", { code: actionData.lotCode ?? "" }) : t("rfq.declined")}
        </p>
      )}
      {actionData && "sampled" in actionData && (
        <p className="notice" role="status" data-testid="sample-added">
          {t("samples.added", { count: actionData.sampled })}{" "}
          <Link to={localePath("/cart", locale)}>{t("samples.toCart")}</Link>
        </p>
      )}
      <FormError failure={failure} />
      {company && <p className="meta">{company}</p>}
      <p>
        <Link to={localePath("/rfq", locale)} className="button">
          {t("rfq.new")}
        </Link>
      </p>
      {rfqs.length === 0 && <p>{t("rfq.none")}</p>}
      {rfqs.map((r) => (
        <article key={r.id} className="parcel" data-testid="rfq">
          <h2>
            {formatQuantity(t, locale, r.quantity, r.unit)} · {r.what}{" "}
            <span className="status">{t(`rfqStatus.${r.status}`)}</span>
          </h2>
          <p className="meta">
            {t(`country.${r.destination}`)} · {r.incoterm} · {formatDate(r.createdAt, locale)}
          </p>
          <RfqSamples rfq={r} rules={samples} failure={failure} locale={locale} />
          {r.quotes.map((q) => (
            <div key={q.id} className="fieldset" data-testid="quote">
              <p>
                <strong>
                  {t("rfq.quotePrice", {
                    price: formatMoney(q.unitPrice, q.currency, locale),
                    unit: t(`unit.${r.unit}`, { defaultValue: r.unit }),
                  })}
                </strong>{" "}
                · {q.incoterm} · {t("rfq.leadTime", { count: q.leadTimeDays })} ·{" "}
                {t("rfq.validUntil", { date: formatDate(q.validUntil, locale) })}{" "}
                <span className="status">{t(`quoteStatus.${q.status}`)}</span>
              </p>
              {q.conditions && <p>{q.conditions}</p>}
              {q.lot && <p>{t("rfq.lotOpened", { code: q.lot.code })}</p>}
              {q.invoice && (
                <p data-testid="buyer-invoice">
                  <a href={`/documents/invoices/${q.invoice.number}`} download>
                    {t("rfq.proforma", { number: q.invoice.number })}
                  </a>{" "}
                  · {t(`receivables.terms.${q.invoice.terms}`)} ·{" "}
                  {t("rfq.invoiceOwed", {
                    amount: formatMoney(q.invoice.amount - q.invoice.paid, q.invoice.currency, locale),
                    total: formatMoney(q.invoice.amount, q.invoice.currency, locale),
                  })}
                </p>
              )}
              {q.status === "SENT" && (
                <div className="row-actions">
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="quoteId" value={q.id} />
                    <button type="submit" name="intent" value="accept">
                      {t("rfq.accept")}
                    </button>
                  </Form>
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="quoteId" value={q.id} />
                    <button type="submit" name="intent" value="decline" className="link-button">
                      {t("rfq.decline")}
                    </button>
                  </Form>
                </div>
              )}
            </div>
          ))}
        </article>
      ))}
    </div>
  );
}
