import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { CertificateList } from "~/components/certificate-list";
import { CsrfInput, FormError, isFailure } from "~/components/forms";
import { Picture, mediaUrl } from "~/components/picture";
import { Price } from "~/components/price";
import { ProductCard } from "~/components/product-card";
import { QuoteInvitation } from "~/components/quote-invitation";
import { productPage } from "~/domain/catalogue/product.server";
import { addToCartAction } from "~/routes/($lang).cart/cart-actions.server";
import { appUrl } from "~/lib/env.server";
import { formatNumber } from "~/lib/format";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { jsonLd, pageMeta } from "~/lib/seo";
import { toMajorString } from "~/domain/money";
import { ProductReviews, RatingBadge } from "~/components/reviews";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["cart", "cert", "product", "quote", "review", "scale", "unit", "units"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = routeLocale(params);
  const reviewsPage = Math.min(Math.max(Number(new URL(request.url).searchParams.get("reviews")) || 1, 1), 500);
  const product = await productPage(params.slug ?? "", locale, Math.floor(reviewsPage));
  if (!product) throw new Response("Not found", { status: 404 });
  return { locale, product, origin: appUrl() };
}

/** "Add to cart": works without JavaScript; the page shows what happened. */
export async function action({ request }: ActionFunctionArgs) {
  return addToCartAction(request);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [];
  const { product, origin, locale } = data;
  const img = product.images[0];
  return pageMeta({
    title: product.name,
    description: product.description,
    url: `${origin}${localePath(`/products/${product.slug}`, locale)}`,
    image: img ? `${origin}${mediaUrl(img.key, img.widths[img.widths.length - 1], "webp")}` : undefined,
    type: "product",
    locale,
  });
};

