// Rings that work for (or against) a whole merchant spread over several of its products: the ring's accounts rarely
// review the same product, so linked-co-review (same product) misses them. This signal looks at accounts personally
// linked to the author (same mailbox or device, same ip on accounts opened together, or a /24 or build on accounts
// opened together beyond chance: linkTier 'strong') that reviewed OTHER products of the same merchant within
// linkedTiming.strongWindowDays of this review. Chance is the merchant's share of the shop's reviews: an account
// with n reviews in the window lands one of them on this merchant with probability 1 − (1 − share)^n, so each such
// account contributes a likelihood ratio 1 ÷ that probability. Two buyers who each ordered days before wrote about
// two purchases (independence is evidence) and are not counted.
import type { AssessmentContext, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { EVIDENCE_LIMITS } from '../policy.js';
import { createdTogether, linkTier } from './shared-identity.js';
import { clamp01, DAY_MS, isOrderedDaysBefore, isOther, round, signalResult } from './signal-result.js';

interface Hit {
  account: string;
  why: string[];
  reviews: string[];
  products: string[];
  reviewsInWindow: number;
  chance: number;
  logRatio: number;
}

export function merchantCoReviewSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  const pop = context.popularity;
  if (submission.kind !== 'review' || !pop || pop.merchantReviews === undefined || pop.shopReviews <= 0) return [];
  // The merchant's share of the shop's reviews (the ring's own reviews included: that only makes chance larger).
  const share = Math.min(1, Math.max(pop.merchantReviews, 1) / pop.shopReviews);
  if (share >= 1) return [];
  const window = policy.linkedTiming.strongWindowDays * DAY_MS;
  const at = submission.at.getTime();
  const authorBought = isOrderedDaysBefore(submission);
  const together = createdTogether(context, policy, submission);
  const hits: Hit[] = [];
  for (const l of context.linkedAccounts) {
    if (l.account.id === submission.accountId) continue;
    const { tier, reasons } = linkTier(l, together);
    if (tier !== 'strong') continue;
    const inWindow = l.reviews.filter((r) => isOther(r, submission) && Math.abs(r.at.getTime() - at) <= window);
    // The same product is linked-co-review's case: this signal is only for a ring spread over sibling products.
    if (inWindow.some((r) => r.productId === submission.productId)) continue;
    const siblings = inWindow.filter((r) => r.merchantId === submission.merchantId && !(authorBought && isOrderedDaysBefore(r)));
    if (siblings.length === 0) continue;
    const chance = 1 - (1 - share) ** inWindow.length;
    hits.push({
      account: l.account.id,
      why: reasons,
      reviews: siblings.map((r) => r.id),
      products: [...new Set(siblings.map((r) => r.productId))],
      reviewsInWindow: inWindow.length,
      chance: round(chance, EVIDENCE_LIMITS.probabilityDigits),
      logRatio: -Math.log(chance),
    });
  }
  if (hits.length === 0) return [];
  const m = policy.rings.merchantCoReview;
  const logRatio = hits.reduce((sum, h) => sum + h.logRatio, 0);
  const minLog = Math.log(m.minLikelihoodRatio);
  if (logRatio < minLog) return [];
  const strength = clamp01(m.strengthBase + m.strengthSpan * clamp01((logRatio - minLog) / (Math.log(m.fullLikelihoodRatio) - minLog)));
  hits.sort((a, b) => (a.account < b.account ? -1 : 1));
  const products = [...new Set(hits.flatMap((h) => h.products))];
  return [
    signalResult(
      policy,
      'linked-merchant-co-review',
      'timing',
      'sockpuppet',
      strength,
      `${hits.length} account${hits.length > 1 ? 's' : ''} linked to this one reviewed ${products.length > 1 ? 'other products' : 'another product'} of the same merchant within ${policy.linkedTiming.strongWindowDays} days, where this merchant's share of the shop's reviews makes that unlikely by chance.`,
      {
        accounts: hits.map((h) => h.account),
        reviews: hits.flatMap((h) => h.reviews),
        products,
        merchantShare: round(share, EVIDENCE_LIMITS.probabilityDigits),
        windowDays: policy.linkedTiming.strongWindowDays,
        pairs: hits.map((h) => ({ account: h.account, why: h.why, reviewsInWindow: h.reviewsInWindow, chance: h.chance, logRatio: round(h.logRatio) })),
        likelihoodRatio: round(Math.exp(logRatio)),
        minLikelihoodRatio: m.minLikelihoodRatio,
      },
    ),
  ];
}
