import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { parseSearchParams, searchProducts, buildFilter } from "~/domain/catalogue/search.server";
import { productChanged } from "~/jobs/search-index.server";
import * as productRoute from "~/routes/($lang).products.$slug";
import * as categoryRoute from "~/routes/($lang).categories.$slug";
import * as regionRoute from "~/routes/($lang).regions.$slug";
import * as searchRoute from "~/routes/($lang).search";
import { loader as sitemap } from "~/routes/sitemap[.]xml";
import { ensureIndex } from "../../search/indexing";
import { drainJobs } from "~/jobs/worker.server";
import { createProduct } from "../helpers/fixtures";
import { getRequest, thrown, unwrap } from "../helpers/http";

const q = (qs: string) => parseSearchParams(new URL(`http://x/search?${qs}`));
const slugs = async (qs: string, locale: "id" | "en" = "id") =>
  (await searchProducts(q(qs), locale)).items.map((i) => i.slug);

let basket: Awaited<ReturnType<typeof createProduct>>;
let honey: Awaited<ReturnType<typeof createProduct>>;
let coffee: Awaited<ReturnType<typeof createProduct>>;
let mat: Awaited<ReturnType<typeof createProduct>>;
let draft: Awaited<ReturnType<typeof createProduct>>;

beforeAll(async () => {
  await ensureIndex();
  const weaving = { slug: "anyaman-rotan", nameId: "Anyaman rotan", nameEn: "Rattan weaving", parentSlug: "anyaman" };
  basket = await createProduct({
    nameId: "Jawet Uei anyaman rotan",
    nameEn: "Jawet Uei back basket",
    category: weaving,
    regencyCode: "62.09",
    priceIdr: 350_000,
    exportReady: true,
  });
  honey = await createProduct({
    nameId: "Madu kelulut asli",
    nameEn: "Pure kelulut nectar",
    category: { slug: "madu", nameId: "Madu", nameEn: "Honey" },
    regencyCode: "62.10",
    priceIdr: 120_000,
    certs: ["HALAL", "PIRT"],
  });
  coffee = await createProduct({
    nameId: "Kopi bubuk Aranio",
    nameEn: "Aranio ground kopi",
    category: { slug: "kopi", nameId: "Kopi", nameEn: "Kopi" },
    regencyCode: "63.03",
    priceIdr: 45_000,
    certs: ["PIRT"],
  });
  mat = await createProduct({
    nameId: "Tikar purun",
    nameEn: "Purun floor mat",
    category: { slug: "anyaman-purun", nameId: "Anyaman purun", nameEn: "Purun weaving", parentSlug: "anyaman" },
    regencyCode: "63.06",
    priceIdr: 85_000,
  });
  draft = await createProduct({ nameId: "Tas rotan rahasia", nameEn: "Secret rattan bag", status: "DRAFT" });
  for (const p of [basket, honey, coffee, mat, draft]) await productChanged(db, p.product.id);
  await drainJobs();
});

