/**
 * Reviews: a buyer who received a product (its parcel delivered or completed) rates it 1–5
 * with a text and up to three photos; one review per buyer and product, and editing it keeps
 * what it said before as a revision. Reviews show at once; staff look at each new one in a
 * queue and may hide it with a reason (audited). The product's producer may reply once.
 *
 * Each product keeps the count and the star sum of its visible reviews (`ratingCount`,
 * `ratingSum`) for its page, its JSON-LD and search. Every change takes the product row's
 * lock first and then recounts from the reviews, so concurrent reviews of one product never
 * lose a count; search follows through the product's search job in the same transaction.
 */
import { db, Prisma, type Tx } from "~/lib/db.server";
import { audit } from "../audit.server";
import { storeImage, uploadsDir } from "../media/index.server";
import { productChanged } from "~/jobs/search-index.server";

export const MAX_REVIEW_PHOTOS = 3;
export const REVIEWS_PER_PAGE = 10;

export type ReviewRefusal = "not-received" | "not-found" | "not-yours" | "already-replied";
export class ReviewRefused extends Error {
  constructor(readonly reason: ReviewRefusal) {
    super(`review: ${reason}`);
  }
}

export type ReviewInput = { rating: number; body: string };
export type ReviewPhoto = { key: string; width: number; height: number; widths: number[] };

/** Parcels in these states have reached the buyer. */
const RECEIVED = ["DELIVERED", "COMPLETED"] as const;

/** The buyer's received purchase of a product (the newest), or null. */
async function receivedLine(tx: Tx, buyerId: string, productId: string) {
  return tx.orderLine.findFirst({
    where: {
      variant: { productId },
      order: { buyerId },
      fulfilment: { status: { in: [...RECEIVED] } },
    },
    orderBy: { order: { createdAt: "desc" } },
    select: { id: true },
  });
}

/** Recounts a product's visible reviews; the caller holds the product row's lock. */
async function recount(tx: Tx, productId: string) {
  await tx.$executeRaw`
    UPDATE "Product" p SET "ratingCount" = r.n, "ratingSum" = r.s
      FROM (SELECT count(*)::int AS n, COALESCE(sum(rating), 0)::int AS s
              FROM "Review" WHERE "productId" = ${productId} AND status = 'VISIBLE') r
     WHERE p.id = ${productId}`;
  await productChanged(tx, productId);
}

async function lockProduct(tx: Tx, productId: string) {
  const rows = await tx.$queryRaw<Array<{ id: string; producerId: string }>>`
    SELECT id, "producerId" FROM "Product" WHERE id = ${productId} FOR UPDATE`;
  return rows[0] ?? null;
}

/**
 * Writes (or edits) the buyer's review of a product. Photos go through the image pipeline
 * first, so a refused image refuses the review before anything is written; an edit without
 * new photos keeps the old ones.
 */
export async function writeReview(buyerId: string, productId: string, input: ReviewInput, photos: Buffer[]) {
  if (!(await receivedLine(db, buyerId, productId))) throw new ReviewRefused("not-received");
  const stored: ReviewPhoto[] = [];
  for (const p of photos.slice(0, MAX_REVIEW_PHOTOS)) stored.push(await storeImage(p, uploadsDir()));
  return db.$transaction(async (tx) => {
    if (!(await lockProduct(tx, productId))) throw new ReviewRefused("not-found");
    const line = await receivedLine(tx, buyerId, productId);
    if (!line) throw new ReviewRefused("not-received");
    const before = await tx.review.findUnique({ where: { productId_buyerId: { productId, buyerId } } });
    let review;
    if (before) {
      await tx.reviewRevision.create({
        data: {
          reviewId: before.id,
          rating: before.rating,
          body: before.body,
          photos: before.photos ?? Prisma.JsonNull,
          createdAt: before.editedAt ?? before.createdAt,
        },
      });
      review = await tx.review.update({
        where: { id: before.id },
        data: {
          rating: input.rating,
          body: input.body,
          ...(stored.length ? { photos: stored } : {}),
          editedAt: new Date(),
          // an edited review goes back to the queue; a hidden one stays hidden until staff look again
          moderatedAt: null,
        },
      });
    } else {
      review = await tx.review.create({
        data: { productId, buyerId, orderLineId: line.id, rating: input.rating, body: input.body, photos: stored },
      });
    }
    await recount(tx, productId);
    return { review, edited: !!before };
  });
}

/** The producer's one reply (a second, or one to another producer's product, is refused). */
export async function replyToReview(producerId: string, actorId: string, reviewId: string, reply: string) {
  return db.$transaction(async (tx) => {
    const r = await tx.review.findUnique({
      where: { id: reviewId },
      select: { product: { select: { producerId: true } } },
    });
    if (!r) throw new ReviewRefused("not-found");
    if (r.product.producerId !== producerId) throw new ReviewRefused("not-yours");
    const done = await tx.review.updateMany({
      where: { id: reviewId, producerReply: null },
      data: { producerReply: reply, repliedAt: new Date(), repliedById: actorId },
    });
    if (done.count === 0) throw new ReviewRefused("already-replied");
    await audit(tx, {
      actorId,
      action: "review.replied",
      entityType: "Review",
      entityId: reviewId,
      after: { producerId, reply },
    });
  });
}

export type Moderation = { action: "hide"; reason: string } | { action: "show" } | { action: "keep" };

