import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { ProductCard } from "~/components/product-card";
import { homePage } from "~/domain/catalogue/home.server";
import { localeFromParam, localePath, defaultLocale } from "~/lib/i18n";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["cert", "home", "product", "scale", "units"] };

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = localeFromParam(params.lang) ?? defaultLocale;
  return { locale, ...(await homePage(locale)) };
}

export default function Home() {
  const { locale, stats, featured, categories, regions, producers } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const lp = (p: string) => localePath(p, locale);
  return (
    <div className="container">
      <section className="hero">
        <h1>{t("home.heroTitle")}</h1>
        <p>{t("home.heroText", stats)}</p>
      </section>

      <section className="section" aria-labelledby="featured-h">
        <h2 id="featured-h">{t("home.featured")}</h2>
        {featured.length === 0 ? (
          <p>{t("home.empty")}</p>
        ) : (
          <div className="grid" data-testid="featured">
            {featured.map((p, i) => (
              <ProductCard key={p.slug} product={p} locale={locale} eager={i < 4} />
            ))}
          </div>
        )}
      </section>

      <section className="section" aria-labelledby="categories-h">
        <h2 id="categories-h">{t("home.categories")}</h2>
        <ul className="chips">
          {categories.map((c) => (
            <li key={c.slug}>
              <Link to={lp(`/categories/${c.slug}`)}>
                {c.name} <small>({t("home.productCount", { count: c.products })})</small>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section className="section" aria-labelledby="regions-h">
        <h2 id="regions-h">{t("home.regions")}</h2>
        <ul className="chips">
          {regions.map((r) => (
            <li key={r.slug}>
              <Link to={lp(`/regions/${r.slug}`)}>
                {r.name} <small>({t("home.producerCount", { count: r.producers })})</small>
              </Link>
            </li>
          ))}
        </ul>
      </section>

      <section className="section" aria-labelledby="producers-h">
        <h2 id="producers-h">{t("home.producers")}</h2>
        <div className="grid">
          {producers.map((p) => (
            <article key={p.slug} className="card">
              <Link to={lp(`/producers/${p.slug}`)}>
                <div className="body">
                  <h3>{p.name}</h3>
                  <p className="meta">
                    {p.region} · {t(`scale.${p.scale}`)}
                  </p>
                  <p>
                    {p.certifications.map((c) => (
                      <span key={c} className="cert">
                        {t(`cert.${c}`)}
                      </span>
                    ))}
                  </p>
                </div>
              </Link>
            </article>
          ))}
        </div>
      </section>
    </div>
  );
}