describe("search", () => {
  it("tolerates typos", async () => {
    expect(await slugs("q=rottan")).toContain(basket.product.slug);
    expect(await slugs("q=kelullut")).toContain(honey.product.slug);
  });

  it("understands Indonesian and English synonyms both ways", async () => {
    expect(await slugs("q=honey", "en")).toContain(honey.product.slug); // madu ↔ honey
    expect(await slugs("q=coffee", "en")).toContain(coffee.product.slug); // kopi ↔ coffee
    expect(await slugs("q=sedge", "en")).toContain(mat.product.slug); // purun ↔ sedge
    expect(await slugs("q=woven")).toContain(basket.product.slug); // anyaman ↔ woven
    expect(await slugs("q=rattan")).toContain(basket.product.slug);
  });

  it("never shows drafts", async () => {
    expect(await slugs("q=rahasia")).not.toContain(draft.product.slug);
  });

  it("filters and counts every facet", async () => {
    const all = await searchProducts(q(""), "id");
    expect(all.total).toBe(4);
    expect(all.facets.category.find((f) => f.value === "anyaman")).toMatchObject({ count: 2, label: "anyaman" });
    expect(all.facets.province.find((f) => f.value === "62")).toMatchObject({ count: 2, label: "Kalimantan Tengah" });
    expect(all.facets.regency.find((f) => f.value === "63.06")).toMatchObject({
      count: 1,
      label: "Kab. Hulu Sungai Selatan",
    });
    expect(all.facets.cert.find((f) => f.value === "PIRT")?.count).toBe(2);
    expect(all.facets.export).toBe(1);
    expect(all.priceRange).toEqual({ min: 45_000, max: 350_000 });

    expect((await slugs("category=anyaman")).sort()).toEqual([basket.product.slug, mat.product.slug].sort());
    expect(await slugs("province=63")).toHaveLength(2);
    expect(await slugs("regency=62.10")).toEqual([honey.product.slug]);
    expect(await slugs("cert=HALAL")).toEqual([honey.product.slug]);
    expect(await slugs("cert=HALAL&cert=PIRT")).toEqual([honey.product.slug]);
    expect(await slugs("export=1")).toEqual([basket.product.slug]);
    expect((await slugs("min=80000&max=130000")).sort()).toEqual([honey.product.slug, mat.product.slug].sort());
  });

  it("sorts by price both ways and by newest", async () => {
    expect(await slugs("sort=price_asc")).toEqual([coffee, mat, honey, basket].map((p) => p.product.slug));
    expect(await slugs("sort=price_desc")).toEqual([basket, honey, mat, coffee].map((p) => p.product.slug));
    expect(await slugs("sort=newest")).toHaveLength(4);
  });

  it("highlights matches with markers the page renders as <mark>", async () => {
    const r = await searchProducts(q("q=kelulut"), "id");
    expect(r.items[0].highlightedName).toBe("Madu \uE000kelulut\uE001 asli");
  });

  it("refuses filter injection: only validated values reach Meilisearch", () => {
    const p = q(
      `category=${encodeURIComponent('x" OR categoryPath EXISTS')}&province=62%20OR%201&cert=DROP&min=-1&sort=evil&page=99999`,
    );
    expect(p).toMatchObject({
      category: undefined,
      province: undefined,
      cert: [],
      min: undefined,
      sort: "relevance",
      page: 1,
    });
    expect(buildFilter(p)).toEqual([]);
  });

  it("renders the search route with the query kept in the URL state", async () => {
    const res = unwrap(
      await searchRoute.loader({
        request: getRequest("/en/search?q=rattan&category=anyaman"),
        params: { lang: "en" },
        context: {},
      }),
    );
    const body = res.body as Awaited<ReturnType<typeof searchRoute.loader>>;
    expect(body.query).toMatchObject({ q: "rattan", category: "anyaman" });
    expect(body.result.items.map((i) => i.slug)).toContain(basket.product.slug);
  });

  it("degrades to PostgreSQL when Meilisearch is down, and says so", async () => {
    const saved = process.env.MEILI_HOST;
    process.env.MEILI_HOST = "http://127.0.0.1:9";
    try {
      const r = await searchProducts(q("q=kelulut"), "id");
      expect(r.degraded).toBe(true);
      expect(r.items.map((i) => i.slug)).toEqual([honey.product.slug]);
      expect((await searchProducts(q("category=anyaman"), "id")).items).toHaveLength(2);
      // category and region pages never needed search
      const cat = unwrap(
        await categoryRoute.loader({
          request: getRequest("/categories/anyaman"),
          params: { slug: "anyaman" },
          context: {},
        }),
      );
      expect((cat.body as { category: { products: { total: number } } }).category.products.total).toBe(2);
    } finally {
      process.env.MEILI_HOST = saved;
    }
  });
});

describe("catalogue pages", () => {
  it("shows a product with its valid certificates, and 404s for drafts and unknown slugs", async () => {
    const page = unwrap(
      await productRoute.loader({ request: getRequest("/"), params: { slug: honey.product.slug }, context: {} }),
    );
    const body = page.body as Awaited<ReturnType<typeof productRoute.loader>>;
    expect(body.product.certifications.map((c) => c.type).sort()).toEqual(["HALAL", "PIRT"]);
    expect(body.product.variants[0]).toMatchObject({ price: 12_000_000n, currency: "IDR", inStock: true });
    expect(
      (
        await thrown(
          productRoute.loader({ request: getRequest("/"), params: { slug: draft.product.slug }, context: {} }),
        )
      ).status,
    ).toBe(404);
    expect(
      (await thrown(productRoute.loader({ request: getRequest("/"), params: { slug: "nope" }, context: {} }))).status,
    ).toBe(404);
  });

  it("hides products of a producer that is not verified", async () => {
    const pending = await createProduct({
      nameId: "Amplang pending",
      nameEn: "Pending amplang",
      producerStatus: "PENDING",
    });
    expect(
      (
        await thrown(
          productRoute.loader({ request: getRequest("/"), params: { slug: pending.product.slug }, context: {} }),
        )
      ).status,
    ).toBe(404);
  });

  it("lists provinces and kabupaten, and 404s for unknown regions and categories", async () => {
    const kalteng = unwrap(
      await regionRoute.loader({ request: getRequest("/"), params: { slug: "kalteng" }, context: {} }),
    ).body as Awaited<ReturnType<typeof regionRoute.loader>>;
    expect(kalteng.region.regencies.length).toBe(14);
    expect(kalteng.region.products.total).toBe(2);
    const katingan = unwrap(
      await regionRoute.loader({ request: getRequest("/"), params: { slug: "katingan" }, context: {} }),
    ).body as Awaited<ReturnType<typeof regionRoute.loader>>;
    expect(katingan.region.products.items.map((i) => i.slug)).toContain(basket.product.slug);
    expect(
      (await thrown(regionRoute.loader({ request: getRequest("/"), params: { slug: "atlantis" }, context: {} })))
        .status,
    ).toBe(404);
    expect(
      (await thrown(categoryRoute.loader({ request: getRequest("/"), params: { slug: "nope" }, context: {} }))).status,
    ).toBe(404);
  });

  it("puts every public page in the sitemap in both languages", async () => {
    const xml = await (await sitemap()).text();
    expect(xml).toContain(`http://localhost:3999/products/${basket.product.slug}`);
    expect(xml).toContain(`http://localhost:3999/en/products/${basket.product.slug}`);
    expect(xml).toContain('hreflang="en"');
    expect(xml).not.toContain(draft.product.slug);
  });
});
