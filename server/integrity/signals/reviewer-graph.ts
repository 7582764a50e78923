// Timing and graph evidence about groups: a product receiving far more reviews than its usual rate from
// accounts that are not established buyers, and accounts reviewing the same set of products at the same time.
// Buyers who ordered days before, and accounts with an older history, are not counted in a burst: that is
// what keeps launch days and defect waves (many real buyers at once) out of it.
import type { AssessmentContext, PriorReview, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { clamp01, DAY_MS, linkedAccountIds, round, signalResult } from './signal-result.js';
import { personallyLinkedAccountIds } from './shared-identity.js';

const PRIOR_DAILY_RATE = 0.5;
const MIN_BASELINE_DAYS = 7;
const BUYER_ORDER_DAYS = 2;
const ESTABLISHED_MIN_REVIEWS = 3;
const ESTABLISHED_MIN_DAYS = 30;
const CO_REVIEW_DAYS = 7;
const CAMPAIGN_DAYS = 45;
const LOCKSTEP_MIN_PRODUCTS = 3;
const LOCKSTEP_DAYS = 3;
const LOCKSTEP_MIN_ACCOUNTS = 2;

/** ln P(X ≥ k) for X ~ Poisson(λ), computed in log space so tiny tails stay finite. */
export function poissonLogTail(k: number, lambda: number): number {
  if (k <= 0) return 0;
  let logTerm = -lambda;
  for (let i = 1; i < k; i++) logTerm += Math.log(lambda) - Math.log(i);
  // P(X ≥ k) = Σ_{i≥k} p(i); sum the series from i = k with the ratio λ/(i+1).
  let logP = logTerm + Math.log(lambda) - Math.log(k);
  let sum = 1;
  let term = 1;
  for (let i = k + 1; i < k + 200; i++) {
    term *= lambda / i;
    sum += term;
    if (term < 1e-12) break;
  }
  logP += Math.log(sum);
  return Math.min(0, logP);
}

function dayKey(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function isEstablished(accountId: string, before: number, context: AssessmentContext): boolean {
  const h = context.reviewerHistories[accountId] ?? [];
  const old = h.filter((r) => r.at.getTime() <= before - ESTABLISHED_MIN_DAYS * DAY_MS && r.status === 'published');
  return old.length >= ESTABLISHED_MIN_REVIEWS;
}

function isBuyer(r: { verified: boolean; orderAt?: Date | null; at: Date }): boolean {
  return r.verified && !!r.orderAt && r.at.getTime() - r.orderAt.getTime() >= BUYER_ORDER_DAYS * DAY_MS;
}

export function burstSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  if (submission.kind !== 'review') return [];
  const at = submission.at.getTime();
  const selfEstablished = context.accountReviews.filter((r) => r.at.getTime() <= at - ESTABLISHED_MIN_DAYS * DAY_MS && r.status === 'published').length >= ESTABLISHED_MIN_REVIEWS;
  if (isBuyer({ verified: !!submission.orderId, orderAt: submission.orderAt, at: submission.at }) || selfEstablished) return [];

  const W = policy.context.burstWindowDays;
  const window = context.productRecentReviews.filter(
    (r) => r.id !== submission.id && r.status !== 'pending' && r.accountId !== submission.accountId && Math.abs(r.at.getTime() - at) <= W * DAY_MS,
  );
  const suspicious = window.filter((r) => !isBuyer(r) && !isEstablished(r.accountId, r.at.getTime(), context));
  const observed = suspicious.length + 1;
  if (observed < 3) return [];

  // Baseline: the product's daily counts before the burst window.
  const windowStart = dayKey(new Date(at - W * DAY_MS));
  const first = context.product.firstReviewAt ? dayKey(context.product.firstReviewAt) : null;
  const dailyStart = dayKey(new Date(at - policy.context.productDailyDays * DAY_MS));
  const baselineFrom = first && first > dailyStart ? first : dailyStart;
  const baselineDays = Math.max(0, (Date.parse(windowStart) - Date.parse(baselineFrom)) / DAY_MS);
  const baselineCount = context.product.daily.filter((d) => d.day < windowStart && d.day >= baselineFrom).reduce((s, d) => s + d.count, 0);
  const rate = baselineDays >= MIN_BASELINE_DAYS ? Math.max(PRIOR_DAILY_RATE / 2, baselineCount / baselineDays) : PRIOR_DAILY_RATE;
  const times = [at, ...suspicious.map((r) => r.at.getTime())];
  const spanDays = Math.max(1, (Math.max(...times) - Math.min(...times)) / DAY_MS);
  const expected = rate * spanDays;
  const log10p = poissonLogTail(observed, expected) / Math.LN10;

  let strength = clamp01((-log10p - 2) / 4);
  if (strength <= 0) return [];
  const p = context.product;
  const ratings = suspicious.map((r) => r.rating).concat(submission.rating ?? []);
  let ratingShift: number | null = null;
  if (p.reviewCount >= 5 && ratings.length > 0) {
    ratingShift = Math.abs(ratings.reduce((s, r) => s + r, 0) / ratings.length - p.ratingSum / p.reviewCount);
    strength = clamp01(strength * (1 + 0.25 * Math.min(1, ratingShift / 3)));
  }
  return [
    signalResult(policy, 'review-burst', 'timing', 'paid', strength, `This product received ${observed} reviews from new or unverified reviewers within ${Math.round(spanDays * 10) / 10} days; about ${round(expected, 1)} would be usual.`, {
      reviews: suspicious.map((r) => r.id),
      accounts: [...new Set(suspicious.map((r) => r.accountId))],
      observed,
      expected: round(expected, 2),
      windowDays: round(spanDays, 2),
      log10Probability: round(log10p, 1),
      baselineDays: Math.round(baselineDays),
      ratingShiftFromProductMean: ratingShift === null ? null : round(ratingShift, 2),
    }),
  ];
}

function productTimes(reviews: PriorReview[], exclude: string): Map<string, number[]> {
  const m = new Map<string, number[]>();
  for (const r of reviews) {
    if (r.productId === exclude || r.status === 'pending') continue;
    const list = m.get(r.productId) ?? [];
    list.push(r.at.getTime());
    m.set(r.productId, list);
  }
  return m;
}

export function reviewerPoolSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  const mine = productTimes(context.accountReviews.filter((r) => r.id !== submission.id), submission.productId);
  // This product counts as shared with an account that reviewed it within the window too.
  const at = submission.at.getTime();
  mine.set(submission.productId, [at]);
  if (mine.size < 2) return [];
  const histories = new Map<string, PriorReview[]>();
  for (const [id, reviews] of Object.entries(context.reviewerHistories)) histories.set(id, reviews);
  for (const l of context.linkedAccounts) if (!histories.has(l.account.id)) histories.set(l.account.id, l.reviews);
  histories.delete(submission.accountId);

  const linked = linkedAccountIds(context);
  const personal = personallyLinkedAccountIds(context);
  const overlaps: { account: string; shared: string[]; jaccard: number; reviews: string[]; tight: string[] }[] = [];
  for (const [account, reviews] of histories) {
    const theirs = productTimes(reviews, '');
    const shared: string[] = [];
    const tight: string[] = [];
    for (const [product, times] of theirs) {
      const my = mine.get(product);
      // Co-reviewed: within days of each other, and part of the same recent campaign as this review (a community
      // of buyers who once reviewed the same popular product long ago is not a pool).
      const recent = (t: number) => Math.abs(t - at) <= CAMPAIGN_DAYS * DAY_MS;
      const within = (days: number) => !!my && my.some((a) => recent(a) && times.some((b) => recent(b) && Math.abs(a - b) <= days * DAY_MS));
      if (within(CO_REVIEW_DAYS)) shared.push(product);
      if (within(LOCKSTEP_DAYS)) tight.push(product);
    }
    if (shared.length < 2) continue;
    const union = new Set([...mine.keys(), ...theirs.keys()]).size;
    const j = shared.length / union;
    if (j < 0.25) continue;
    overlaps.push({ account, shared, tight, jaccard: round(j), reviews: reviews.filter((r) => shared.includes(r.productId)).map((r) => r.id) });
  }

  const out: SignalResult[] = [];
  for (const label of ['sockpuppet', 'paid'] as const) {
    // Loosely linked accounts (a /24 or a browser build only) count on both sides: see personallyLinkedAccountIds.
    const o = overlaps.filter((x) => (label === 'sockpuppet' ? linked.has(x.account) : !personal.has(x.account)));
    // Unlinked, one account sharing a few popular products is chance (two keen reviewers); a farm is several.
    if (o.length < (label === 'sockpuppet' ? 1 : 2)) continue;
    const maxShared = Math.max(...o.map((x) => x.shared.length));
    const strength = clamp01(0.35 + 0.15 * (o.length - 1) + 0.1 * (maxShared - 2));
    out.push(
      signalResult(policy, 'reviewer-pool-overlap', 'graph', label, strength, `${o.length} other account${o.length > 1 ? 's' : ''} reviewed ${maxShared} of the same products as this account (this one included), each within ${CO_REVIEW_DAYS} days of it, in the last ${CAMPAIGN_DAYS} days.`, {
        accounts: o.map((x) => x.account),
        sharedProducts: [...new Set(o.flatMap((x) => x.shared))],
        jaccard: Object.fromEntries(o.map((x) => [x.account, x.jaccard])),
        reviews: [...new Set(o.flatMap((x) => x.reviews))],
        coReviewWindowDays: CO_REVIEW_DAYS,
        campaignDays: CAMPAIGN_DAYS,
      }),
    );
    // Lock-step: the same accounts posting on product after product within days of each other. Chance pools of
    // keen reviewers share two popular products with one or two others; a farm moves as a group, product after
    // product, even when every member ordered days before (which keeps it out of the burst test).
    // (Two products shared with a farm happen to genuine buyers of its targets; three in lock-step do not.)
    const group = o.filter((x) => x.tight.length >= LOCKSTEP_MIN_PRODUCTS);
    if (label === 'paid' && group.length >= LOCKSTEP_MIN_ACCOUNTS) {
      const products = [...new Set(group.flatMap((x) => x.tight))];
      out.push(
        signalResult(
          policy,
          'pool-lockstep',
          'timing',
          label,
          clamp01(0.5 + 0.1 * (group.length - 2) + 0.1 * (products.length - 2)),
          `${group.length} other accounts posted on ${products.length} of the same products (this one included) within ${LOCKSTEP_DAYS} days of this account each time: they move as a group.`,
          {
            accounts: group.map((x) => x.account),
            products,
            reviews: [...new Set(group.flatMap((x) => x.reviews))],
            lockstepWindowDays: LOCKSTEP_DAYS,
          },
        ),
      );
    }
  }
  return out;
}

