import { forbidden, notFound } from '../domain-errors.js';
import { findProductById, findProductBySlug } from '../storage/catalog-repo.js';
import type { Database } from '../storage/database.js';
import { findReview, findReviewByAuthor } from '../storage/review-repo.js';

export async function loadReviewForEdit(db: Database, reviewId: string, accountId: string) {
  const review = await findReview(db, reviewId);
  if (!review) throw notFound('The review');
  if (review.accountId !== accountId) throw forbidden('Only the author can edit this review.');
  const product = await findProductById(db, review.productId);
  if (!product) throw notFound('The product');
  return { review, product };
}

/** The product a review is being written for, and the viewer's existing review of it (one per account). */
export async function findProductForPosting(db: Database, slug: string, accountId: string) {
  const product = await findProductBySlug(db, slug);
  if (!product) throw notFound('The product');
  const existing = await findReviewByAuthor(db, product.id, accountId);
  return { product, existingReviewId: existing?.id ?? null };
}
