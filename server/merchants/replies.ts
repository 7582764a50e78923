import { notFound } from '../domain-errors.js';
import { replyToReview } from '../reviews/merchant-reply.js';
import type { Database } from '../storage/database.js';
import { listPublishedReviewsForMerchant, merchantIdOfReview } from '../storage/merchant-repo.js';
import type { MerchantScope } from './merchant-scope.js';
import { assertMayReply } from './member-permissions.js';

export const REPLIES_PAGE_SIZE = 20;

export async function listReviewsToAnswer(db: Database, scope: MerchantScope, opts: { page: number; unrepliedOnly: boolean }) {
  const { rows, total } = await listPublishedReviewsForMerchant(db, scope.merchant.id, {
    limit: REPLIES_PAGE_SIZE,
    offset: (opts.page - 1) * REPLIES_PAGE_SIZE,
    unrepliedOnly: opts.unrepliedOnly,
  });
  return { rows, total, page: opts.page, pageCount: Math.max(1, Math.ceil(total / REPLIES_PAGE_SIZE)) };
}

/**
 * A public reply from the merchant area. The reply rules (published reviews only, staff of the review's
 * merchant) live in replyToReview; this adds that the review belongs to the merchant whose area is open, so
 * someone managing two merchants cannot answer as the wrong one.
 */
export async function replyAsMerchant(db: Database, scope: MerchantScope, reviewId: string, body: string, at: Date): Promise<void> {
  if ((await merchantIdOfReview(db, reviewId)) !== scope.merchant.id) throw notFound('The review');
  await assertMayReply(db, scope);
  await replyToReview(db, { reviewId, accountId: scope.accountId, body, at });
}
