import { forbidden, notFound } from '../domain-errors.js';
import { isPublic } from '../integrity/states.js';
import type { Database } from '../storage/database.js';
import { findReview } from '../storage/review-repo.js';
import { addHelpfulVote, removeHelpfulVote } from '../storage/engagement-repo.js';

const MESSAGES = { ownReview: 'You cannot vote on your own review.' };

/** One helpful vote per account and review; not on your own; can be withdrawn. Returns the new count. */
export async function setHelpfulVote(
  db: Database,
  input: { reviewId: string; accountId: string; helpful: boolean },
): Promise<{ helpfulCount: number; voted: boolean }> {
  return db.transaction(async (tx) => {
    const review = await findReview(tx, input.reviewId, true);
    if (!review || !isPublic(review.status)) throw notFound('The review');
    if (review.accountId === input.accountId) throw forbidden(MESSAGES.ownReview);
    const helpfulCount = input.helpful
      ? await addHelpfulVote(tx, review.id, input.accountId)
      : await removeHelpfulVote(tx, review.id, input.accountId);
    return { helpfulCount, voted: input.helpful };
  });
}