/** Staff act on a review: hide it (with a reason), show it again, or keep it as it is; audited. */
export async function moderateReview(staffId: string, reviewId: string, m: Moderation) {
  return db.$transaction(async (tx) => {
    const r = await tx.review.findUnique({ where: { id: reviewId }, select: { productId: true } });
    if (!r) throw new ReviewRefused("not-found");
    await lockProduct(tx, r.productId);
    const before = await tx.review.findUniqueOrThrow({ where: { id: reviewId } });
    const after = await tx.review.update({
      where: { id: reviewId },
      data: {
        moderatedAt: new Date(),
        moderatedById: staffId,
        ...(m.action === "hide" ? { status: "HIDDEN", hiddenReason: m.reason } : {}),
        ...(m.action === "show" ? { status: "VISIBLE", hiddenReason: null } : {}),
      },
    });
    if (before.status !== after.status) await recount(tx, r.productId);
    await audit(tx, {
      actorId: staffId,
      action: `review.${m.action === "hide" ? "hidden" : m.action === "show" ? "shown" : "kept"}`,
      entityType: "Review",
      entityId: reviewId,
      before: { status: before.status, hiddenReason: before.hiddenReason },
      after: { status: after.status, hiddenReason: after.hiddenReason },
    });
    return after;
  });
}

/** A product's rating: average (one decimal), count and how many gave each star. */
export async function ratingSummary(productId: string, product?: { ratingCount: number; ratingSum: number }) {
  const [p, stars] = await Promise.all([
    product ??
      db.product.findUniqueOrThrow({ where: { id: productId }, select: { ratingCount: true, ratingSum: true } }),
    db.review.groupBy({
      by: ["rating"],
      where: { productId, status: "VISIBLE" },
      _count: { _all: true },
    }),
  ]);
  const distribution = [5, 4, 3, 2, 1].map((star) => ({
    star,
    count: stars.find((s) => s.rating === star)?._count._all ?? 0,
  }));
  return { count: p.ratingCount, average: ratingAverage(p), distribution };
}

/** sum / count to one decimal (null with no reviews). */
export function ratingAverage(p: { ratingCount: number; ratingSum: number }) {
  return p.ratingCount ? Math.round((p.ratingSum * 10) / p.ratingCount) / 10 : null;
}

/** One page of a product's visible reviews, newest first. */
export async function productReviews(productId: string, page: number) {
  const rows = await db.review.findMany({
    where: { productId, status: "VISIBLE" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * REVIEWS_PER_PAGE,
    take: REVIEWS_PER_PAGE + 1,
    select: {
      id: true,
      rating: true,
      body: true,
      photos: true,
      createdAt: true,
      editedAt: true,
      producerReply: true,
      repliedAt: true,
      buyer: { select: { name: true } },
    },
  });
  return {
    page,
    hasMore: rows.length > REVIEWS_PER_PAGE,
    reviews: rows.slice(0, REVIEWS_PER_PAGE).map((r) => ({
      ...r,
      buyer: reviewerName(r.buyer.name),
      photos: photosOf(r.photos),
    })),
  };
}

/** "Siti R.": a reviewer's first name and initial, never the whole name or e-mail. */
export function reviewerName(name: string) {
  const [first, ...rest] = name.trim().split(/\s+/);
  const last = rest.at(-1);
  return last ? `${first} ${last[0].toUpperCase()}.` : first;
}

export function photosOf(v: unknown): ReviewPhoto[] {
  return (Array.isArray(v) ? v : []) as ReviewPhoto[];
}

/**
 * The products of an order its buyer may review now (their parcel reached the buyer), each
 * with the buyer's review so far: the order page's review forms.
 */
export async function reviewablePurchases(buyerId: string, orderId: string, locale: "id" | "en") {
  const lines = await db.orderLine.findMany({
    where: { orderId, order: { buyerId }, fulfilment: { status: { in: [...RECEIVED] } } },
    select: { variant: { select: { product: { select: { id: true, slug: true, nameId: true, nameEn: true } } } } },
  });
  const products = [...new Map(lines.map((l) => [l.variant.product.id, l.variant.product])).values()];
  if (products.length === 0) return [];
  const mine = await db.review.findMany({
    where: { buyerId, productId: { in: products.map((p) => p.id) } },
    select: { productId: true, rating: true, body: true, status: true, hiddenReason: true, producerReply: true },
  });
  return products.map((p) => ({
    productId: p.id,
    slug: p.slug,
    name: locale === "en" ? p.nameEn : p.nameId,
    review: mine.find((r) => r.productId === p.id) ?? null,
  }));
}

/** The staff queue: reviews not looked at yet (new or edited), then the hidden ones. */
export async function moderationQueue() {
  const select = {
    id: true,
    rating: true,
    body: true,
    photos: true,
    status: true,
    hiddenReason: true,
    createdAt: true,
    editedAt: true,
    buyer: { select: { name: true, email: true } },
    product: { select: { slug: true, nameId: true, nameEn: true } },
  } as const;
  const [fresh, hidden] = await Promise.all([
    db.review.findMany({ where: { moderatedAt: null }, orderBy: { createdAt: "asc" }, take: 50, select }),
    db.review.findMany({
      where: { status: "HIDDEN", moderatedAt: { not: null } },
      orderBy: { updatedAt: "desc" },
      take: 20,
      select,
    }),
  ]);
  const view = (r: (typeof fresh)[number]) => ({ ...r, photos: photosOf(r.photos) });
  return { fresh: fresh.map(view), hidden: hidden.map(view) };
}

/** Reviews of a producer's products that have no reply yet, newest first (the producer's list). */
export async function reviewsToAnswer(producerId: string) {
  const rows = await db.review.findMany({
    where: { product: { producerId }, status: "VISIBLE" },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: {
      id: true,
      rating: true,
      body: true,
      createdAt: true,
      producerReply: true,
      buyer: { select: { name: true } },
      product: { select: { nameId: true, nameEn: true, slug: true } },
    },
  });
  return rows.map((r) => ({ ...r, buyer: reviewerName(r.buyer.name) }));
}
