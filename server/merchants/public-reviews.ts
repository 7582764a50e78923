import { notFound } from '../domain-errors.js';
import type { Database } from '../storage/database.js';
import {
  findMerchant,
  findMerchantProductBySku,
  isEmbedOriginAllowed,
  type MerchantProduct,
  type MerchantSummary,
  type PublicReviewRow,
} from '../storage/merchant-repo.js';
import { ratingSummary, type RatingSummary } from '../storage/reviews-tab-repo.js';
import type { ReviewerRecord } from '../reviews/reviewer-record.js';
import type { ReviewPhotoRow } from '../reviews/review-photos.js';
import { loadReviewsTab } from '../reviews/reviews-tab.js';
import type { SortKey } from '../reviews/reviews-tab-shapes.js';

export type { MerchantProduct, PublicReviewRow, RatingSummary };

export interface PublicProductReviews {
  merchant: MerchantSummary;
  product: MerchantProduct;
  summary: RatingSummary;
  /**
   * With each author's track record (null for a deleted account) and photos; with a search, the title and body
   * with the matches marked (see highlightParts), else null.
   */
  reviews: (PublicReviewRow & {
    status: 'published';
    reviewer: ReviewerRecord | null;
    photos: ReviewPhotoRow[];
    titleHighlight: string | null;
    bodyHighlight: string | null;
  })[];
  total: number;
  page: number;
  perPage: number;
}

export interface PublicReviewsQuery {
  merchantId: string;
  sku: string;
  page: number;
  perPage: number;
  /** The tab's orders (see SORT_KEYS); newest first unless asked. */
  sort?: SortKey;
  /** Only reviews with this many stars. */
  stars?: number | null;
  /** Words to find, with the tab's full-text search and highlighting. */
  search?: string | null;
}

async function productOf(db: Database, merchantId: string, sku: string) {
  const merchant = await findMerchant(db, merchantId);
  if (!merchant) throw notFound('The merchant');
  const product = await findMerchantProductBySku(db, merchantId, sku);
  if (!product) throw notFound(`A product with SKU "${sku}"`);
  return { merchant, product };
}

/**
 * What the public API, the snippet and the widget show: published reviews only, whoever asks. The listing is the
 * reviews tab's own (one search, one set of sorts, one "most relevant"), read as nobody: with no viewer the tab
 * lists published reviews only, never anyone's held ones.
 */
export async function loadPublicReviews(db: Database, input: PublicReviewsQuery): Promise<PublicProductReviews> {
  const { merchant, product } = await productOf(db, input.merchantId, input.sku);
  const tab = await loadReviewsTab(db, {
    slug: product.slug,
    viewerId: null,
    sort: input.sort ?? 'newest',
    stars: input.stars ?? null,
    verifiedOnly: false,
    page: input.page,
    pageSize: input.perPage,
    search: input.search ?? null,
  });
  // Checked again rather than trusted: a row that is not published never leaves through the public surfaces.
  const reviews = tab.reviews
    .filter((r) => r.status === 'published')
    .map((r) => ({
      id: r.id,
      accountId: r.accountId,
      authorName: r.authorName,
      rating: r.rating,
      title: r.title,
      body: r.body,
      verified: r.verified,
      incentiveKind: r.incentiveKind,
      helpfulCount: r.helpfulCount,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      reply: r.reply ? { body: r.reply.body, at: r.reply.at } : null,
      status: 'published' as const,
      reviewer: r.reviewer,
      photos: r.photos,
      titleHighlight: r.titleHighlight,
      bodyHighlight: r.bodyHighlight,
    }));
  return { merchant, product, summary: tab.summary, reviews, total: tab.total, page: input.page, perPage: input.perPage };
}

export async function loadPublicSummary(db: Database, input: { merchantId: string; sku: string }) {
  const { merchant, product } = await productOf(db, input.merchantId, input.sku);
  return { merchant, product, summary: await ratingSummary(db, product.id) };
}

/** CORS: a browser may read the API from a page on one of the merchant's allowed embed origins. */
export function originAllowed(db: Database, merchantId: string, origin: string): Promise<boolean> {
  return isEmbedOriginAllowed(db, merchantId, origin);
}
