import { UserFacingError, notFound } from '../domain-errors.js';
import type { RewardGrammarLimits } from '../integrity/reward-grammar.js';
import { appendAudit } from '../storage/audit-repo.js';
import type { Database } from '../storage/database.js';
import { upsertMerchantReply } from '../storage/engagement-repo.js';
import { followUpFigures, listUnansweredPoorReviews, upsertFollowUp } from '../storage/follow-up-repo.js';
import { findReview } from '../storage/review-repo.js';
import { refusedMakeGood, type MakeGoodKind } from './make-good-policy.js';
import { assertMayReply } from './member-permissions.js';
import type { MerchantScope } from './merchant-scope.js';

export const FOLLOW_UP_MESSAGES = {
  notPoor: 'The follow-up inbox is for 1–3★ reviews; answer other reviews from Replies.',
  mailSubject: (merchant: string) => `${merchant} answered your review`,
  mailText: (merchant: string, makeGood: string | null, url: string) =>
    `Hello,\n\n${merchant} answered your review publicly${makeGood ? ` and offers: ${makeGood}` : ''}.\n` +
    `Your review stays exactly as you wrote it. If you like, tell us whether the problem was put right: ${url}\n`,
} as const;

export const INBOX_LIMIT = 100;

/** The follow-up inbox: unanswered published 1–3★ reviews, oldest first, with how long each has waited. */
export async function followUpInbox(db: Database, scope: MerchantScope, now: Date) {
  const rows = await listUnansweredPoorReviews(db, scope.merchant.id, INBOX_LIMIT);
  return rows.map((r) => ({ ...r, waitingMs: Math.max(0, now.getTime() - r.createdAt.getTime()) }));
}

/**
 * The merchant's public answer to a poor review, with an optional make-good. Refused whole (422) when the offer is
 * tied to the review; otherwise the reply, the offer and the audit entry commit together. The author's e-mail
 * (FOLLOW_UP_MESSAGES) is queued from that audit entry by the notifications pump (mail/notifications.ts), which
 * honours the author's e-mail settings and adds the one-click unsubscribe.
 */
export async function offerFollowUp(
  db: Database,
  scope: MerchantScope,
  input: { reviewId: string; reply: string; makeGood: MakeGoodKind | null; note: string; at: Date },
  limits: RewardGrammarLimits,
): Promise<void> {
  const refusal = refusedMakeGood({ kind: input.makeGood, note: input.note, reply: input.reply }, limits);
  if (refusal) throw new UserFacingError(422, refusal.detail);
  await db.transaction(async (tx) => {
    const review = await findReview(tx, input.reviewId, true);
    if (review?.status !== 'published' || review.merchantId !== scope.merchant.id) throw notFound('The review');
    if (review.rating > 3) throw new UserFacingError(422, FOLLOW_UP_MESSAGES.notPoor);
    await assertMayReply(tx, scope);
    await upsertMerchantReply(tx, { reviewId: review.id, merchantId: scope.merchant.id, accountId: scope.accountId, body: input.reply, at: input.at });
    await upsertFollowUp(tx, {
      reviewId: review.id,
      merchantId: scope.merchant.id,
      makeGood: input.makeGood,
      note: input.note,
      accountId: scope.accountId,
      at: input.at,
    });
    await appendAudit(tx, {
      at: input.at,
      actorId: scope.accountId,
      action: 'merchant.follow_up',
      targetKind: 'review',
      targetId: review.id,
      beforeState: null,
      afterState: null,
      reason: input.makeGood,
    });
  });
}

/** Public per-merchant figures: median time to first response and the share the authors confirmed resolved. */
export async function publicFollowUpFigures(db: Database, merchantId: string) {
  const f = await followUpFigures(db, merchantId);
  return { ...f, resolvedShare: f.poor ? f.resolved / f.poor : null };
}
