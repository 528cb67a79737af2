import { sitemapEntries } from "~/domain/catalogue/listings.server";
import { appUrl } from "~/lib/env.server";
import { localePath, locales } from "~/lib/i18n";

function esc(s: string) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Every public page in both languages, with hreflang alternates. */
export async function loader() {
  const origin = appUrl();
  const e = await sitemapEntries();
  const all = [{ path: "/" }, ...e.categories, ...e.regions, ...e.producers, ...e.products] as Array<{
    path: string;
    lastmod?: Date;
  }>;
  const urls = all.flatMap((entry) =>
    locales.map((l) => {
      const alts = locales
        .map((a) => `<xhtml:link rel="alternate" hreflang="${a}" href="${esc(origin + localePath(entry.path, a))}"/>`)
        .join("");
      const lastmod = entry.lastmod ? `<lastmod>${entry.lastmod.toISOString().slice(0, 10)}</lastmod>` : "";
      return `<url><loc>${esc(origin + localePath(entry.path, l))}</loc>${lastmod}${alts}</url>`;
    }),
  );
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">${urls.join("")}</urlset>\n`;
  return new Response(xml, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
