import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useNonce } from "~/lib/nonce";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useMemo } from "react";
import { I18nProvider, useTranslation } from "~/lib/translate";
import stylesheet from "~/styles/app.css";
import { SiteFooter, SiteHeader } from "~/components/site-chrome";
import { NoticeBanner } from "~/components/forms";
import {
  locales,
  localePath,
  localeFromParam,
  stripLocale,
  defaultLocale,
  type AppLocale,
  type Messages,
  type RouteHandle,
} from "~/lib/i18n";
import { messagesFor } from "~/lib/i18n.server";
import { getUser } from "~/lib/session.server";
import { csrfTokenFor } from "~/lib/csrf.server";
import { appUrl } from "~/lib/env.server";
import { cartItemCount } from "~/domain/orders/cart.server";
import { cartOwner, currencyFromCookie } from "~/lib/cookies.server";
import { displayRate, isDisplayCurrency, DISPLAY_CURRENCIES } from "~/domain/catalogue/currency.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** What the header, footer, notices and error pages say; every page ships these (route-messages.server.ts). */
export const handle: RouteHandle = { i18n: ["currency", "errors", "footer", "form", "meta", "nav", "notice"] };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = localeFromParam(params.lang) ?? defaultLocale;
  const url = new URL(request.url);
  const user = await getUser(request);
  const currency =
    (await currencyFromCookie(request)) ?? (isDisplayCurrency(user?.displayCurrency) ? user.displayCurrency : "IDR");
  return {
    locale,
    messages: messagesFor(locale, handle.i18n),
    csrf: csrfTokenFor(request, context),
    user: user && { name: user.name, roles: user.roles },
    cartCount: await cartItemCount(await cartOwner(request, user?.id ?? null)),
    path: stripLocale(url.pathname) + url.search,
    currency,
    currencies: DISPLAY_CURRENCIES,
    displayRate: await displayRate(currency),
    origin: appUrl(),
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

// The root data changes with the language, the signed-in user and the cart.
export const shouldRevalidate: ShouldRevalidateFunction = ({
  formMethod,
  currentParams,
  nextParams,
  defaultShouldRevalidate,
}) => {
  if (formMethod && formMethod !== "GET") return defaultShouldRevalidate;
  if (currentParams.lang !== nextParams.lang) return true;
  return false;
};

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  const t = data?.messages as { meta?: { title: string; description: string } } | undefined;
  return [{ title: t?.meta?.title ?? "Anjung" }, { name: "description", content: t?.meta?.description ?? "" }];
};

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const locale: AppLocale = data?.locale ?? defaultLocale;
  const page = useRouteLoaderData<{ messages: Messages }>("routes/($lang)");
  const messages = useMemo(
    () => ({ ...(data?.messages ?? {}), ...(page?.messages ?? {}) }) as Messages,
    [data?.messages, page?.messages],
  );
  const location = useLocation();
  const path = stripLocale(location.pathname) + location.search;
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#7a3b12" />
        <Meta />
        {data &&
          locales.map((l) => (
            <link
              key={l}
              rel="alternate"
              hrefLang={l}
              href={`${data.origin}${localePath(stripLocale(location.pathname), l)}`}
            />
          ))}
        {data && <link rel="alternate" hrefLang="x-default" href={`${data.origin}${stripLocale(location.pathname)}`} />}
        {data && <link rel="canonical" href={`${data.origin}${localePath(stripLocale(location.pathname), locale)}`} />}
        <Links />
      </head>
      <body>
        <I18nProvider locale={locale} messages={messages}>
          {data ? (
            <>
              <SiteHeader locale={locale} path={path} user={data.user} cartCount={data.cartCount} csrf={data.csrf} />
              <main id="main">
                <NoticeBanner />
                {children}
              </main>
              <SiteFooter
                locale={locale}
                currency={data.currency}
                currencies={[...data.currencies]}
                path={path}
                csrf={data.csrf}
              />
            </>
          ) : (
            <main id="main">{children}</main>
          )}
        </I18nProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const data = useRouteLoaderData<typeof loader>("root");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!data) {
    return (
      <div className="container page-error">
        <h1>{status}</h1>
      </div>
    );
  }
  const kind = status === 404 ? "notFound" : status === 403 ? "forbidden" : "server";
  return (
    <div className="container page-error">
      <p className="error-code">{status}</p>
      <h1>{t(`errors.${kind}Title`)}</h1>
      <p>{t(`errors.${kind}Text`)}</p>
      <p>
        <Link to={localePath("/", data.locale)}>{t("errors.backHome")}</Link>
      </p>
    </div>
  );
}