export default function ProductRoute() {
  const { locale, product, origin } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const [sp] = useSearchParams();
  const added = Number(sp.get("added")) > 0 ? { quantity: Number(sp.get("added")) } : null;
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation();
  const lp = (p: string) => localePath(p, locale);
  const cheapest = product.variants[0];
  const ld = {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.name,
    description: product.description,
    sku: cheapest?.sku,
    image: product.images.map((i) => `${origin}${mediaUrl(i.key, i.widths[i.widths.length - 1], "webp")}`),
    brand: { "@type": "Organization", name: product.producer.name },
    category: product.category.name,
    offers: product.variants.map((v) => ({
      "@type": "Offer",
      sku: v.sku,
      price: toMajorString(v.price, v.currency),
      priceCurrency: v.currency,
      availability: v.inStock ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
      url: `${origin}${lp(`/products/${product.slug}`)}`,
    })),
    ...(product.rating.count > 0 && product.rating.average !== null
      ? {
          aggregateRating: {
            "@type": "AggregateRating",
            ratingValue: product.rating.average,
            reviewCount: product.rating.count,
            bestRating: 5,
            worstRating: 1,
          },
        }
      : {}),
  };
  return (
    <div className="container product-page">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLd(ld) }} />
      <nav aria-label={t("product.breadcrumb")} className="breadcrumb">
        <Link to={lp("/")}>{t("nav.home")}</Link>
        {product.parentCategory && (
          <>
            {" › "}
            <Link to={lp(`/categories/${product.parentCategory.slug}`)}>{product.parentCategory.name}</Link>
          </>
        )}
        {" › "}
        <Link to={lp(`/categories/${product.category.slug}`)}>{product.category.name}</Link>
      </nav>
      <div className="product-layout">
        <div className="gallery">
          {product.images.map((img, i) => (
            <Picture key={img.key} image={img} sizes="(max-width: 700px) 100vw, 520px" eager={i === 0} />
          ))}
        </div>
        <div className="product-info">
          <h1>{product.name}</h1>
          <p className="meta">
            {t("product.byLabel")} <Link to={lp(`/producers/${product.producer.slug}`)}>{product.producer.name}</Link> ·{" "}
            {product.producer.region}
          </p>
          <RatingBadge rating={product.rating} />
          {cheapest && (
            <p className="big-price">
              <Price amount={cheapest.price} currency={cheapest.currency} showRateDate />
              <span className="meta"> / {t(`unit.${product.unit}`, { defaultValue: product.unit })}</span>
            </p>
          )}
          <CertificateList certifications={product.certifications} locale={locale} headingId="certs-h" />
          <section aria-labelledby="variants-h">
            <h2 id="variants-h">{t("product.variants")}</h2>
            {added && (
              <p className="notice" role="status" data-testid="added-to-cart">
                {t("cart.added", { count: added.quantity })} <Link to={lp("/cart")}>{t("cart.viewCart")}</Link>
              </p>
            )}
            <FormError failure={failure} />
            <table className="variants">
              <thead>
                <tr>
                  <th scope="col">{t("product.variant")}</th>
                  <th scope="col">{t("product.price")}</th>
                  <th scope="col">{t("product.stock")}</th>
                </tr>
              </thead>
              <tbody>
                {product.variants.map((v) => (
                  <tr key={v.id}>
                    <td>
                      {v.name}
                      <div className="meta">{v.sku}</div>
                      {v.minOrderQty > 1 && <div className="meta">{t("product.moq", { count: v.minOrderQty })}</div>}
                    </td>
                    <td>
                      <Price amount={v.price} currency={v.currency} />
                      {v.tiers.map((tier) => (
                        <div key={tier.minQty} className="meta">
                          {t("product.tier", { qty: formatNumber(tier.minQty, locale) })}{" "}
                          <Price amount={tier.price} currency={v.currency} />
                        </div>
                      ))}
                    </td>
                    <td>
                      {!v.inStock
                        ? t("product.outOfStock")
                        : v.lowStock
                          ? t("product.lowStock", { count: v.stock })
                          : t("product.inStock")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {product.variants.some((v) => v.inStock) ? (
              <Form method="post" className="add-to-cart" preventScrollReset>
                <CsrfInput />
                <div className="field">
                  <label htmlFor="buy-variant">{t("product.variant")}</label>
                  <select id="buy-variant" name="variantId" defaultValue={failure?.values.variantId}>
                    {product.variants
                      .filter((v) => v.inStock)
                      .map((v) => (
                        <option key={v.id} value={v.id}>
                          {v.name}
                          {v.minOrderQty > 1 ? ` (${t("product.moq", { count: v.minOrderQty })})` : ""}
                        </option>
                      ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="buy-qty">{t("cart.quantity")}</label>
                  <input
                    id="buy-qty"
                    name="quantity"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    defaultValue={failure?.values.quantity ?? product.variants.find((v) => v.inStock)?.minOrderQty ?? 1}
                    className="qty"
                  />
                </div>
                <button type="submit" disabled={busy}>
                  {t("cart.add")}
                </button>
              </Form>
            ) : (
              <p className="meta">{t("product.outOfStock")}</p>
            )}
            {product.exportReady && (
              <QuoteInvitation to={`${lp("/rfq")}?${new URLSearchParams({ product: product.slug })}`} />
            )}
          </section>
          <section aria-labelledby="desc-h">
            <h2 id="desc-h">{t("product.description")}</h2>
            <p>{product.description}</p>
            <dl className="facts">
              <dt>{t("product.weight")}</dt>
              <dd>{formatNumber(product.weightGrams, locale)} g</dd>
              {product.hsCode && (
                <>
                  <dt>{t("product.hsCode")}</dt>
                  <dd>{product.hsCode}</dd>
                </>
              )}
              {product.exportReady && (
                <>
                  <dt>{t("product.export")}</dt>
                  <dd>
                    {t("product.exportReady")} ·{" "}
                    <Link to={`${lp("/rfq")}?product=${product.slug}`}>{t("quote.ask")}</Link>
                  </dd>
                </>
              )}
            </dl>
          </section>
          <aside className="producer-card" aria-labelledby="producer-h">
            <h2 id="producer-h">{t("product.producer")}</h2>
            <p>
              <Link to={lp(`/producers/${product.producer.slug}`)}>{product.producer.name}</Link>
            </p>
            <p className="meta">
              {product.producer.region}, {product.producer.province} · {t(`scale.${product.producer.scale}`)}
            </p>
            <p>{product.producer.story}</p>
          </aside>
        </div>
      </div>
      <ProductReviews
        rating={product.rating}
        page={product.reviews}
        locale={locale}
        pagePath={(n) => `${lp(`/products/${product.slug}`)}${n > 1 ? `?reviews=${n}` : ""}#reviews-h`}
      />
      {product.related.length > 0 && (
        <section className="section" aria-labelledby="related-h">
          <h2 id="related-h">{t("product.related")}</h2>
          <div className="grid">
            {product.related.map((r) => (
              <ProductCard key={r.slug} product={r} locale={locale} />
            ))}
          </div>
        </section>
      )}
    </div>
  );
}
