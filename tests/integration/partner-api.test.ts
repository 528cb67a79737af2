import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { productChanged } from "~/jobs/search-index.server";
import { ANONYMOUS_PER_MINUTE, issuePartnerToken, revokePartnerToken } from "~/domain/partners/partners.server";
import { loader as list } from "~/routes/api.v1.products._index";
import { loader as one } from "~/routes/api.v1.products.$slug";
import * as partners from "~/routes/($lang).trade.partners";
import { ensureIndex } from "../../search/indexing";
import { drainJobs } from "~/jobs/worker.server";
import { createProduct, createUser, signedInCookie } from "../helpers/fixtures";
import { formRequest, getRequest, thrown, unwrap } from "../helpers/http";

let slug: string;

beforeAll(async () => {
  await ensureIndex();
  const { product } = await createProduct({
    nameId: "Madu kelulut asli",
    nameEn: "Pure kelulut honey",
    regencyCode: "62.10",
    certs: ["HALAL"],
    category: { slug: "madu", nameId: "Madu", nameEn: "Honey" },
  });
  slug = product.slug;
  await productChanged(db, product.id);
  await drainJobs();
});

const call = (path: string, ip: string, token?: string) => {
  const request = new Request(`http://localhost:3999${path}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  return { request, params: { slug: path.split("/").pop()!.split("?")[0] }, context: { ip } };
};

describe("partner API", () => {
  it("lists published products with both languages, price, producer, region and certificates", async () => {
    const res = (await list(call("/api/v1/products?q=kelulut&category=madu&page=1", "192.0.2.1"))) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("X-RateLimit-Limit")).toBe(String(ANONYMOUS_PER_MINUTE));
    const body = await res.json();
    expect(body).toMatchObject({ page: 1, total: 1 });
    expect(body.items[0]).toMatchObject({
      slug,
      name: { id: "Madu kelulut asli", en: "Pure kelulut honey" },
      price: { amount: "10000000", currency: "IDR" },
      region: { code: "62.10", regency: "Kabupaten Pulang Pisau", province: "Kalimantan Tengah" },
      certifications: ["HALAL"],
    });
  });

  it("returns one product, or a JSON 404", async () => {
    const res = (await one(call(`/api/v1/products/${slug}`, "192.0.2.2"))) as Response;
    const body = await res.json();
    expect(body).toMatchObject({ slug, name: { en: "Pure kelulut honey" }, description: { id: "Madu kelulut asli." } });
    expect(body.variants[0].price).toEqual({ amount: "10000000", currency: "IDR" });
    const missing = (await one(call("/api/v1/products/nope", "192.0.2.2"))) as Response;
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: "not_found" });
  });

  it("limits anonymous reads per IP and lets partners with a token read more", async () => {
    const ip = "192.0.2.50";
    for (let i = 0; i < ANONYMOUS_PER_MINUTE; i++)
      expect(((await list(call("/api/v1/products", ip))) as Response).status).toBe(200);
    const limited = await thrown(list(call("/api/v1/products", ip)));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    // another address is not affected
    expect(((await list(call("/api/v1/products", "192.0.2.51"))) as Response).status).toBe(200);

    const staff = await createUser({ roles: ["STAFF"] });
    const { token, id } = await issuePartnerToken(staff.id, "Toko Borneo SG", 1000);
    const withToken = (await list(call("/api/v1/products", ip, token))) as Response;
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get("X-RateLimit-Limit")).toBe("1000");

    await revokePartnerToken(staff.id, id);
    expect((await thrown(list(call("/api/v1/products", ip, token)))).status).toBe(401);
    expect((await thrown(list(call("/api/v1/products", ip, "anj_madeupmadeupmadeupmadeup")))).status).toBe(401);
    expect(await db.auditLog.count({ where: { entityId: id } })).toBe(2);
  });

  it("lets only staff issue tokens", async () => {
    const buyer = await createUser({ roles: ["BUYER"] });
    const producer = await createUser({ roles: ["PRODUCER"] });
    for (const u of [buyer, producer]) {
      const cookie = await signedInCookie(u.id);
      expect(
        (await thrown(partners.loader({ request: getRequest("/trade/partners", { cookie }), params: {}, context: {} })))
          .status,
      ).toBe(403);
      expect(
        (
          await thrown(
            partners.action({
              request: formRequest(
                "/trade/partners",
                { intent: "issue", name: "X", requestsPerMinute: "600" },
                { cookie },
              ),
              params: {},
              context: {},
            }),
          )
        ).status,
      ).toBe(403);
    }
    const staff = await createUser({ roles: ["STAFF"] });
    const before = await db.partnerToken.count();
    const r = unwrap(
      await partners.action({
        request: formRequest(
          "/trade/partners",
          { intent: "issue", name: "Mitra KL", requestsPerMinute: "600" },
          { cookie: await signedInCookie(staff.id) },
        ),
        params: {},
        context: {},
      }),
    );
    expect((r.body as { issued: { token: string } }).issued.token).toMatch(/^anj_/);
    expect(await db.partnerToken.count()).toBe(before + 1);
  });
});
