import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { CountrySelect } from "~/components/country-select";
import { CsrfInput, Field, FormError, isFailure, SelectField } from "~/components/forms";
import { Price } from "~/components/price";
import { INDONESIAN_PROVINCES, regenciesOf } from "~/domain/orders/address";
import { cartView, findCartId } from "~/domain/orders/cart.server";
import { cartOwner } from "~/lib/cookies.server";
import { checkoutSchema, checkoutShape } from "~/domain/orders/checkout-schema";
import {
  checkoutQuote,
  CheckoutRefused,
  newCheckoutKey,
  orderPath,
  paymentBanks,
  paymentMethods,
  placeOrder,
  startCardPayment,
  startGatewayPayment,
} from "~/domain/orders/checkout.server";
import { formError, parseForm } from "~/lib/forms.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { getUser } from "~/lib/session.server";
import { formatMoney } from "~/domain/money";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["auth", "cart", "checkout", "country", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = routeLocale(params);
  const user = await getUser(request);
  const cart = await cartView(await findCartId(await cartOwner(request, user?.id ?? null)), locale);
  if (cart.lines.length === 0) throw redirect(localePath("/cart", locale));
  return {
    locale,
    cart,
    user: user ? { email: user.email, name: user.name } : null,
    methods: paymentMethods(),
    banks: paymentBanks(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = routeLocale(params);
  const user = await getUser(request);
  const parsed = await parseForm(request, checkoutSchema, { shape: checkoutShape });
  if (!parsed.ok) return parsed.response;
  const cartId = await findCartId(await cartOwner(request, user?.id ?? null));
  const review = async (changed: boolean) => {
    const q = await checkoutQuote(cartId, locale, parsed.data, user?.id ?? null);
    const { checkoutKey: _key, reviewDigest: _digest, ship: _ship, ...values } = parsed.data;
    return data(
      {
        ok: true as const,
        changed,
        review: {
          values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])),
          checkoutKey: newCheckoutKey(),
          digest: q.digest,
          subtotal: q.cart.subtotal,
          shipping: q.shipping,
          discount: q.discount,
          voucher: q.voucher ? { code: q.voucher.code, fundedBy: q.voucher.fundedBy } : null,
          voucherRefusal: q.voucherRefusal
            ? { reason: q.voucherRefusal.reason, minSpend: q.voucherRefusal.minSpend }
            : null,
          total: q.total,
          currency: q.cart.currency,
          parcels: q.parcels.map((p) => ({
            producerId: p.producerId,
            producer: p.producer,
            region: p.region,
            freeShippingMin: p.freeShippingMin,
            chosen: p.chosen?.code ?? null,
            discount: p.discount,
            options: p.options.map((o) => ({
              code: o.code,
              label: `${o.courier} — ${o.name}`,
              amount: o.amount,
              rateAmount: o.rateAmount,
              free: o.free,
              etaMinDays: o.etaMinDays,
              etaMaxDays: o.etaMaxDays,
              ...o.weighed,
            })),
          })),
          unserved: q.unserved.length,
        },
      },
      { status: changed ? 409 : 200 },
    );
  };
  try {
    if (parsed.data.intent === "review") return await review(false);
    // a place without a review step's key is a review: the buyer sees the total first
    if (!parsed.data.checkoutKey) return await review(true);
    const order = await placeOrder(cartId, user?.id ?? null, locale, parsed.data, {
      checkoutKey: parsed.data.checkoutKey,
      reviewDigest: parsed.data.reviewDigest,
    });
    if (order.paymentMethod === "STRIPE") throw redirect(await startCardPayment(order.id));
    // QRIS or a virtual account: the order page shows the code or the account number
    if (order.paymentMethod === "QRIS" || order.paymentMethod === "VIRTUAL_ACCOUNT")
      await startGatewayPayment(order.id);
    throw redirect(orderPath(order, locale));
  } catch (err) {
    if (err instanceof CheckoutRefused && err.reason === "changed") return await review(true);
    if (err instanceof CheckoutRefused && err.voucher)
      return formError(
        409,
        parsed.form,
        `checkout.voucherRefused.${err.voucher.reason}`,
        { voucher: "checkout.voucherNotApplied" },
        { minSpend: formatMoney(err.voucher.minSpend, "IDR", locale) },
      );
    if (err instanceof CheckoutRefused)
      return formError(
        409,
        parsed.form,
        `checkout.refused.${err.reason}`,
        {},
        { skus: err.skus.join(", "), producers: err.skus.join(", ") },
      );
    throw err;
  }
}

