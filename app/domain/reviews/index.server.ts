/** Reviews: what other areas may use (the product page reads a product's rating and reviews). */
export {
  photosOf,
  productReviews,
  ratingAverage,
  reviewerName,
  REVIEWS_PER_PAGE,
  MAX_REVIEW_PHOTOS,
} from "./reviews.server";
