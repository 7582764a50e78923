import { assertMayAct } from '../accounts/actor-policy.js';
import { forbidden, notFound } from '../domain-errors.js';
import { isPublic } from '../integrity/states.js';
import type { Database } from '../storage/database.js';
import { findAnswer, setAnswerVote } from '../storage/question-repo.js';

const MESSAGES = {
  ownAnswer: 'You cannot vote on your own answer.',
};

/**
 * One helpful vote per account and published answer, never on your own, withdrawable. Staff of the merchant may
 * not vote (the same rule as for reviews: insiders may not add social proof). Returns the new count.
 */
export async function voteOnAnswer(
  db: Database,
  input: { answerId: string; accountId: string; helpful: boolean; at: Date },
): Promise<{ helpfulCount: number; voted: boolean }> {
  return db.transaction(async (tx) => {
    const answer = await findAnswer(tx, input.answerId);
    if (!answer || !isPublic(answer.status)) throw notFound('The answer');
    if (answer.accountId === input.accountId) throw forbidden(MESSAGES.ownAnswer);
    await assertMayAct(tx, input.accountId, 'vote', { merchantId: answer.merchantId });
    const helpfulCount = await setAnswerVote(tx, answer.id, input.accountId, input.helpful, input.at);
    return { helpfulCount, voted: input.helpful };
  });
}
