import { assertMayAct } from '../accounts/actor-policy.js';
import { notFound } from '../domain-errors.js';
import type { Database } from '../storage/database.js';
import { upsertMerchantReply } from '../storage/engagement-repo.js';
import { findReview } from '../storage/review-repo.js';
import { appendAudit } from '../storage/audit-repo.js';

/** One public reply per review, written by staff of the reviewed product's merchant; editing replaces it. */
export async function replyToReview(db: Database, input: { reviewId: string; accountId: string; body: string; at: Date }): Promise<void> {
  await db.transaction(async (tx) => {
    const review = await findReview(tx, input.reviewId);
    if (review?.status !== 'published') throw notFound('The review');
    const account = await assertMayAct(tx, input.accountId, 'reply', { merchantId: review.merchantId });
    await upsertMerchantReply(tx, { reviewId: review.id, merchantId: review.merchantId, accountId: account.id, body: input.body, at: input.at });
    await appendAudit(tx, {
      at: input.at,
      actorId: account.id,
      action: 'merchant.reply',
      targetKind: 'review',
      targetId: review.id,
      beforeState: null,
      afterState: null,
      reason: null,
    });
  });
}
