// 'unbought-account-cohort' (paid, timing family, a direction signal): accounts that exist for one product. A crude
// farm or a review bomb opens accounts shortly before posting and sends them to the product together, without buying
// it; independent customers are mostly buyers or older accounts, and the few who sign up just to review arrive on
// their own days. Observed: among the accounts reviewing the product within ± context.burstWindowDays (this one
// included), k were opened at most unboughtCohort.freshAccountDays before their review and posted it without an order.
// Chance: this shop's own share of such reviews over the popularity window (shop_daily.fresh_unbought ÷ reviews,
// smoothed towards priorShare by priorReviews pseudo-reviews), so the count is Binomial(n, share); its upper tail
// P(X ≥ k) must be at most maxTail. A shop whose customers mostly sign up to review (orders kept elsewhere) has a
// high share, and such a group is what chance gives there. One window is tested per review. Rating is never read:
// a bomb of 1★ and a burst of 5★ from such accounts are held alike, and a moderator clears what is genuine.
import { poissonBinomialTail } from '../order-delays.js';
import type { Policy } from '../policy.js';
import { EVIDENCE_LIMITS } from '../policy.js';
import type { AssessmentContext, SignalResult, Submission } from '../types.js';
import { burstWindowAccounts } from './reviewer-graph.js';
import { clamp01, DAY_MS, round, signalResult } from './signal-result.js';

/** A review posted without an order from an account at most freshAccountDays old: what shop_daily.fresh_unbought counts. */
export function isFreshUnbought(accountCreatedAt: Date, reviewAt: Date, verified: boolean, policy: Policy): boolean {
  const age = reviewAt.getTime() - accountCreatedAt.getTime();
  return !verified && age <= policy.unboughtCohort.freshAccountDays * DAY_MS;
}

export function unboughtCohortSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  if (submission.kind !== 'review') return [];
  const u = policy.unboughtCohort;
  const pop = context.popularity;
  if (!pop || pop.shopFreshUnbought === undefined) return [];
  if (!isFreshUnbought(context.account.createdAt, submission.at, !!submission.orderId, policy)) return [];
  const accounts = burstWindowAccounts(submission, context, policy, (r) => !!r.authorCreatedAt && isFreshUnbought(r.authorCreatedAt, r.at, r.verified, policy));
  if (!accounts) return [];
  const cohort = [...accounts.entries()].filter(([, e]) => e.marked);
  const k = cohort.length + 1;
  const n = accounts.size + 1;
  const share = (pop.shopFreshUnbought + u.priorShare * u.priorReviews) / (pop.shopReviews + u.priorReviews);
  // Binomial(n, share): the exact tail of n like coin flips.
  const tail = poissonBinomialTail(k, new Array<number>(n).fill(share));
  if (tail > u.maxTail) return [];
  const minSurprise = -Math.log10(u.maxTail);
  const surprise = -Math.log10(Math.max(tail, Number.MIN_VALUE));
  const strength = clamp01(u.strengthBase + (u.strengthSpan * (surprise - minSurprise)) / (u.fullSurpriseLog10 - minSurprise));
  return [
    signalResult(
      policy,
      'unbought-account-cohort',
      'timing',
      'paid',
      strength,
      `${k} of the ${n} accounts reviewing this product within ${policy.context.burstWindowDays} days (this one included) were opened at most ` +
        `${u.freshAccountDays} days before their review and did not buy it here. In this shop ${round(100 * share, 1)}% of reviews come from such ` +
        `accounts, so about ${round(n * share, 1)} would be usual; ${k} or more has a chance of ${Number(tail.toPrecision(EVIDENCE_LIMITS.probabilityDigits))}.`,
      {
        accounts: cohort.map(([a]) => a),
        reviews: cohort.flatMap(([, e]) => e.reviews),
        observed: k,
        accountsInWindow: n,
        shopShare: Number(share.toPrecision(EVIDENCE_LIMITS.probabilityDigits)),
        shopReviews: pop.shopReviews,
        shopFreshUnboughtReviews: pop.shopFreshUnbought,
        expectedByChance: round(n * share, 2),
        tail: Number(tail.toPrecision(EVIDENCE_LIMITS.probabilityDigits)),
        surpriseLog10: round(surprise, 1),
        freshAccountDays: u.freshAccountDays,
        windowDays: policy.context.burstWindowDays,
      },
    ),
  ];
}
