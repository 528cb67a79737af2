import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { formatDate, formatQuantity } from "~/lib/format";
import { lotProvenance } from "~/domain/trade/provenance.server";
import { appUrl } from "~/lib/env.server";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { pageMeta } from "~/lib/seo";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["batches", "cert", "country", "provenance", "scale", "units"] };

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = routeLocale(params);
  const lot = await lotProvenance(params.code ?? "", locale);
  if (!lot) throw new Response("Not found", { status: 404 });
  return { locale, lot, origin: appUrl() };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta({
        title: `${data.lot.name} · ${data.lot.code}`,
        description: data.lot.name,
        url: `${data.origin}${localePath(`/lots/${data.lot.code}`, data.locale)}`,
        locale: data.locale,
      })
    : [];

export default function Provenance() {
  const { locale, lot } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const month = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "id-ID", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${lot.month}-01T00:00:00Z`));
  return (
    <div className="container wide">
      <p className="meta">{t("provenance.kicker")}</p>
      <h1>{t("provenance.title", { name: lot.name })}</h1>
      <p data-testid="lot-summary">
        {t(
          lot.status === "SHIPPED" || lot.status === "DELIVERED"
            ? "provenance.summaryShipped"
            : "provenance.summaryPreparing",
          {
            amount: formatQuantity(t, locale, lot.quantity, lot.unit),
            country: t(`country.${lot.destination}`),
            month,
            count: lot.producers.length + lot.hidden,
          },
        )}
      </p>
      <p className="meta">
        {t("provenance.code")}: {lot.code}
      </p>
      <h2>{t("provenance.makers")}</h2>
      <ul className="cards" data-testid="makers">
        {lot.producers.map((p) => (
          <li key={p.slug} className="stat">
            <Link to={localePath(`/producers/${p.slug}`, locale)}>
              <strong>{p.name}</strong>
            </Link>
            <p className="meta">
              {p.regency}, {p.province} · {t(`scale.${p.scale}`)}
            </p>
            <p>{t("provenance.contributed", { amount: formatQuantity(t, locale, p.quantity, lot.unit) })}</p>
            {(p.members.length > 0 || p.hiddenMembers > 0) && (
              <p className="meta" data-testid="provenance-members">
                {t("provenance.members", { names: p.members.join(", "), count: p.hiddenMembers })}
              </p>
            )}
            {p.batches.map((b) => (
              <p key={b.code} className="meta" data-testid="provenance-batch">
                {b.expiresOn
                  ? t("batches.line", { code: b.code, date: formatDate(new Date(`${b.expiresOn}T00:00:00Z`), locale) })
                  : t("batches.codeOnly", { code: b.code })}
              </p>
            ))}
            {p.certifications.length > 0 && (
              <p>
                {p.certifications.map((c) => (
                  <span key={c} className="cert">
                    {t(`cert.${c}`)}
                  </span>
                ))}
              </p>
            )}
          </li>
        ))}
      </ul>
      {lot.hidden > 0 && <p className="meta">{t("provenance.hidden", { count: lot.hidden })}</p>}
      {lot.productSlug && (
        <p>
          <Link to={localePath(`/products/${lot.productSlug}`, locale)}>{t("provenance.buyRetail")}</Link>
        </p>
      )}
    </div>
  );
}
