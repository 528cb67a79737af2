import { Form, Link } from "@remix-run/react";
import { CsrfInput } from "./forms";
import { localePath } from "~/lib/i18n";
import { useTranslation } from "~/lib/translate";
import { formatDate } from "~/lib/format";
import type { AppLocale } from "~/lib/i18n";
import { Picture } from "./picture";

type Rating = { count: number; average: number | null; distribution: Array<{ star: number; count: number }> };
type ReviewView = {
  id: string;
  rating: number;
  body: string;
  photos: Array<{ key: string; width: number; height: number; widths: number[] }>;
  createdAt: Date | string;
  editedAt: Date | string | null;
  producerReply: string | null;
  buyer: string;
};

/** A review's photos as small thumbnails. */
export function ReviewPhotos({ photos, by }: { photos: ReviewView["photos"]; by: string }) {
  const { t } = useTranslation();
  if (photos.length === 0) return null;
  return (
    <div className="thumbs">
      {photos.map((p) => (
        <Picture key={p.key} image={{ ...p, alt: t("review.photoAlt", { name: by }) }} sizes="120px" />
      ))}
    </div>
  );
}

/** "★★★★☆" for screen readers as "4 of 5 stars". */
export function Stars({ rating }: { rating: number }) {
  const { t } = useTranslation();
  const whole = Math.round(rating);
  return (
    <span className="stars" role="img" aria-label={t("review.starsLabel", { rating })}>
      {"★".repeat(whole)}
      {"☆".repeat(5 - whole)}
    </span>
  );
}

/** The average next to the product's name: a link down to the reviews. */
export function RatingBadge({ rating }: { rating: Rating }) {
  const { t } = useTranslation();
  if (!rating.count || rating.average === null) return <p className="meta">{t("review.none")}</p>;
  return (
    <p className="meta" data-testid="rating-badge">
      <Stars rating={rating.average} /> {rating.average.toFixed(1)} ·{" "}
      <a href="#reviews-h">{t("review.count", { count: rating.count })}</a>
    </p>
  );
}

