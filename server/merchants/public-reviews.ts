import { notFound } from '../domain-errors.js';
import type { Database } from '../storage/database.js';
import {
  findMerchant,
  findMerchantProductBySku,
  isEmbedOriginAllowed,
  listPublishedProductReviews,
  type MerchantProduct,
  type MerchantSummary,
  type PublicReviewRow,
} from '../storage/merchant-repo.js';
import { ratingSummary, type RatingSummary } from '../storage/reviews-tab-repo.js';
import { loadReviewerRecords, type ReviewerRecord } from '../reviews/reviewer-record.js';
import { photosByReview, type ReviewPhotoRow } from '../reviews/review-photos.js';

export type { MerchantProduct, PublicReviewRow, RatingSummary };

export interface PublicProductReviews {
  merchant: MerchantSummary;
  product: MerchantProduct;
  summary: RatingSummary;
  /** With each author's track record (null for a deleted account), read for the whole page in one query, and its photos. */
  reviews: (PublicReviewRow & { status: 'published'; reviewer: ReviewerRecord | null; photos: ReviewPhotoRow[] })[];
  total: number;
  page: number;
  perPage: number;
}

async function productOf(db: Database, merchantId: string, sku: string) {
  const merchant = await findMerchant(db, merchantId);
  if (!merchant) throw notFound('The merchant');
  const product = await findMerchantProductBySku(db, merchantId, sku);
  if (!product) throw notFound(`A product with SKU "${sku}"`);
  return { merchant, product };
}

/** What the public API, the snippet and the widget show: published reviews only, whoever asks. */
export async function loadPublicReviews(
  db: Database,
  input: { merchantId: string; sku: string; page: number; perPage: number },
): Promise<PublicProductReviews> {
  const { merchant, product } = await productOf(db, input.merchantId, input.sku);
  const summary = await ratingSummary(db, product.id);
  const { rows, total } = await listPublishedProductReviews(db, product.id, { limit: input.perPage, offset: (input.page - 1) * input.perPage });
  // The query reads published reviews only; saying so in the row lets structured data check it again.
  const records = await loadReviewerRecords(
    db,
    rows.map((r) => r.accountId),
  );
  const photos = await photosByReview(
    db,
    rows.map((r) => r.id),
  );
  const reviews = rows.map((r) => ({ ...r, status: 'published' as const, reviewer: records.get(r.accountId) ?? null, photos: photos.get(r.id) ?? [] }));
  return { merchant, product, summary, reviews, total, page: input.page, perPage: input.perPage };
}

export async function loadPublicSummary(db: Database, input: { merchantId: string; sku: string }) {
  const { merchant, product } = await productOf(db, input.merchantId, input.sku);
  return { merchant, product, summary: await ratingSummary(db, product.id) };
}

/** CORS: a browser may read the API from a page on one of the merchant's allowed embed origins. */
export function originAllowed(db: Database, merchantId: string, origin: string): Promise<boolean> {
  return isEmbedOriginAllowed(db, merchantId, origin);
}
