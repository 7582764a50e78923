// 'throwaway-cohort' (paid, identity family, a direction signal): most of a product's reviewers within a day are
// accounts opened hours before an unverified review, far more than this shop's share of such reviews gives by chance.
// A crude farm opens an account per review and posts without buying; no single identifier links its accounts (each
// posts from its own address), but an account made for one review, with no order and no history, is directed, not an
// independent customer. Real buyers of a launch or a defect wave have orders or accounts with some age; the few who
// sign up to post a complaint are a minority of the product's reviewers that day, which minShare keeps out.
// The shop's share is read from its own recent reviews, so a shop where signing up to post is common sets a higher
// bar. Rating is never read; like every coordination signal it needs a second family before it can hold anything.
import type { AssessmentContext, PriorReview, SignalResult, Submission } from '../types.js';
import type { Policy, ThrowawayPolicy } from '../policy.js';
import { poissonBinomialTail } from '../order-delays.js';
import { DAY_MS, evidenceProbability, HOUR_MS, round, strengthOnScale, surpriseLog10 } from './signal-result.js';

/** No order, and the account was opened at most accountHours before the review (not after it: that is no account's history). */
export function isThrowawayReview(verified: boolean, at: Date, accountCreatedAt: Date | null | undefined, p: ThrowawayPolicy): boolean {
  if (verified || !accountCreatedAt) return false;
  const age = at.getTime() - accountCreatedAt.getTime();
  return age >= 0 && age <= p.accountHours * HOUR_MS;
}

/** Whether the submission is a throwaway account's review: only then does the loader read the shop's share. */
export function isThrowawaySubmission(submission: Submission, accountCreatedAt: Date, policy: Policy): boolean {
  const p = policy.throwaways;
  return !!p && submission.kind === 'review' && isThrowawayReview(submission.orderId !== null, submission.at, accountCreatedAt, p);
}

export function throwawayCohortSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  const p = policy.throwaways;
  const shop = context.throwaways;
  if (!p || !shop || !isThrowawaySubmission(submission, context.account.createdAt, policy)) return [];
  const at = submission.at.getTime();
  const W = p.windowDays * DAY_MS;
  const others = new Map<string, PriorReview[]>();
  const throwaways = new Set<string>();
  for (const r of context.productRecentReviews) {
    if (r.id === submission.id || r.status === 'pending' || r.accountId === submission.accountId || Math.abs(r.at.getTime() - at) > W) continue;
    if (r.authorCreatedAt === undefined) return []; // the loader did not say: no evidence either way
    others.set(r.accountId, [...(others.get(r.accountId) ?? []), r]);
    if (isThrowawayReview(r.verified, r.at, r.authorCreatedAt, p)) throwaways.add(r.accountId);
  }
  const count = throwaways.size + 1;
  const reviewers = others.size + 1;
  if (count < p.minAccounts || count / reviewers < p.minShare) return [];
  const share = (shop.throwaways + 1) / (shop.sample + 2);
  const tail = poissonBinomialTail(throwaways.size, new Array<number>(others.size).fill(share));
  const surprise = surpriseLog10(tail);
  if (surprise < p.minSurpriseLog10) return [];
  const strength = strengthOnScale(surprise, p.minSurpriseLog10, p.fullSurpriseLog10, p);
  const expected = others.size * share;
  const accounts = [...throwaways];
  return [
    {
      signal: 'throwaway-cohort',
      family: 'identity',
      label: 'paid',
      weight: round(strength * p.weight),
      summary:
        `${count} of the ${reviewers} accounts reviewing this product within ${p.windowDays} day(s) of this review (this one included) posted ` +
        `without an order, within ${p.accountHours} hours of opening their account. Of this shop's last ${shop.sample} reviews, ` +
        `${shop.throwaways} were like that (${round(share * 100, 1)}%), so chance gives about ${round(expected, 2)} among the other ` +
        `${others.size}, not ${throwaways.size} (P = ${evidenceProbability(tail)}).`,
      evidence: {
        accounts,
        reviews: accounts.flatMap((a) => (others.get(a) ?? []).map((r) => r.id)),
        throwawayAccounts: count,
        accountsInWindow: reviewers,
        windowDays: p.windowDays,
        accountHours: p.accountHours,
        shopSample: shop.sample,
        shopThrowaways: shop.throwaways,
        shopShare: evidenceProbability(share),
        expectedByChance: round(expected),
        tail: evidenceProbability(tail),
        surpriseLog10: round(surprise, 1),
      },
    },
  ];
}