/** The reviews section: the average, how many gave each star, and one page of reviews with the producer's replies. */
export function ProductReviews({
  rating,
  page,
  locale,
  pagePath,
}: {
  rating: Rating;
  page: { page: number; hasMore: boolean; reviews: ReviewView[] };
  locale: AppLocale;
  pagePath: (n: number) => string;
}) {
  const { t } = useTranslation();
  return (
    <section className="section reviews" aria-labelledby="reviews-h">
      <h2 id="reviews-h">{t("review.title")}</h2>
      {rating.count === 0 || rating.average === null ? (
        <p className="meta">{t("review.noneYet")}</p>
      ) : (
        <>
          <p data-testid="rating-summary">
            <strong>{rating.average.toFixed(1)}</strong> <Stars rating={rating.average} />{" "}
            {t("review.count", { count: rating.count })}
          </p>
          <table className="summary star-table">
            <caption className="visually-hidden">{t("review.distribution")}</caption>
            <tbody>
              {rating.distribution.map((d) => (
                <tr key={d.star}>
                  <th scope="row">{t("review.starRow", { count: d.star })}</th>
                  <td>
                    <meter min={0} max={rating.count} value={d.count} aria-hidden="true" />
                  </td>
                  <td className="num" data-testid={`stars-${d.star}`}>
                    {d.count}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <ol className="review-list">
            {page.reviews.map((r) => (
              <li key={r.id} className="review" data-testid="review">
                <p>
                  <Stars rating={r.rating} /> <strong>{r.buyer}</strong>{" "}
                  <span className="meta">
                    {formatDate(r.createdAt, locale)}
                    {r.editedAt && ` · ${t("review.edited")}`}
                  </span>
                </p>
                <p className="review-body">{r.body}</p>
                <ReviewPhotos photos={r.photos} by={r.buyer} />
                {r.producerReply && (
                  <blockquote className="reply" data-testid="review-reply">
                    <p className="meta">{t("review.reply")}</p>
                    <p>{r.producerReply}</p>
                  </blockquote>
                )}
              </li>
            ))}
          </ol>
          <nav className="pager" aria-label={t("review.pages")}>
            {page.page > 1 && (
              <Link to={pagePath(page.page - 1)} preventScrollReset>
                {t("review.newer")}
              </Link>
            )}{" "}
            {page.hasMore && (
              <Link to={pagePath(page.page + 1)} preventScrollReset>
                {t("review.older")}
              </Link>
            )}
          </nav>
        </>
      )}
    </section>
  );
}

type Purchase = {
  productId: string;
  slug: string;
  name: string;
  review: {
    rating: number;
    body: string;
    status: string;
    hiddenReason: string | null;
    producerReply: string | null;
  } | null;
};

/** The buyer's forms on its order page: one per received product, to write or edit its review (works without JavaScript). */
export function ReviewForms({
  purchases,
  failure,
  saved,
  locale,
}: {
  purchases: Purchase[];
  failure?: { values: Record<string, string>; fieldErrors: Record<string, string | undefined> };
  saved: string | null;
  locale: AppLocale;
}) {
  const { t } = useTranslation();
  if (purchases.length === 0) return null;
  return (
    <section className="section" aria-labelledby="review-forms-h">
      <h2 id="review-forms-h">{t("review.yours")}</h2>
      {purchases.map((p) => {
        const f = failure?.values.productId === p.productId ? failure : undefined;
        const rating = f?.values.rating ?? String(p.review?.rating ?? "");
        const id = `review-${p.productId}`;
        return (
          <Form
            key={p.productId}
            method="post"
            encType="multipart/form-data"
            className="fieldset"
            data-testid="review-form"
            aria-labelledby={`${id}-h`}
          >
            <CsrfInput />
            <input type="hidden" name="intent" value="review" />
            <input type="hidden" name="productId" value={p.productId} />
            <h3 id={`${id}-h`}>
              <Link to={`${localePath(`/products/${p.slug}`, locale)}#reviews-h`}>{p.name}</Link>
            </h3>
            {saved === p.productId && (
              <p className="notice" role="status" data-testid="review-saved">
                {t("review.saved")}
              </p>
            )}
            {p.review?.status === "HIDDEN" && (
              <p className="notice warning">{t("review.hiddenNotice", { reason: p.review.hiddenReason ?? "" })}</p>
            )}
            <fieldset aria-describedby={f?.fieldErrors.rating ? `${id}-rating-error` : undefined}>
              <legend>{t("review.rating")}</legend>
              <div className="star-choices">
                {[5, 4, 3, 2, 1].map((n) => (
                  <label key={n} className="choice">
                    <input type="radio" name="rating" value={n} defaultChecked={rating === String(n)} />{" "}
                    {t("review.starRow", { count: n })}
                  </label>
                ))}
              </div>
              {f?.fieldErrors.rating && (
                <p className="error" id={`${id}-rating-error`}>
                  {t(f.fieldErrors.rating)}
                </p>
              )}
            </fieldset>
            <div className="field">
              <label htmlFor={`${id}-body`}>{t("review.body")}</label>
              <textarea
                id={`${id}-body`}
                name="body"
                rows={4}
                maxLength={2000}
                defaultValue={f?.values.body ?? p.review?.body ?? ""}
                aria-invalid={f?.fieldErrors.body ? true : undefined}
                aria-describedby={f?.fieldErrors.body ? `${id}-body-error` : undefined}
              />
              {f?.fieldErrors.body && (
                <p className="error" id={`${id}-body-error`}>
                  {t(f.fieldErrors.body)}
                </p>
              )}
            </div>
            <div className="field">
              <label htmlFor={`${id}-photos`}>{t("review.photos")}</label>
              <input id={`${id}-photos`} type="file" name="photos" accept="image/jpeg,image/png,image/webp" multiple />
              <p className="hint">{t(p.review ? "review.photosKeep" : "review.photosHint")}</p>
            </div>
            {p.review?.producerReply && (
              <blockquote className="reply">
                <p className="meta">{t("review.reply")}</p>
                <p>{p.review.producerReply}</p>
              </blockquote>
            )}
            <button type="submit">{t(p.review ? "review.update" : "review.submit")}</button>
          </Form>
        );
      })}
    </section>
  );
}
