/**
 * The Bayesian average shown beside the plain mean. A product with two five-star reviews should not outrank one
 * with four hundred reviews averaging 4.7: the estimate starts from the catalogue's mean, counted as if it were
 * PRIOR_WEIGHT reviews, and each real review pulls it toward the product's own mean.
 *
 *   estimate = (PRIOR_WEIGHT × prior mean + sum of ratings) / (PRIOR_WEIGHT + number of reviews)
 *
 * Every constant of the formula lives here; /how-we-check prints them from this module.
 */
export const RATING_ESTIMATE = {
  /** How many reviews' worth of weight the prior carries. */
  priorWeight: 10,
  /** The prior when the catalogue has no published review at all: the middle of the 1–5 scale. */
  fallbackPriorMean: 3,
} as const;

export interface RatingEstimate {
  /** Plain mean of the product's published ratings (null without reviews). */
  mean: number | null;
  /** Bayesian average: the prior pulled toward the product's own ratings. */
  bayesian: number;
  priorMean: number;
  priorWeight: number;
  count: number;
}

/** catalogue: published ratings across every product (the prior); product: this product's published ratings. */
export function estimateRating(product: { sum: number; count: number }, catalogue: { sum: number; count: number }): RatingEstimate {
  const priorMean = catalogue.count > 0 ? catalogue.sum / catalogue.count : RATING_ESTIMATE.fallbackPriorMean;
  const c = RATING_ESTIMATE.priorWeight;
  return {
    mean: product.count > 0 ? product.sum / product.count : null,
    bayesian: (c * priorMean + product.sum) / (c + product.count),
    priorMean,
    priorWeight: c,
    count: product.count,
  };
}
