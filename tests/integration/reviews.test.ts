/**
 * Reviews against the real database and Meilisearch: only a buyer whose parcel arrived may
 * review, one review per buyer and product with its edits kept, counts that hold under
 * concurrent reviews, one producer reply, audited moderation, and the rating in search.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { confirmBankTransfer } from "~/domain/payments/payments.server";
import {
  moderateReview,
  ratingSummary,
  replyToReview,
  ReviewRefused,
  writeReview,
} from "~/domain/reviews/reviews.server";
import { parseSearchParams, searchProducts } from "~/domain/catalogue/search.server";
import { ensureIndex } from "../../search/indexing";
import { drainJobs } from "~/jobs/worker.server";
import * as productRoute from "~/routes/($lang).products.$slug";
import { createUser } from "../helpers/fixtures";
import { ImageRefused } from "~/domain/media/index.server";
import sharp from "sharp";
import { getRequest } from "../helpers/http";
import { completeParcels, orderFor, sellable } from "../helpers/orders";

let staffId = "";

/** A buyer account that bought one unit of the variant and paid; its parcel is not shipped yet. */
async function buyer(variantId: string) {
  const u = await createUser();
  const order = await orderFor([{ variantId, quantity: 1 }], { email: u.email }, u.id);
  expect(await confirmBankTransfer(staffId, order.id, order.transferAmount!)).toBe("paid");
  return { user: u, order };
}

async function refused(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ReviewRefused);
  return (err as ReviewRefused).reason;
}

beforeAll(async () => {
  staffId = (await createUser({ roles: ["STAFF"] })).id;
});

describe("who may review", () => {
  it("only after the parcel arrived, only what the buyer bought, and one review per buyer that edits keep", async () => {
    const s = await sellable({ stock: 50 });
    const b = await buyer(s.variant.id);
    expect(await refused(writeReview(b.user.id, s.product.id, { rating: 5, body: "Belum sampai" }, []))).toBe(
      "not-received",
    );
    const stranger = await createUser();
    expect(await refused(writeReview(stranger.id, s.product.id, { rating: 1, body: "Tidak beli" }, []))).toBe(
      "not-received",
    );
    await completeParcels(b.order.id);
    const first = await writeReview(b.user.id, s.product.id, { rating: 4, body: "Madunya harum." }, []);
    expect(first.edited).toBe(false);
    const edit = await writeReview(b.user.id, s.product.id, { rating: 2, body: "Tutupnya bocor." }, []);
    expect(edit.edited).toBe(true);
    expect(await db.review.count({ where: { productId: s.product.id } })).toBe(1);
    const revisions = await db.reviewRevision.findMany({ where: { reviewId: first.review.id } });
    expect(revisions.map((r) => [r.rating, r.body])).toEqual([[4, "Madunya harum."]]);
    expect(await db.product.findUniqueOrThrow({ where: { id: s.product.id } })).toMatchObject({
      ratingCount: 1,
      ratingSum: 2,
    });
    expect(await db.auditLog.count({ where: { entityId: first.review.id } })).toBe(0);
  });
});

describe("photos", () => {
  it("go through the image pipeline's refusals: a file that is not an image refuses the review, nothing is written", async () => {
    const s = await sellable({ stock: 10 });
    const b = await buyer(s.variant.id);
    await completeParcels(b.order.id);
    const notImage = Buffer.from("%PDF-1.7 this is not a photo");
    const err = await writeReview(b.user.id, s.product.id, { rating: 5, body: "Foto" }, [notImage]).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ImageRefused);
    expect(await db.review.count({ where: { productId: s.product.id } })).toBe(0);
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#b26a00" } })
      .png()
      .toBuffer();
    const { review } = await writeReview(b.user.id, s.product.id, { rating: 5, body: "Foto" }, [png]);
    expect(review.photos).toEqual([expect.objectContaining({ width: 64, height: 48 })]);
  });
});

