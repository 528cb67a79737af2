/** Meta tags shared by catalogue pages: title, description, Open Graph. */
import type { MetaDescriptor } from "@remix-run/react";
import { jsonReplacer } from "~/domain/money";

export function pageMeta(opts: {
  title: string;
  description: string;
  url?: string;
  image?: string;
  type?: string;
  locale?: string;
}): MetaDescriptor[] {
  const title = `${opts.title} · Anjung`;
  const description = opts.description.slice(0, 200);
  const tags: MetaDescriptor[] = [
    { title },
    { name: "description", content: description },
    { property: "og:title", content: opts.title },
    { property: "og:description", content: description },
    { property: "og:type", content: opts.type ?? "website" },
    { property: "og:site_name", content: "Anjung" },
  ];
  if (opts.locale) tags.push({ property: "og:locale", content: opts.locale === "en" ? "en_GB" : "id_ID" });
  if (opts.url) tags.push({ property: "og:url", content: opts.url });
  if (opts.image) tags.push({ property: "og:image", content: opts.image });
  return tags;
}

/** JSON-LD inside a <script>, with "<" escaped so no text can close the tag. */
export function jsonLd(data: unknown): string {
  return JSON.stringify(data, jsonReplacer).replace(/</g, "\\u003c");
}
