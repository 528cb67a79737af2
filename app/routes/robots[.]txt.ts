import { appUrl } from "~/lib/env.server";

/** robots.txt: private and transactional pages are not for crawlers; the sitemap by its absolute URL. */
export function loader() {
  const origin = appUrl();
  const privatePaths = [
    "/account",
    "/cart",
    "/checkout",
    "/orders",
    "/sell",
    "/trade",
    "/rfq",
    "/login",
    "/signup",
    "/webhooks",
    "/api",
  ];
  const lines = [
    "User-agent: *",
    "Allow: /",
    ...privatePaths
      .flatMap((p) => [`Disallow: ${p}`, `Disallow: /en${p}`])
      .filter((l) => !l.startsWith("Disallow: /en/webhooks") && !l.startsWith("Disallow: /en/api")),
    `Sitemap: ${origin}/sitemap.xml`,
    "",
  ];
  return new Response(lines.join("\n"), {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
