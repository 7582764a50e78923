import { assertMayAct } from '../accounts/actor-policy.js';
import { invalid, notFound } from '../domain-errors.js';
import { isPublic } from '../integrity/states.js';
import type { Verdict } from '../integrity/types.js';
import { findComment, insertPendingComment } from '../storage/comment-repo.js';
import { newId } from '../storage/ids.js';
import { findReview } from '../storage/review-repo.js';
import type { PostContext, SubmitDeps } from './submit-review.js';
import { checkAndSettle, recordPostIdentifiers } from './integrity-gate.js';
import { textSubmission } from './text-submission.js';

const MESSAGES = {
  onlyOneLevel: 'Replies can only be made to a top-level comment.',
  wrongReview: 'That comment belongs to another review.',
};

/** Comments (and one level of replies) go through the same pipeline as reviews before anyone sees them. */
export async function postComment(
  deps: SubmitDeps,
  input: { reviewId: string; parentId: string | null; body: string; post: PostContext },
): Promise<{ commentId: string; verdict: Verdict }> {
  return deps.db.transaction(async (tx) => {
    const review = await findReview(tx, input.reviewId);
    if (!review || !isPublic(review.status)) throw notFound('The review');
    const account = await assertMayAct(tx, input.post.accountId, 'comment', { merchantId: review.merchantId });
    if (input.parentId) {
      const parent = await findComment(tx, input.parentId);
      if (!parent || !isPublic(parent.status)) throw notFound('The comment you replied to');
      if (parent.reviewId !== review.id) throw invalid(MESSAGES.wrongReview);
      if (parent.parentId) throw invalid(MESSAGES.onlyOneLevel);
    }
    const id = newId('c');
    await insertPendingComment(tx, {
      id,
      reviewId: review.id,
      parentId: input.parentId,
      accountId: account.id,
      body: input.body,
      ip: input.post.ip,
      userAgent: input.post.userAgent,
      at: input.post.at,
    });
    await recordPostIdentifiers(tx, account.id, input.post);
    const submission = textSubmission(
      'comment',
      { id, accountId: account.id, productId: review.productId, merchantId: review.merchantId, body: input.body },
      input.post,
    );
    const verdict = await checkAndSettle(tx, deps.integrity, submission, 'submit');
    return { commentId: id, verdict };
  });
}
