import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/lib/translate";
import { localePath, switchLocalePath, type AppLocale } from "~/lib/i18n";
import { CsrfInput } from "./forms";

type Props = {
  locale: AppLocale;
  path: string;
  user: { name: string; roles: string[] } | null;
  cartCount: number;
  csrf: string;
};

export function SiteHeader({ locale, path, user, cartCount, csrf }: Props) {
  const { t } = useTranslation();
  const other: AppLocale = locale === "id" ? "en" : "id";
  const lp = (p: string) => localePath(p, locale);
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <div className="container header-row">
        <Link to={lp("/")} className="brand" aria-label={t("nav.home")}>
          <svg aria-hidden="true" width="28" height="28" viewBox="0 0 32 32">
            <path d="M16 3 3 13h4v15h18V13h4L16 3Z" fill="#7a3b12" />
            <path d="M10 16h12M10 20h12M10 24h12" stroke="#f3d9a4" strokeWidth="2" />
          </svg>
          <span>Anjung</span>
        </Link>
        <form method="get" action={lp("/search")} role="search" className="search-box">
          <label htmlFor="site-search" className="visually-hidden">
            {t("nav.searchLabel")}
          </label>
          <input id="site-search" type="search" name="q" placeholder={t("nav.searchPlaceholder")} autoComplete="off" />
          <button type="submit">{t("nav.searchButton")}</button>
        </form>
        <nav className="header-nav" aria-label={t("nav.account")}>
          <Link
            to={switchLocalePath(path, other)}
            hrefLang={other}
            lang={other}
            aria-label={t("nav.switchToLabel")}
            className="lang-switch"
          >
            {t("nav.switchTo")}
          </Link>
          <Link to={lp("/cart")} className="cart-link" aria-label={t("nav.cartCount", { count: cartCount })}>
            {t("nav.cart")}{" "}
            <span className="badge" data-testid="cart-count">
              {cartCount}
            </span>
          </Link>
          {user ? (
            <>
              {(user.roles.includes("PRODUCER") || user.roles.includes("ADMIN")) && (
                <Link to={lp("/sell")}>{t("nav.sell")}</Link>
              )}
              {(user.roles.includes("STAFF") || user.roles.includes("ADMIN")) && (
                <Link to={lp("/trade")}>{t("nav.trade")}</Link>
              )}
              {user.roles.includes("FACILITATOR") && <Link to={lp("/facilitate")}>{t("nav.facilitate")}</Link>}
              <Link to={lp("/account")} data-testid="account-link">
                {user.name}
              </Link>
              <Form method="post" action={lp("/logout")} className="inline-form">
                <CsrfInput value={csrf} />
                <button type="submit" className="link-button">
                  {t("nav.signOut")}
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to={lp("/login")}>{t("nav.signIn")}</Link>
              <Link to={lp("/signup")} className="button-small">
                {t("nav.signUp")}
              </Link>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}

type FooterProps = { locale: AppLocale; currency: string; currencies: string[]; path: string; csrf: string };

export function SiteFooter({ locale, currency, currencies, path, csrf }: FooterProps) {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t("footer.about")}</p>
        <Form method="post" action={localePath("/currency", locale)} className="currency-form">
          <CsrfInput value={csrf} />
          <input type="hidden" name="returnTo" value={localePath(path, locale)} />
          <label htmlFor="display-currency">{t("currency.label")}</label>{" "}
          <select id="display-currency" name="currency" defaultValue={currency}>
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>{" "}
          <button type="submit" className="button-small-solid">
            {t("currency.apply")}
          </button>
        </Form>
        <p>
          <Link to={localePath("/rfq", locale)} data-testid="footer-rfq">
            {t("footer.quote")}
          </Link>
        </p>
        <p>
          {t("footer.rights", { year: new Date().getFullYear() })} · <a href="/healthz">{t("footer.health")}</a> ·{" "}
          <Link to={localePath("/", locale)}>{t("nav.home")}</Link>
        </p>
      </div>
    </footer>
  );
}
