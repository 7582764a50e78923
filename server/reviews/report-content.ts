import { assertMayAct } from '../accounts/actor-policy.js';
import { conflict, notFound } from '../domain-errors.js';
import { isPublic } from '../integrity/states.js';
import type { Database } from '../storage/database.js';
import { findComment } from '../storage/comment-repo.js';
import { insertReport } from '../storage/engagement-repo.js';
import { newId } from '../storage/ids.js';
import { findReview } from '../storage/review-repo.js';

export const REPORT_REASONS = {
  fake: 'Looks fake or paid for',
  conflict_of_interest: 'Written by the seller or a competitor',
  offensive: 'Offensive, hateful or harassing',
  personal_info: 'Contains personal information',
  off_topic: 'Not about this product',
  spam: 'Spam or advertising',
} as const;
export type ReportReason = keyof typeof REPORT_REASONS;

/** Reasons only Candor's own checks file (people cannot choose them), in moderators' words. */
export const SYSTEM_REPORT_REASONS = {
  vote_burst: 'Burst of helpful votes (automatic check)',
} as const;

const MESSAGES = { already: 'You have already reported this. A moderator will look at it.' };

/** A report goes to the moderation queue; the content stays up until a moderator decides. */
export async function reportContent(
  db: Database,
  input: { targetKind: 'review' | 'comment'; targetId: string; accountId: string; reason: ReportReason; note: string },
): Promise<{ reportId: string }> {
  return db.transaction(async (tx) => {
    const target = input.targetKind === 'review' ? await findReview(tx, input.targetId) : await findComment(tx, input.targetId);
    if (!target || !isPublic(target.status)) throw notFound(`The ${input.targetKind}`);
    const review = 'merchantId' in target ? target : await findReview(tx, target.reviewId);
    await assertMayAct(tx, input.accountId, 'report', { merchantId: review?.merchantId ?? null });
    const id = newId('rep');
    const inserted = await insertReport(tx, { id, ...input });
    if (!inserted) throw conflict(MESSAGES.already);
    return { reportId: id };
  });
}
