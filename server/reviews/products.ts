import { notFound } from '../domain-errors.js';
import { findProductBySlug, listProductsWithSummary } from '../storage/catalog-repo.js';
import type { Database } from '../storage/database.js';
import { findReviewByAuthor } from '../storage/review-repo.js';

/** Every product with its rating summary, for the home page. */
export function listProducts(db: Database) {
  return listProductsWithSummary(db);
}

/** The product a review is being written for, and the viewer's existing review of it (one per account). */
export async function findProductForPosting(db: Database, slug: string, accountId: string) {
  const product = await findProductBySlug(db, slug);
  if (!product) throw notFound('The product');
  const existing = await findReviewByAuthor(db, product.id, accountId);
  return { product, existingReviewId: existing?.id ?? null };
}