/** An account this young (days from creation to its review) counts as fresh. */
export const FRESH_ACCOUNT_DAYS = 60;
/** ... and opened within this many days of the author's account: a batch of accounts, not a trickle of newcomers. */
export const COHORT_CREATION_DAYS = 10;
const COHORT_MIN_ACCOUNTS = 4;
const COHORT_MIN_SHARE = 0.4;

/**
 * Timing evidence about who reviews a product together: many of the accounts reviewing it within the burst window
 * (this one included) were opened in one batch, within COHORT_CREATION_DAYS of each other and less than
 * FRESH_ACCOUNT_DAYS before their reviews. A farm opens accounts ahead of a campaign and
 * has them order days before, which keeps it out of the burst test; real buyers of a product, launch-day buyers
 * included, are mostly accounts with some age. Orders and ratings play no part; like every coordination signal it
 * needs a second family (copied text, a reviewer pool) before it can hold anything.
 */
export function freshCohortSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  if (submission.kind !== 'review') return [];
  const at = submission.at.getTime();
  const mine = context.account.createdAt.getTime();
  const fresh = (createdAt: Date | null | undefined, reviewAt: number) =>
    !!createdAt && reviewAt - createdAt.getTime() <= FRESH_ACCOUNT_DAYS * DAY_MS && Math.abs(createdAt.getTime() - mine) <= COHORT_CREATION_DAYS * DAY_MS;
  if (!fresh(context.account.createdAt, at)) return [];
  const W = policy.context.burstWindowDays * DAY_MS;
  const accounts = new Map<string, { fresh: boolean; reviews: string[] }>();
  for (const r of context.productRecentReviews) {
    if (r.id === submission.id || r.status === 'pending' || r.accountId === submission.accountId || Math.abs(r.at.getTime() - at) > W) continue;
    if (r.authorCreatedAt === undefined) return []; // the loader did not say: no evidence either way
    const e = accounts.get(r.accountId) ?? { fresh: false, reviews: [] };
    e.fresh ||= fresh(r.authorCreatedAt, r.at.getTime());
    e.reviews.push(r.id);
    accounts.set(r.accountId, e);
  }
  const cohort = [...accounts.entries()].filter(([, e]) => e.fresh);
  const count = cohort.length + 1;
  const share = count / (accounts.size + 1);
  if (count < COHORT_MIN_ACCOUNTS || share < COHORT_MIN_SHARE) return [];
  return [
    signalResult(
      policy,
      'fresh-account-cohort',
      'timing',
      'paid',
      clamp01(0.4 + 0.1 * (count - COHORT_MIN_ACCOUNTS) + 0.6 * (share - COHORT_MIN_SHARE)),
      `${count} of the ${accounts.size + 1} accounts reviewing this product within ${policy.context.burstWindowDays} days (this one included) were opened within ${COHORT_CREATION_DAYS} days of each other, less than ${FRESH_ACCOUNT_DAYS} days before their reviews.`,
      {
        accounts: cohort.map(([a]) => a),
        reviews: cohort.flatMap(([, e]) => e.reviews),
        freshAccounts: count,
        accountsInWindow: accounts.size + 1,
        freshAccountDays: FRESH_ACCOUNT_DAYS,
        openedWithinDaysOfThisAccount: COHORT_CREATION_DAYS,
        windowDays: policy.context.burstWindowDays,
      },
    ),
  ];
}
