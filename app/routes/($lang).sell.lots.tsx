import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { z } from "zod";
import { CsrfInput, Field, FormError, isFailure } from "~/components/forms";
import { requireProducerMember } from "~/lib/producer-access.server";
import { facilitated } from "~/lib/acting.server";
import { answerOffer, LotRefused, producerLotOffers } from "~/domain/trade/lots.server";
import { formatDateTime, formatNumber } from "~/lib/format";
import { formatMoney } from "~/domain/money";
import { formError, parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["allocationStatus", "country", "groups", "lotOffers", "sell", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return facilitated(async () => {
    const locale = routeLocale(params);
    const { producer } = await requireProducerMember(request, locale);
    const offers = await producerLotOffers(producer.id);
    return {
      locale,
      offers: offers.map((a) => ({
        id: a.id,
        code: a.lot.code,
        status: a.status,
        item: a.variant
          ? `${locale === "en" ? a.variant.product.nameEn : a.variant.product.nameId} — ${locale === "en" ? a.variant.nameEn : a.variant.nameId} (${a.variant.sku})`
          : "",
        quantity: a.quantity,
        price: a.producerPriceAmount,
        total: a.producerPriceAmount * BigInt(a.quantity),
        destination: a.lot.destinationCountry,
        grade: a.lot.grade,
        packaging: a.lot.packaging,
        respondBy: a.respondBy,
        passed: a.passedQuantity,
        declineReason: a.declineReason,
        shares: a.shares.map((s) => ({ name: s.member.legalName, quantity: s.quantity })),
      })),
    };
  });
}

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept"), allocationId: z.string().min(1).max(40) }),
  z.object({
    intent: z.literal("decline"),
    allocationId: z.string().min(1).max(40),
    reason: z.string().trim().min(3, { error: "workErrors.reasonRequired" }).max(500, { error: "errors.tooLong" }),
  }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  return facilitated(async () => {
    const locale = routeLocale(params);
    const { user, producer } = await requireProducerMember(request, locale);
    const parsed = await parseForm(request, schema);
    if (!parsed.ok) return parsed.response;
    try {
      await answerOffer(
        producer.id,
        user.id,
        parsed.data.allocationId,
        parsed.data.intent,
        parsed.data.intent === "decline" ? parsed.data.reason : undefined,
      );
    } catch (err) {
      if (err instanceof LotRefused) return formError(409, parsed.form, err.key);
      throw err;
    }
    return { ok: true as const, answered: parsed.data.intent };
  });
}

type OfferRow = ReturnType<typeof useLoaderData<typeof loader>>["offers"][number];

/** The offers of each lot together, lots in the order their first offer came. */
function groupByLot(offers: OfferRow[]) {
  const lots = new Map<
    string,
    Pick<OfferRow, "code" | "destination" | "grade" | "packaging" | "respondBy"> & { offers: OfferRow[] }
  >();
  for (const o of offers) {
    const lot = lots.get(o.code) ?? { ...o, offers: [] };
    lot.offers.push(o);
    lots.set(o.code, lot);
  }
  return [...lots.values()];
}

export default function SellLots() {
  const { locale, offers } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  return (
    <div className="container wide">
      <h1>{t("lotOffers.title")}</h1>
      <p>{t("lotOffers.intro")}</p>
      <p>
        <Link to={localePath("/sell", locale)}>{t("sell.dashboardTitle")}</Link>
      </p>
      {actionData && "answered" in actionData && (
        <p className="notice" role="status">
          {t(`lotOffers.answered.${actionData.answered}`)}
        </p>
      )}
      {offers.length === 0 && <p>{t("lotOffers.none")}</p>}
      {groupByLot(offers).map((lot) => (
        // one card per lot, however many of the producer's variants it asks for
        <article key={lot.code} className="parcel" data-testid="lot-offer-group">
          <h2>{lot.code}</h2>
          <p className="meta">
            {t("lotOffers.destination", { country: t(`country.${lot.destination}`) })}
            {lot.grade && ` · ${lot.grade}`}
            {lot.packaging && ` · ${lot.packaging}`}
          </p>
          {lot.respondBy && lot.offers.some((o) => o.status === "OFFERED") && (
            <p className="meta">{t("lotOffers.respondBy", { date: formatDateTime(lot.respondBy, locale) })}</p>
          )}
          {lot.offers.map((o) => {
            const mine = failure?.values.allocationId === o.id ? failure : undefined;
            return (
              <section key={o.id} className="lot-offer" data-testid="lot-offer" aria-label={o.item}>
                <p>
                  <strong>
                    {formatNumber(o.quantity, locale)} × {o.item}
                  </strong>{" "}
                  <span className="status">{t(`allocationStatus.${o.status}`)}</span>
                </p>
                <p>
                  {t("lotOffers.pay", {
                    price: formatMoney(o.price, "IDR", locale),
                    total: formatMoney(o.total, "IDR", locale),
                  })}
                </p>
                {o.passed !== null && <p>{t("lotOffers.passed", { count: o.passed })}</p>}
                {o.declineReason && <p className="meta">{o.declineReason}</p>}
                {o.shares.length > 0 && (
                  <>
                    <h3>{t("groups.sharesTitle")}</h3>
                    <ul data-testid="member-shares">
                      {o.shares.map((s) => (
                        <li key={s.name}>
                          {t("groups.share", { name: s.name, quantity: formatNumber(s.quantity, locale) })}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                {o.status === "OFFERED" && (
                  <>
                    <FormError failure={mine} />
                    <div className="row-actions">
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="accept" />
                        <input type="hidden" name="allocationId" value={o.id} />
                        <button type="submit">{t("lotOffers.accept")}</button>
                      </Form>
                      <Form method="post" noValidate>
                        <CsrfInput />
                        <input type="hidden" name="intent" value="decline" />
                        <input type="hidden" name="allocationId" value={o.id} />
                        <Field idPrefix={`${o.id}-`} name="reason" label={t("lotOffers.reason")} failure={mine} />
                        <button type="submit" className="link-button">
                          {t("lotOffers.decline")}
                        </button>
                      </Form>
                    </div>
                  </>
                )}
              </section>
            );
          })}
        </article>
      ))}
    </div>
  );
}
