import { assertMayAct } from '../accounts/actor-policy.js';
import { UserFacingError, notFound } from '../domain-errors.js';
import { appendAudit } from '../storage/audit-repo.js';
import type { Database } from '../storage/database.js';
import { lockFollowUp, recordFollowUpOutcome } from '../storage/follow-up-repo.js';

export const FOLLOW_UP_ANSWER_MESSAGES = {
  notAuthor: 'Only the author of the review can say whether it was resolved.',
  resolved: 'Thank you. The review now shows that the merchant resolved it; your rating and text are unchanged.',
  notResolved: 'Thank you. Your answer is recorded; your rating and text are unchanged.',
} as const;

/** The author (and only the author) says whether the merchant's follow-up put things right. */
export async function answerFollowUp(
  db: Database,
  input: { accountId: string; reviewId: string; outcome: 'resolved' | 'not_resolved'; note: string; at: Date },
): Promise<string> {
  return db.transaction(async (tx) => {
    const followUp = await lockFollowUp(tx, input.reviewId);
    if (!followUp) throw notFound('A follow-up on that review');
    if (followUp.authorId !== input.accountId) throw new UserFacingError(403, FOLLOW_UP_ANSWER_MESSAGES.notAuthor);
    await assertMayAct(tx, input.accountId, 'edit');
    await recordFollowUpOutcome(tx, input.reviewId, input.outcome, input.note, input.at);
    await appendAudit(tx, {
      at: input.at,
      actorId: input.accountId,
      action: `review.follow_up_${input.outcome}`,
      targetKind: 'review',
      targetId: input.reviewId,
      beforeState: null,
      afterState: null,
      reason: null,
    });
    return input.outcome === 'resolved' ? FOLLOW_UP_ANSWER_MESSAGES.resolved : FOLLOW_UP_ANSWER_MESSAGES.notResolved;
  });
}
