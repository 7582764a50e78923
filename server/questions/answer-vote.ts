import { assertMayAct } from '../accounts/actor-policy.js';
import { forbidden, notFound } from '../domain-errors.js';
import { isPublic } from '../integrity/states.js';
import { factsOf, VOTE_BURST_REASON, VOTE_MESSAGES, type VoteContext } from '../reviews/helpful-vote.js';
import { recordPostIdentifiers } from '../reviews/integrity-gate.js';
import { findVoteLink, isVoteBurst, VOTE_RULES } from '../reviews/vote-links.js';
import type { Database } from '../storage/database.js';
import { insertSystemReport } from '../storage/engagement-repo.js';
import { newId } from '../storage/ids.js';
import { countAnswerVotesSince, findAnswer, hasAnswerVote, loadAnswerVoteIdentities, setAnswerVote } from '../storage/question-repo.js';

const MESSAGES = {
  ownAnswer: 'You cannot vote on your own answer.',
};

/**
 * One helpful vote per account and published answer, never on your own, withdrawable. Staff of the merchant may
 * not vote (insiders may not add social proof). Checked like votes on reviews: a vote from an account linked to a
 * counted voter or to the answer's author is kept for moderators but does not count, and a burst of votes puts the
 * answer in the moderation queue. Returns the counted total.
 */
export async function voteOnAnswer(
  db: Database,
  input: { answerId: string; helpful: boolean; post: VoteContext },
): Promise<{ helpfulCount: number; voted: boolean }> {
  return db.transaction(async (tx) => {
    const answer = await findAnswer(tx, input.answerId);
    if (!answer || !isPublic(answer.status)) throw notFound('The answer');
    const accountId = input.post.accountId;
    if (answer.accountId === accountId) throw forbidden(MESSAGES.ownAnswer);
    await assertMayAct(tx, accountId, 'vote', { merchantId: answer.merchantId });
    const vote = { answerId: answer.id, accountId, at: input.post.at };
    if (!input.helpful) return { helpfulCount: await setAnswerVote(tx, { ...vote, helpful: false }), voted: false };
    if (await hasAnswerVote(tx, answer.id, accountId)) return { helpfulCount: await setAnswerVote(tx, { ...vote, helpful: true }), voted: true };

    // The vote's own network and device join the account's identifiers before the link check reads them.
    await recordPostIdentifiers(tx, accountId, input.post);
    const people = (await loadAnswerVoteIdentities(tx, answer.id, accountId)).map(factsOf);
    const voter = people.find((p) => p.accountId === accountId)!;
    const link = findVoteLink(
      voter,
      people.filter((p) => p.accountId !== accountId),
    );
    const helpfulCount = await setAnswerVote(tx, {
      ...vote,
      helpful: true,
      counted: link === null,
      linkedTo: link?.accountId ?? null,
      linkReason: link?.reason ?? null,
      linkEvidence: link?.evidence ?? null,
    });
    const recent = await countAnswerVotesSince(tx, answer.id, new Date(input.post.at.getTime() - VOTE_RULES.burstWindowMs));
    if (isVoteBurst(recent)) {
      await insertSystemReport(tx, {
        id: newId('rep'),
        targetKind: 'answer',
        targetId: answer.id,
        reason: VOTE_BURST_REASON,
        note: VOTE_MESSAGES.burstNote(recent, VOTE_RULES.burstWindowMs / 60_000),
        at: input.post.at,
      });
    }
    return { helpfulCount, voted: true };
  });
}
