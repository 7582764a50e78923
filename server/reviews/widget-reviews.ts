import type { PreparedPhoto } from './review-photos.js';
import { notFound } from '../domain-errors.js';
import type { Decision } from '../integrity/types.js';
import type { ProductRecord } from '../storage/catalog-repo.js';
import type { Database } from '../storage/database.js';
import { findReviewByAuthor } from '../storage/review-repo.js';
import type { SortKey } from '../storage/reviews-tab-repo.js';
import { findProductByMerchantSku } from '../storage/catalog-repo.js';
import { findEmbedOrigins } from '../storage/widget-repo.js';
import { normalizeOrigin } from '../merchants/embed-origins.js';
import { assertShopMayActInPublic } from '../merchants/onboarding.js';
import { loadReviewsTab, type ReviewsTab } from './reviews-tab.js';
import { loadProductQuestions, type ProductQuestion } from '../questions/product-questions.js';
import { submitReview, type PostContext, type ReviewDraft, type SubmitDeps } from './submit-review.js';
import { reviewOutcomeMessage } from './outcome-message.js';

/**
 * The embeddable widget: a merchant's product addressed by (merchant id, SKU), shown only inside pages whose
 * origin the merchant allowed. The allowed list is both the frame-ancestors policy and the set of origins the
 * frame and the popup will ever postMessage to.
 */

export interface EmbedPolicy {
  merchantId: string;
  allowedOrigins: string[];
}

export async function loadEmbedPolicy(db: Database, merchantId: string): Promise<EmbedPolicy> {
  const stored = await findEmbedOrigins(db, merchantId);
  if (!stored) throw notFound('The merchant');
  // An unverified or suspended shop embeds nowhere: the frame answers 403 with the reason (frame-ancestors 'none').
  await assertShopMayActInPublic(db, merchantId);
  // Re-normalized on the way out: whatever is stored, only well-formed origins reach a response header.
  const allowedOrigins = [...new Set(stored.map((o) => normalizeOrigin(o)).filter((o): o is string => o !== null))];
  return { merchantId, allowedOrigins };
}

/** The embedding page's origin as the loader claims it, kept only when the merchant allows it. */
export function verifiedParentOrigin(policy: EmbedPolicy, claimed: string | null | undefined): string | null {
  const origin = normalizeOrigin(claimed);
  return origin && policy.allowedOrigins.includes(origin) ? origin : null;
}

export async function findWidgetProduct(db: Database, merchantId: string, sku: string): Promise<ProductRecord> {
  const product = await findProductByMerchantSku(db, merchantId, sku);
  if (!product) throw notFound('The product');
  return product;
}

export interface WidgetReviews {
  product: ProductRecord;
  tab: ReviewsTab;
  /** The product's published questions and answers (the frame is the same for everyone: no one's held posts). */
  questions: ProductQuestion[];
}

/** The same summary, histogram and review list as the product's reviews tab, addressed by SKU. */
export async function loadWidgetReviews(
  db: Database,
  input: { merchantId: string; sku: string; viewerId: string | null; stars: number | null; page: number; sort?: SortKey },
): Promise<WidgetReviews> {
  const product = await findWidgetProduct(db, input.merchantId, input.sku);
  const tab = await loadReviewsTab(db, {
    slug: product.slug,
    viewerId: input.viewerId,
    sort: input.sort ?? 'newest',
    stars: input.stars,
    verifiedOnly: false,
    page: input.page,
  });
  const questions = await loadProductQuestions(db, { productId: product.id, viewerId: null });
  return { product, tab, questions };
}

/** What the popup shows a signed-in person: the form, or a pointer to the review they already wrote. */
export async function loadWidgetWriteState(db: Database, input: { merchantId: string; sku: string; accountId: string }) {
  const product = await findWidgetProduct(db, input.merchantId, input.sku);
  const existing = await findReviewByAuthor(db, product.id, input.accountId);
  return { product, existingReviewId: existing?.id ?? null };
}

export async function submitWidgetReview(
  deps: SubmitDeps,
  input: { merchantId: string; sku: string; draft: ReviewDraft; post: PostContext; photos?: PreparedPhoto[] },
): Promise<{ product: ProductRecord; reviewId: string; state: Decision; message: string }> {
  const product = await findWidgetProduct(deps.db, input.merchantId, input.sku);
  const result = await submitReview(deps, { productId: product.id, draft: input.draft, post: input.post, photos: input.photos });
  return { product, reviewId: result.reviewId, state: result.verdict.decision, message: reviewOutcomeMessage(result.verdict, 'new') };
}
