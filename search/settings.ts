/**
 * Index settings as code: applied idempotently on start and before a reindex.
 * Indonesian and English live side by side in one document (name_id / name_en ...),
 * with localized attributes so each is tokenized in its own language.
 */
import type { Settings } from "meilisearch";

/** Two-way synonyms between Indonesian and English (and common local words). */
export const SYNONYM_GROUPS: string[][] = [
  ["rotan", "rattan"],
  ["madu", "honey"],
  ["anyaman", "woven", "weaving", "anyam"],
  ["kain", "cloth", "fabric", "textile"],
  ["kopi", "coffee"],
  ["purun", "sedge"],
  ["tas", "bag"],
  ["keranjang", "basket", "jawet"],
  ["tikar", "mat"],
  ["topi", "hat"],
  ["manik", "manik-manik", "beads", "beadwork"],
  ["kerupuk", "crackers"],
  ["amplang", "fish crackers"],
  ["herbal", "jamu"],
  ["teh", "tea"],
  ["gula", "sugar"],
  ["ikan", "fish"],
  ["batik", "sasirangan"],
];

export function synonyms(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const group of SYNONYM_GROUPS) for (const word of group) out[word] = group.filter((w) => w !== word);
  return out;
}

export const productIndexSettings: Settings = {
  searchableAttributes: [
    "name_id",
    "name_en",
    "category_id",
    "category_en",
    "producer",
    "regency",
    "province",
    "description_id",
    "description_en",
    "certifications",
  ],
  filterableAttributes: [
    "category",
    "categoryPath",
    "province",
    "provinceCode",
    "regency",
    "regencyCode",
    "certifications",
    "exportReady",
    "price",
    "inStock",
    "producerSlug",
    "rating",
  ],
  sortableAttributes: ["price", "publishedAt", "rating", "ratingCount"],
  displayedAttributes: ["*"],
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness"],
  stopWords: [
    "dan",
    "yang",
    "dari",
    "di",
    "ke",
    "untuk",
    "dengan",
    "the",
    "a",
    "an",
    "of",
    "and",
    "for",
    "from",
    "with",
  ],
  synonyms: synonyms(),
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  localizedAttributes: [
    { attributePatterns: ["*_id"], locales: ["ind"] },
    { attributePatterns: ["*_en"], locales: ["eng"] },
  ],
  faceting: { maxValuesPerFacet: 100 },
  pagination: { maxTotalHits: 5000 },
};
