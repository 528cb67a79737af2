import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { CsrfInput, FormError, isFailure } from "~/components/forms";
import { Price } from "~/components/price";
import { cartPageAction } from "./cart-actions.server";
import { cartView, findCartId } from "~/domain/orders/cart.server";
import { cartOwner } from "~/lib/cookies.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { getUser } from "~/lib/session.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["cart", "units"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = routeLocale(params);
  const user = await getUser(request);
  const cart = await cartView(await findCartId(await cartOwner(request, user?.id ?? null)), locale);
  return { locale, cart };
}

export async function action({ request }: ActionFunctionArgs) {
  return cartPageAction(request);
}

export default function CartPage() {
  const { locale, cart } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const { t } = useTranslation();
  const lp = (p: string) => localePath(p, locale);
  const producers = [...new Set(cart.lines.map((l) => l.producerId))];
  return (
    <div className="container wide">
      <h1>{t("cart.title")}</h1>
      <FormError failure={failure} />
      {actionData && "done" in actionData && (
        <p className="notice" role="status" data-testid="cart-notice">
          {t(`cart.done.${actionData.done}`)}
        </p>
      )}
      {cart.lines.length === 0 ? (
        <p>
          {t("cart.empty")} <Link to={lp("/search")}>{t("cart.browse")}</Link>
        </p>
      ) : (
        <>
          <p className="meta">{t("cart.splitNote", { count: producers.length })}</p>
          {producers.map((pid) => {
            const lines = cart.lines.filter((l) => l.producerId === pid);
            return (
              <section key={pid} className="cart-group" aria-label={lines[0].producer}>
                <h2>
                  {lines[0].producer} <span className="meta">· {lines[0].region}</span>
                </h2>
                <ul className="cart-lines">
                  {lines.map((l) => (
                    <li key={l.variantId} data-testid="cart-line">
                      <div>
                        <Link to={lp(`/products/${l.slug}`)}>{l.name}</Link>
                        <div className="meta">
                          {l.variantName} · {l.sku}
                        </div>
                        {l.sampleRfqId && (
                          <div className="status" data-testid="sample-tag">
                            {t("cart.sample")}
                          </div>
                        )}
                        <div>
                          <Price amount={l.unitPrice} currency={l.currency} />{" "}
                          {l.tierApplied && <span className="meta">{t("cart.tierApplied")}</span>}
                        </div>
                        {l.problem && (
                          <p className="error" role="alert">
                            {t(`cart.refused.${l.problem}`, { moq: l.minOrderQty, stock: l.stock })}
                          </p>
                        )}
                      </div>
                      <Form method="post" className="qty-form">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="set" />
                        <input type="hidden" name="variantId" value={l.variantId} />
                        <label htmlFor={`q-${l.variantId}`}>{t("cart.quantity")}</label>
                        <input
                          id={`q-${l.variantId}`}
                          name="quantity"
                          type="number"
                          inputMode="numeric"
                          min={l.minOrderQty}
                          max={Math.max(l.stock, 1)}
                          defaultValue={l.quantity}
                          className="qty"
                        />
                        <button type="submit" className="button-small-solid">
                          {t("cart.update")}
                        </button>
                      </Form>
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="variantId" value={l.variantId} />
                        <button type="submit" className="link-button">
                          {t("cart.remove")}
                        </button>
                      </Form>
                      <div className="line-total">
                        <Price amount={l.lineTotal} currency={l.currency} />
                      </div>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
          <p className="big-price" data-testid="cart-subtotal">
            {t("cart.subtotal")}: <Price amount={cart.subtotal} currency={cart.currency} />
          </p>
          <p className="meta">{t("cart.shippingLater")}</p>
          {cart.problems > 0 ? (
            <p className="form-error">{t("cart.fixProblems")}</p>
          ) : (
            <Link to={lp("/checkout")} className="button">
              {t("cart.checkout")}
            </Link>
          )}
        </>
      )}
    </div>
  );
}
