/** The Meilisearch client and index names (a prefix per deployment / test run). */
import { Meilisearch } from "meilisearch";
import { getEnv } from "../app/lib/env.server";

let cached: { key: string; client: Meilisearch } | undefined;

export function getMeili(): Meilisearch {
  const env = getEnv();
  const key = `${env.MEILI_HOST}|${env.MEILI_MASTER_KEY}`;
  if (!cached || cached.key !== key) {
    cached = { key, client: new Meilisearch({ host: env.MEILI_HOST, apiKey: env.MEILI_MASTER_KEY || undefined, timeout: 5_000 }) };
  }
  return cached.client;
}

export function indexName(base: "products"): string {
  return `${getEnv().MEILI_INDEX_PREFIX}${base}`;
}
