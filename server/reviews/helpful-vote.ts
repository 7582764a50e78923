import { assertMayAct } from '../accounts/actor-policy.js';
import { forbidden, notFound } from '../domain-errors.js';
import { isPublic } from '../integrity/states.js';
import type { Database } from '../storage/database.js';
import {
  addHelpfulVote,
  countVotesSince,
  hasHelpfulVote,
  insertSystemReport,
  loadVoteIdentities,
  removeHelpfulVote,
  type VoterIdentityRow,
} from '../storage/engagement-repo.js';
import { newId } from '../storage/ids.js';
import { findReview } from '../storage/review-repo.js';
import { recordPostIdentifiers } from './integrity-gate.js';
import { findVoteLink, isVoteBurst, VOTE_RULES, type VoterFacts } from './vote-links.js';

export const VOTE_MESSAGES = {
  ownReview: 'You cannot vote on your own review.',
  burstNote: (n: number, minutes: number) => `${n} helpful votes within ${minutes} minutes.`,
};
export const VOTE_BURST_REASON = 'vote_burst';

export interface VoteContext {
  accountId: string;
  ip: string | null;
  userAgent: string | null;
  device?: string | null;
  at: Date;
}

/** A voter as the link rules see them (vote-links.ts); shared by votes on reviews and on answers. */
export function factsOf(row: VoterIdentityRow): VoterFacts {
  const of = (kind: string) => row.identifiers.filter((i) => i.kind === kind).map((i) => i.value);
  return { accountId: row.accountId, createdAt: row.createdAt, devices: of('device'), ips: of('ip'), ipPrefixes: of('ip_prefix') };
}

/**
 * One helpful vote per account and review; not on your own; can be withdrawn. A vote from an account linked
 * to a counted voter or to the author is recorded but does not count; a burst of votes puts the review in the
 * moderation queue. Returns the counted total.
 */
export async function setHelpfulVote(
  db: Database,
  input: { reviewId: string; helpful: boolean; post: VoteContext },
): Promise<{ helpfulCount: number; voted: boolean }> {
  return db.transaction(async (tx) => {
    const review = await findReview(tx, input.reviewId, true);
    if (!review || !isPublic(review.status)) throw notFound('The review');
    const accountId = input.post.accountId;
    if (review.accountId === accountId) throw forbidden(VOTE_MESSAGES.ownReview);
    await assertMayAct(tx, accountId, 'vote', { merchantId: review.merchantId });
    if (!input.helpful) return { helpfulCount: await removeHelpfulVote(tx, review.id, accountId), voted: false };
    if (await hasHelpfulVote(tx, review.id, accountId))
      return {
        helpfulCount: await addHelpfulVote(tx, {
          reviewId: review.id,
          accountId,
          at: input.post.at,
          counted: true,
          linkedTo: null,
          linkReason: null,
          linkEvidence: null,
        }),
        voted: true,
      };

    // The vote's own network and device join the account's identifiers before the link check reads them.
    await recordPostIdentifiers(tx, accountId, input.post);
    const people = (await loadVoteIdentities(tx, review.id, accountId)).map(factsOf);
    const voter = people.find((p) => p.accountId === accountId)!;
    const link = findVoteLink(
      voter,
      people.filter((p) => p.accountId !== accountId),
    );
    const helpfulCount = await addHelpfulVote(tx, {
      reviewId: review.id,
      accountId,
      at: input.post.at,
      counted: link === null,
      linkedTo: link?.accountId ?? null,
      linkReason: link?.reason ?? null,
      linkEvidence: link?.evidence ?? null,
    });
    const recent = await countVotesSince(tx, review.id, new Date(input.post.at.getTime() - VOTE_RULES.burstWindowMs));
    if (isVoteBurst(recent)) {
      await insertSystemReport(tx, {
        id: newId('rep'),
        targetKind: 'review',
        targetId: review.id,
        reason: VOTE_BURST_REASON,
        note: VOTE_MESSAGES.burstNote(recent, VOTE_RULES.burstWindowMs / 60_000),
        at: input.post.at,
      });
    }
    return { helpfulCount, voted: true };
  });
}
