import { notFound } from '../domain-errors.js';
import { RELEVANCE } from './review-relevance.js';
import { estimateRating, type RatingEstimate } from './rating-estimate.js';
import { loadReviewerRecords, type ReviewerRecord } from './reviewer-record.js';
import { explainReasons } from '../integrity/explain.js';
import { findProductBySlug, type ProductRecord } from '../storage/catalog-repo.js';
import type { Database } from '../storage/database.js';
import { reportedByAccount } from '../storage/engagement-repo.js';
import { findReviewByAuthor, latestVerdicts } from '../storage/review-repo.js';
import { photosByReview, type ReviewPhotoRow } from './review-photos.js';
import {
  catalogueRatingTotals,
  listTabComments,
  listTabReviews,
  ratingSummary,
  type RatingSummary,
  type SortKey,
  type TabCommentRow,
  type TabReviewRow,
} from '../storage/reviews-tab-repo.js';

export const PAGE_SIZE = 10;
// The view needs the markers the search headline uses; it takes them from the use case, not from storage.
export { HIGHLIGHT_END, HIGHLIGHT_START } from '../storage/reviews-tab-repo.js';

export interface TabReview extends TabReviewRow {
  comments: (TabCommentRow & { replies: TabCommentRow[]; heldReasons: string[] })[];
  /** The viewer already reported this review: the page says so instead of offering the form again. */
  reportedByViewer: boolean;
  /** Only for the author of a held review: why it is waiting, in plain words. */
  heldReasons: string[];
  /** The author's track record (published reviews only); null for a deleted account. */
  reviewer: ReviewerRecord | null;
  /** Its photos, in order (rows listed here are the viewer's to see: published, or the viewer's own). */
  photos: ReviewPhotoRow[];
}

export interface ReviewsTab {
  product: ProductRecord;
  summary: RatingSummary;
  /** Plain mean and Bayesian average of the published ratings (see rating-estimate.ts). */
  estimate: RatingEstimate;
  reviews: TabReview[];
  total: number;
  page: number;
  pageCount: number;
  viewerHasReviewed: boolean;
}

export async function loadReviewsTab(
  db: Database,
  input: {
    slug: string;
    viewerId: string | null;
    sort: SortKey;
    stars: number | null;
    verifiedOnly: boolean;
    page: number;
    /** Reviews per page; the tab's own size unless a reader (the public API) asks for another. */
    pageSize?: number;
    /** Words to find in the reviews' titles and bodies; matches come back highlighted. */
    search?: string | null;
    /** The moment "most relevant" measures recency from. */
    at?: Date;
  },
): Promise<ReviewsTab> {
  const product = await findProductBySlug(db, input.slug);
  if (!product) throw notFound('The product');
  const summary = await ratingSummary(db, product.id);
  const estimate = estimateRating(
    { sum: summary.histogram.reduce((acc, n, i) => acc + n * (i + 1), 0), count: summary.count },
    await catalogueRatingTotals(db),
  );
  const pageSize = input.pageSize ?? PAGE_SIZE;
  const { rows, total } = await listTabReviews(db, {
    productId: product.id,
    viewerId: input.viewerId,
    sort: input.sort,
    stars: input.stars,
    verifiedOnly: input.verifiedOnly,
    page: input.page,
    pageSize,
    search: input.search ?? null,
    relevance: { ...RELEVANCE, at: input.at ?? new Date() },
  });
  const comments = await listTabComments(
    db,
    rows.map((r) => r.id),
    input.viewerId,
  );
  const ownHeldReviews = rows.filter((r) => r.status !== 'published').map((r) => r.id);
  const ownHeldComments = comments.filter((c) => c.status !== 'published').map((c) => c.id);
  const reviewVerdicts = await latestVerdicts(db, 'review', ownHeldReviews);
  const commentVerdicts = await latestVerdicts(db, 'comment', ownHeldComments);
  const reported = input.viewerId
    ? await reportedByAccount(
        db,
        input.viewerId,
        'review',
        rows.map((r) => r.id),
      )
    : new Set<string>();
  // Every author on the page in one query, not one per review.
  const records = await loadReviewerRecords(
    db,
    rows.map((r) => r.accountId),
  );
  const photos = await photosByReview(
    db,
    rows.map((r) => r.id),
  );
  const reasonsFor = (map: typeof reviewVerdicts, id: string) => {
    const verdict = map.get(id);
    return verdict ? explainReasons(verdict.reasons) : [];
  };
  const reviews: TabReview[] = rows.map((row) => {
    const own = comments.filter((c) => c.reviewId === row.id);
    const topLevel = own.filter((c) => !c.parentId);
    return {
      ...row,
      heldReasons: row.status === 'published' ? [] : reasonsFor(reviewVerdicts, row.id),
      reportedByViewer: reported.has(row.id),
      reviewer: records.get(row.accountId) ?? null,
      photos: photos.get(row.id) ?? [],
      comments: topLevel.map((c) => ({
        ...c,
        heldReasons: c.status === 'published' ? [] : reasonsFor(commentVerdicts, c.id),
        replies: own.filter((r) => r.parentId === c.id),
      })),
    };
  });
  const viewerHasReviewed = input.viewerId ? (await findReviewByAuthor(db, product.id, input.viewerId)) !== null : false;
  return {
    product,
    summary,
    estimate,
    reviews,
    total,
    page: input.page,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    viewerHasReviewed,
  };
}

/** The product a public page is about; unknown slugs are a 404 (not a redirect to a page that does not exist). */
export async function findProductForPage(db: Database, slug: string): Promise<ProductRecord> {
  const product = await findProductBySlug(db, slug);
  if (!product) throw notFound('The product');
  return product;
}
