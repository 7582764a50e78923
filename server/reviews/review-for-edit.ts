import { forbidden, notFound } from '../domain-errors.js';
import { findProductById } from '../storage/catalog-repo.js';
import type { Database } from '../storage/database.js';
import { findReview } from '../storage/review-repo.js';
import { photosByReview } from './review-photos.js';

export async function loadReviewForEdit(db: Database, reviewId: string, accountId: string) {
  const review = await findReview(db, reviewId);
  if (!review) throw notFound('The review');
  if (review.accountId !== accountId) throw forbidden('Only the author can edit this review.');
  const product = await findProductById(db, review.productId);
  if (!product) throw notFound('The product');
  // The photos it carries now: the edit page lists them, each with "Remove this photo".
  const photos = (await photosByReview(db, [review.id])).get(review.id) ?? [];
  return { review, product, photos };
}
