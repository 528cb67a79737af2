import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { producerDashboard } from "~/domain/producers/dashboard.server";
import { producerLadder } from "~/domain/producers/ladder.server";
import { LadderCard } from "~/components/ladder";
import { requireProducerMember } from "~/lib/producer-access.server";
import { facilitated } from "~/lib/acting.server";
import { formatMoney } from "~/domain/money";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = {
  i18n: ["groups", "ladder", "lotOffers", "producerStatus", "sell", "sellOrders", "statement", "units"],
};

export const meta: MetaFunction = () => [{ title: "Anjung" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return facilitated(async () => {
    const locale = routeLocale(params);
    const { producer } = await requireProducerMember(request, locale);
    return {
      locale,
      producer: {
        name: producer.legalName,
        status: producer.status,
        reviewNote: producer.reviewNote,
        slug: producer.slug,
        isGroup: producer.kind !== "INDIVIDUAL",
      },
      dash: await producerDashboard(producer.id),
      ladder: await producerLadder(producer.id),
    };
  });
}

export default function SellDashboard() {
  const { locale, producer, dash, ladder } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const lp = (p: string) => localePath(p, locale);
  const [sp] = useSearchParams();
  return (
    <div className="container">
      <h1>{producer.name}</h1>
      {sp.get("joined") && (
        <p className="notice" role="status" data-testid="joined">
          {t("sell.joined")}
        </p>
      )}
      <p>
        <span className={`status status-${producer.status}`} data-testid="producer-status">
          {t(`producerStatus.${producer.status}`)}
        </span>
      </p>
      {producer.status !== "VERIFIED" && (
        <p className="notice">
          {t(`sell.producerStatus_${producer.status}`)}
          {producer.reviewNote && (
            <>
              {" "}
              <strong>{t("sell.staffNote")}</strong> {producer.reviewNote}
            </>
          )}
        </p>
      )}
      <div className="cards">
        <div className="stat">
          <strong>{dash.products.published}</strong> {t("sell.statPublished")} ·{" "}
          {t("sell.statDrafts", { count: dash.products.drafts })}
          <p>
            <Link to={lp("/sell/products")}>{t("sell.productsTitle")}</Link> ·{" "}
            <Link to={lp("/sell/products/new")}>{t("sell.newProduct")}</Link>
          </p>
        </div>
        <div className="stat">
          <strong>{dash.ordersToFulfil}</strong> {t("sell.statOrders")}
          <p>
            <Link to={lp("/sell/orders")}>{t("sellOrders.title")}</Link>
          </p>
        </div>
        <div className="stat">
          <strong>{dash.lotOffers}</strong> {t("sell.statLotOffers")}
          <p>
            <Link to={lp("/sell/lots")}>{t("lotOffers.title")}</Link>
            {producer.isGroup && (
              <>
                {" · "}
                <Link to={lp("/sell/members")}>{t("groups.supplyLink")}</Link>
              </>
            )}
          </p>
        </div>
        <div className="stat">
          <strong data-testid="balance">{formatMoney(dash.balance.amount, dash.balance.currency, locale)}</strong>{" "}
          {t("sell.statBalance")}
        </div>
        <div className="stat">
          <strong>{dash.certificates.pending}</strong> {t("sell.statCertPending")}
          {dash.certificates.rejected > 0 && (
            <p className="error">{t("sell.statCertRejected", { count: dash.certificates.rejected })}</p>
          )}
          <p>
            <Link to={lp("/sell/certificates")}>{t("sell.certificatesTitle")}</Link>
          </p>
        </div>
      </div>
      {dash.lowStock.length > 0 && (
        <section className="section" aria-labelledby="low-h">
          <h2 id="low-h">{t("sell.lowStockTitle")}</h2>
          <ul data-testid="low-stock">
            {dash.lowStock.map((p) => (
              <li key={p.id}>
                <Link to={lp(`/sell/products/${p.id}`)}>{locale === "en" ? p.nameEn : p.nameId}</Link>:{" "}
                {p.lowStock.map((l) => t("sell.lowStock", { sku: l.sku, count: l.stock })).join(", ")}
              </li>
            ))}
          </ul>
        </section>
      )}
      {ladder && <LadderCard ladder={ladder} />}
      <p>
        <Link to={lp("/sell/statement")}>{t("statement.link")}</Link>
      </p>
      <p>
        <Link to={lp("/sell/profile")}>{t("sell.profileTitle")}</Link>
        {producer.status === "VERIFIED" && (
          <>
            {" · "}
            <Link to={lp(`/producers/${producer.slug}`)}>{t("sell.publicPage")}</Link>
          </>
        )}
      </p>
    </div>
  );
}