describe("counts under concurrency", () => {
  it("20 buyers reviewing one product at once: every review is counted", async () => {
    const s = await sellable({ stock: 100 });
    const buyers = [];
    for (let i = 0; i < 20; i++) {
      const b = await buyer(s.variant.id);
      await completeParcels(b.order.id);
      buyers.push(b);
    }
    const ratings = buyers.map((_, i) => (i % 5) + 1);
    await Promise.all(
      buyers.map((b, i) => writeReview(b.user.id, s.product.id, { rating: ratings[i], body: `Ulasan ${i}` }, [])),
    );
    const p = await db.product.findUniqueOrThrow({ where: { id: s.product.id } });
    expect(p.ratingCount).toBe(20);
    expect(p.ratingSum).toBe(ratings.reduce((a, r) => a + r, 0));
    const summary = await ratingSummary(s.product.id);
    expect(summary.average).toBe(3);
    expect(summary.distribution.map((d) => d.count)).toEqual([4, 4, 4, 4, 4]);
  });
});

describe("replies and moderation", () => {
  it("the producer replies once (five taps at once make one reply); another producer cannot", async () => {
    const s = await sellable({ stock: 10 });
    const other = await sellable({ stock: 10 });
    const b = await buyer(s.variant.id);
    await completeParcels(b.order.id);
    const { review } = await writeReview(b.user.id, s.product.id, { rating: 5, body: "Bagus" }, []);
    const owner = await createUser({ roles: ["PRODUCER"] });
    expect(await refused(replyToReview(other.producer.id, owner.id, review.id, "Bukan saya"))).toBe("not-yours");
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => replyToReview(s.producer.id, owner.id, review.id, `Terima kasih ${i}`)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect((r.reason as ReviewRefused).reason).toBe("already-replied");
    expect((await db.review.findUniqueOrThrow({ where: { id: review.id } })).producerReply).toMatch(/^Terima kasih/);
  });

  it("staff hide a review with a reason (audited): it leaves the rating and the page, and can come back", async () => {
    const s = await sellable({ stock: 10 });
    const b = await buyer(s.variant.id);
    await completeParcels(b.order.id);
    const { review } = await writeReview(b.user.id, s.product.id, { rating: 1, body: "Nomor HP saya 0812..." }, []);
    await moderateReview(staffId, review.id, { action: "hide", reason: "Berisi data pribadi" });
    expect(await db.product.findUniqueOrThrow({ where: { id: s.product.id } })).toMatchObject({
      ratingCount: 0,
      ratingSum: 0,
    });
    const log = await db.auditLog.findFirstOrThrow({ where: { entityId: review.id, action: "review.hidden" } });
    expect(log.actorId).toBe(staffId);
    expect(log.after).toMatchObject({ status: "HIDDEN", hiddenReason: "Berisi data pribadi" });
    const page = (await productRoute.loader({
      request: getRequest(`/products/${s.product.slug}`),
      params: { slug: s.product.slug },
      context: {},
    })) as { product: { rating: { count: number }; reviews: { reviews: unknown[] } } };
    expect(page.product.rating.count).toBe(0);
    expect(page.product.reviews.reviews).toHaveLength(0);
    await moderateReview(staffId, review.id, { action: "show" });
    expect((await db.product.findUniqueOrThrow({ where: { id: s.product.id } })).ratingCount).toBe(1);
  });
});

describe("search and the product page", () => {
  it("the average and count reach Meilisearch: sort by rating and filter four stars and up", async () => {
    await ensureIndex();
    const good = await sellable({ stock: 10, name: "Amplang ulasan bagus" });
    const poor = await sellable({ stock: 10, name: "Amplang ulasan kurang" });
    for (const [s, rating] of [
      [good, 5],
      [poor, 2],
    ] as const) {
      const b = await buyer(s.variant.id);
      await completeParcels(b.order.id);
      await writeReview(b.user.id, s.product.id, { rating, body: "Ulasan" }, []);
    }
    await drainJobs();
    const search = async (qs: string) =>
      (await searchProducts(parseSearchParams(new URL(`http://x/search?q=amplang+ulasan&${qs}`)), "id")).items.map(
        (i) => i.slug,
      );
    expect(await search("sort=rating")).toEqual([good.product.slug, poor.product.slug]);
    expect(await search("rating=4")).toEqual([good.product.slug]);

    const page = (await productRoute.loader({
      request: getRequest(`/products/${good.product.slug}`),
      params: { slug: good.product.slug },
      context: {},
    })) as { product: { rating: { count: number; average: number }; reviews: { reviews: Array<{ buyer: string }> } } };
    expect(page.product.rating).toMatchObject({ count: 1, average: 5 });
    // a reviewer shows as first name and initial, never the e-mail
    expect(page.product.reviews.reviews[0].buyer).toBe("Test U.");
  });
});