export default function Checkout() {
  const { locale, cart, user, methods, banks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const review = actionData && "review" in actionData ? actionData.review : null;
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation();
  const v = (name: string, fallback = "") => failure?.values[name] ?? review?.values[name] ?? fallback;
  const chosenMethod = v("paymentMethod", methods.length === 1 ? methods[0] : "");
  const regencies = INDONESIAN_PROVINCES.flatMap((p) =>
    regenciesOf(p.code).map((r) => ({ value: r.code, label: `${r.name} (${p.name})` })),
  );
  const kg = (grams: number) => (grams / 1000).toLocaleString(locale, { maximumFractionDigits: 2 });
  const methodError = failure?.fieldErrors.paymentMethod;
  return (
    <div className="container wide">
      <h1>{t("checkout.title")}</h1>
      <p>
        <Link to={localePath("/cart", locale)}>{t("checkout.backToCart")}</Link>
      </p>
      <Form method="post" noValidate className="steps" key={review ? "reviewing" : "editing"}>
        <CsrfInput />
        <FormError failure={failure} />
        <fieldset className="fieldset">
          <legend>{t("checkout.contact")}</legend>
          <Field
            name="email"
            type="email"
            autoComplete="email"
            label={t("auth.email")}
            defaultValue={v("email", user?.email ?? "")}
            failure={failure}
            required
          />
          <Field
            name="name"
            autoComplete="name"
            label={t("checkout.recipient")}
            defaultValue={v("name", user?.name ?? "")}
            failure={failure}
            required
          />
          <Field
            name="phone"
            type="tel"
            autoComplete="tel"
            inputMode="tel"
            label={t("checkout.phone")}
            hint={t("checkout.phoneHint")}
            defaultValue={v("phone")}
            failure={failure}
            required
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t("checkout.address")}</legend>
          <CountrySelect
            name="country"
            label={t("checkout.country")}
            defaultValue={v("country", "ID")}
            failure={failure}
          />
          <SelectField
            name="province"
            label={t("checkout.province")}
            options={INDONESIAN_PROVINCES.map((p) => ({ value: p.code, label: p.name }))}
            defaultValue={v("province")}
            failure={failure}
          />
          <p className="hint">{t("checkout.provinceHint")}</p>
          <SelectField
            name="regencyCode"
            label={t("checkout.regency")}
            options={regencies}
            defaultValue={v("regencyCode")}
            failure={failure}
          />
          <Field
            name="city"
            autoComplete="address-level2"
            label={t("checkout.city")}
            defaultValue={v("city")}
            failure={failure}
            required
          />
          <Field
            name="address"
            autoComplete="street-address"
            label={t("checkout.street")}
            defaultValue={v("address")}
            failure={failure}
            required
          />
          <Field
            name="postcode"
            autoComplete="postal-code"
            inputMode="numeric"
            label={t("checkout.postcode")}
            hint={t("checkout.postcodeHint")}
            defaultValue={v("postcode")}
            failure={failure}
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t("checkout.shipping")}</legend>
          {!review ? (
            <p className="meta">{t("checkout.shippingAfterAddress")}</p>
          ) : (
            review.parcels.map((p) => {
              const chosen = p.options.find((o) => o.code === p.chosen);
              return (
                <fieldset key={p.producerId} className="parcel" data-testid="parcel">
                  <legend>{t("checkout.parcelFrom", { producer: p.producer, region: p.region })}</legend>
                  {chosen && (
                    <p className="meta">
                      {t("checkout.parcelWeight", {
                        actual: kg(chosen.actualGrams),
                        volumetric: kg(chosen.volumetricGrams),
                      })}
                    </p>
                  )}
                  {p.options.length === 0 ? (
                    <p className="error" data-testid="parcel-unserved">
                      {t("checkout.noService")}
                    </p>
                  ) : (
                    p.options.map((o) => (
                      <label key={o.code} className="choice">
                        <input
                          type="radio"
                          name={`ship.${p.producerId}`}
                          value={o.code}
                          defaultChecked={p.chosen === o.code}
                        />
                        <span>
                          {o.label} —{" "}
                          {o.free ? (
                            <>
                              <s>
                                <Price amount={o.rateAmount} currency={review.currency} />
                              </s>{" "}
                              {t("checkout.freeShipping")}
                            </>
                          ) : (
                            <Price amount={o.amount} currency={review.currency} />
                          )}
                          <span className="meta">
                            {" "}
                            · {t("checkout.eta", { min: o.etaMinDays, max: o.etaMaxDays })} ·{" "}
                            {t("checkout.chargedKg", { count: o.chargedKg })}
                          </span>
                        </span>
                      </label>
                    ))
                  )}
                  {p.discount > 0n && (
                    <p className="meta" data-testid="parcel-discount">
                      {t("checkout.parcelDiscount")} −<Price amount={p.discount} currency={review.currency} />
                    </p>
                  )}
                  {p.freeShippingMin !== null && !chosen?.free && (
                    <p className="meta">
                      {t("checkout.freeFrom")} <Price amount={p.freeShippingMin} currency={review.currency} />
                    </p>
                  )}
                </fieldset>
              );
            })
          )}
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t("checkout.voucher")}</legend>
          <Field
            name="voucher"
            label={t("checkout.voucherCode")}
            hint={t("checkout.voucherHint")}
            autoComplete="off"
            defaultValue={v("voucher")}
            failure={failure}
          />
          {review?.voucherRefusal ? (
            <p className="error" role="alert" data-testid="voucher-status">
              {t(`checkout.voucherRefused.${review.voucherRefusal.reason}`, {
                minSpend: formatMoney(review.voucherRefusal.minSpend, review.currency, locale),
              })}
            </p>
          ) : review?.voucher ? (
            <p className="notice" role="status" data-testid="voucher-status">
              {t("checkout.voucherApplied", {
                code: review.voucher.code,
                amount: formatMoney(review.discount, review.currency, locale),
              })}
            </p>
          ) : null}
        </fieldset>
        <fieldset className="fieldset" aria-describedby={methodError ? "method-error" : undefined}>
          <legend>{t("checkout.payment")}</legend>
          {methods.map((m) => (
            <label key={m} className="choice">
              <input type="radio" name="paymentMethod" value={m} defaultChecked={chosenMethod === m} />
              <span>
                {t(`checkout.method.${m}`)}
                <span className="meta"> — {t(`checkout.methodHint.${m}`)}</span>
              </span>
            </label>
          ))}
          {banks.length > 0 && (
            <SelectField
              name="vaBank"
              label={t("checkout.vaBank")}
              options={banks.map((b) => ({ value: b, label: b }))}
              defaultValue={v("vaBank")}
              failure={failure}
            />
          )}
          {methodError && (
            <p className="error" id="method-error">
              {t(methodError)}
            </p>
          )}
        </fieldset>
        <section aria-labelledby="summary-h" className="fieldset">
          <h2 id="summary-h">{t("checkout.summary")}</h2>
          <table className="summary">
            <tbody>
              {cart.lines.map((l) => (
                <tr key={l.variantId}>
                  <td>
                    {l.quantity} × {l.name}{" "}
                    <span className="meta">
                      ({l.variantName}, {l.producer})
                    </span>
                  </td>
                  <td className="num">
                    <Price amount={l.lineTotal} currency={l.currency} />
                  </td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t("cart.subtotal")}</th>
                <td className="num">
                  <Price amount={cart.subtotal} currency={cart.currency} />
                </td>
              </tr>
              {review && (
                <>
                  <tr>
                    <th scope="row">{t("checkout.shippingParcels", { count: review.parcels.length })}</th>
                    <td className="num" data-testid="checkout-shipping">
                      <Price amount={review.shipping} currency={review.currency} />
                    </td>
                  </tr>
                  {review.voucher && (
                    <tr>
                      <th scope="row">{t("checkout.discount", { code: review.voucher.code })}</th>
                      <td className="num" data-testid="checkout-discount">
                        −<Price amount={review.discount} currency={review.currency} />
                      </td>
                    </tr>
                  )}
                  <tr>
                    <th scope="row">{t("checkout.total")}</th>
                    <td className="num" data-testid="checkout-total">
                      <Price amount={review.total} currency={review.currency} />
                    </td>
                  </tr>
                </>
              )}
            </tbody>
          </table>
          {review && review.unserved > 0 ? (
            <>
              <p className="notice warning" role="alert" data-testid="review-status">
                {t("checkout.unserved", { count: review.unserved })}
              </p>
              <button type="submit" name="intent" value="review" disabled={busy}>
                {t("checkout.reviewAgain")}
              </button>
            </>
          ) : review ? (
            <>
              <p
                className={actionData && "changed" in actionData && actionData.changed ? "notice warning" : "notice"}
                role="status"
                data-testid="review-status"
              >
                {t(
                  actionData && "changed" in actionData && actionData.changed
                    ? "checkout.changed"
                    : "checkout.reviewed",
                )}
              </p>
              <input type="hidden" name="checkoutKey" value={review.checkoutKey} />
              <input type="hidden" name="reviewDigest" value={review.digest} />
              <p className="meta">{t(`checkout.holdNote.${review.values.paymentMethod}`)}</p>
              <button type="submit" name="intent" value="place" disabled={busy} data-testid="place-order">
                {t(`checkout.place.${review.values.paymentMethod}`)}
              </button>{" "}
              <button type="submit" name="intent" value="review" className="link-button">
                {t("checkout.reviewAgain")}
              </button>
            </>
          ) : (
            <button type="submit" name="intent" value="review" disabled={busy}>
              {t("checkout.review")}
            </button>
          )}
        </section>
      </Form>
    </div>
  );
}
