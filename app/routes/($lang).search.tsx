import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "~/lib/translate";
import { ProductCard } from "~/components/product-card";
import { Pagination } from "~/components/pagination";
import { parseSearchParams, searchProducts } from "~/domain/catalogue/search.server";
import { HL_POST, HL_PRE, SORTS } from "~/domain/catalogue/search-options";
import { localePath } from "~/lib/i18n";
import { routeLocale } from "~/lib/request.server";
import { pageMeta } from "~/lib/seo";

/** The locale namespaces this page's components use (app/lib/route-messages.test.ts). */
export const handle = { i18n: ["cert", "list", "product", "search", "units"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = routeLocale(params);
  const query = parseSearchParams(new URL(request.url));
  const result = await searchProducts(query, locale);
  return { locale, query, result };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  ...pageMeta({ title: data?.query.q || "Search", description: data?.query.q ?? "", locale: data?.locale }),
  { name: "robots", content: "noindex, follow" },
];

/** Renders Meilisearch's highlight markers as <mark>, everything else as escaped text. */
function Highlighted({ text, pre, post }: { text: string; pre: string; post: string }) {
  const parts: React.ReactNode[] = [];
  let rest = text;
  let i = 0;
  while (rest.length) {
    const a = rest.indexOf(pre);
    if (a < 0) {
      parts.push(rest);
      break;
    }
    const b = rest.indexOf(post, a + pre.length);
    if (b < 0) {
      parts.push(rest.replaceAll(pre, ""));
      break;
    }
    if (a > 0) parts.push(rest.slice(0, a));
    parts.push(<mark key={i++}>{rest.slice(a + pre.length, b)}</mark>);
    rest = rest.slice(b + post.length);
  }
  return <>{parts}</>;
}

export default function SearchRoute() {
  const { locale, query, result } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const searching = useNavigation().state === "loading";
  useEffect(() => () => clearTimeout(timer.current), []);

  // With JavaScript, results follow the filters and the typing; without it, the Apply button submits.
  const update = (delay: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!formRef.current) return;
      const fd = new FormData(formRef.current);
      fd.delete("page");
      for (const [k, v] of [...fd.entries()]) if (v === "") fd.delete(k);
      submit(fd, { method: "get", replace: true, preventScrollReset: true });
    }, delay);
  };

  const f = result.facets;
  return (
    <div className="container search-page">
      <h1>{query.q ? t("search.titleFor", { q: query.q }) : t("search.title")}</h1>
      {result.degraded && (
        <p className="form-error" role="status" data-testid="search-degraded">
          {t("search.degraded")}
        </p>
      )}
      <Form
        method="get"
        ref={formRef}
        className="search-layout"
        onChange={(e) => update((e.target as HTMLElement).getAttribute("type") === "search" ? 250 : 0)}
      >
        <div className="search-main">
          <div className="field search-field">
            <label htmlFor="q">{t("search.keywords")}</label>
            <input
              id="q"
              type="search"
              name="q"
              defaultValue={query.q}
              placeholder={t("nav.searchPlaceholder")}
              autoComplete="off"
            />
          </div>
          <div className="field">
            <label htmlFor="sort">{t("search.sort")}</label>
            <select id="sort" name="sort" defaultValue={query.sort}>
              {SORTS.map((s) => (
                <option key={s} value={s}>
                  {t(`search.sort_${s}`)}
                </option>
              ))}
            </select>
          </div>
          <p className="meta" data-testid="result-count" aria-live="polite">
            {searching ? t("search.searching") : t("list.count", { count: result.total })}
          </p>
          {result.items.length === 0 ? (
            <p>{t("search.none")}</p>
          ) : (
            <div className="grid" data-testid="search-results">
              {result.items.map((p, i) => (
                <ProductCard
                  key={p.slug}
                  product={p}
                  locale={locale}
                  eager={i < 2}
                  title={<Highlighted text={p.highlightedName} pre={HL_PRE} post={HL_POST} />}
                />
              ))}
            </div>
          )}
          <Pagination page={result.page} pages={result.pages} />
        </div>
        <aside className="facets" aria-label={t("search.filters")}>
          <FacetGroup name="category" legend={t("search.category")} values={f.category} selected={query.category} />
          <FacetGroup name="province" legend={t("search.province")} values={f.province} selected={query.province} />
          <FacetGroup name="regency" legend={t("search.regency")} values={f.regency} selected={query.regency} />
          {f.cert.length > 0 && (
            <fieldset>
              <legend>{t("search.certification")}</legend>
              {f.cert.map((c) => (
                <label key={c.value} className="facet">
                  <input
                    type="checkbox"
                    name="cert"
                    value={c.value}
                    defaultChecked={query.cert.includes(c.value as never)}
                  />{" "}
                  {t(`cert.${c.value}`)} <small>({c.count})</small>
                </label>
              ))}
            </fieldset>
          )}
          <fieldset>
            <legend>{t("search.export")}</legend>
            <label className="facet">
              <input type="checkbox" name="export" value="1" defaultChecked={query.export === "1"} />{" "}
              {t("search.exportReady")} {!result.degraded && <small>({f.export})</small>}
            </label>
          </fieldset>
          <fieldset>
            <legend>{t("search.rating")}</legend>
            <label className="facet">
              <input type="checkbox" name="rating" value="4" defaultChecked={query.rating === "4"} />{" "}
              {t("search.rating4")}
            </label>
          </fieldset>
          <fieldset>
            <legend>{t("search.price")}</legend>
            {result.priceRange && (
              <p className="meta">
                {t("search.priceRange", {
                  min: result.priceRange.min.toLocaleString(locale === "en" ? "en-GB" : "id-ID"),
                  max: result.priceRange.max.toLocaleString(locale === "en" ? "en-GB" : "id-ID"),
                })}
              </p>
            )}
            <div className="price-inputs">
              <label>
                {t("search.min")}{" "}
                <input
                  type="number"
                  name="min"
                  min={0}
                  step={1000}
                  inputMode="numeric"
                  defaultValue={query.min ?? ""}
                />
              </label>
              <label>
                {t("search.max")}{" "}
                <input
                  type="number"
                  name="max"
                  min={0}
                  step={1000}
                  inputMode="numeric"
                  defaultValue={query.max ?? ""}
                />
              </label>
            </div>
          </fieldset>
          <button type="submit">{t("search.apply")}</button>{" "}
          <a href={localePath("/search", locale) + (query.q ? `?q=${encodeURIComponent(query.q)}` : "")}>
            {t("search.clear")}
          </a>
        </aside>
      </Form>
    </div>
  );
}

function FacetGroup({
  name,
  legend,
  values,
  selected,
}: {
  name: string;
  legend: string;
  values: Array<{ value: string; label: string; count: number }>;
  selected?: string;
}) {
  const { t } = useTranslation();
  if (values.length === 0 && !selected) return null;
  return (
    <fieldset>
      <legend>{legend}</legend>
      <label className="facet">
        <input type="radio" name={name} value="" defaultChecked={!selected} /> {t("search.any")}
      </label>
      {values.map((v) => (
        <label key={v.value} className="facet">
          <input type="radio" name={name} value={v.value} defaultChecked={selected === v.value} /> {v.label}{" "}
          <small>({v.count})</small>
        </label>
      ))}
    </fieldset>
  );
}
