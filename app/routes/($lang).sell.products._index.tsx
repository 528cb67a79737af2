import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { listOwnProducts } from "~/domain/catalogue/manage.server";
import { requireProducerMember } from "~/lib/producer-access.server";
import { facilitated } from "~/lib/acting.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["partners", "product", "productStatus", "sell"] };

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return facilitated(async () => {
    const locale = routeLocale(params);
    const { producer } = await requireProducerMember(request, locale);
    return { locale, products: await listOwnProducts(producer.id) };
  });
}

export default function OwnProducts() {
  const { locale, products } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const lp = (p: string) => localePath(p, locale);
  return (
    <div className="container wide">
      <p>
        <Link to={lp("/sell")}>{t("sell.backToDashboard")}</Link>
      </p>
      <h1>{t("sell.productsTitle")}</h1>
      <p>
        <Link to={lp("/sell/products/new")} className="button">
          {t("sell.newProduct")}
        </Link>
      </p>
      {products.length === 0 ? (
        <p>{t("sell.noProducts")}</p>
      ) : (
        <table className="variants" data-testid="own-products">
          <thead>
            <tr>
              <th scope="col">{t("sell.product")}</th>
              <th scope="col">{t("partners.status")}</th>
              <th scope="col">{t("product.stock")}</th>
            </tr>
          </thead>
          <tbody>
            {products.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={lp(`/sell/products/${p.id}`)}>{locale === "en" ? p.nameEn : p.nameId}</Link>
                  <div className="meta">{t("sell.photoCount", { count: p.images })}</div>
                </td>
                <td>
                  <span className={`status status-${p.status}`}>{t(`productStatus.${p.status}`)}</span>
                </td>
                <td>
                  {p.stock}
                  {p.lowStock.map((l) => (
                    <div key={l.sku} className="error">
                      {t("sell.lowStock", { sku: l.sku, count: l.stock })}
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
