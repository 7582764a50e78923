// Timing and graph evidence about groups: a product receiving far more reviews than its usual rate from
// accounts that are not established buyers, and accounts reviewing the same set of products at the same time.
// Buyers who ordered days before, and accounts with an older history, are not counted in a burst: that is
// what keeps launch days and defect waves (many real buyers at once) out of it.
import type { AssessmentContext, PriorReview, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { clamp01, DAY_MS, evidenceProbability, isOrderedDaysBefore, isOther, linkedAccountIds, round, signalResult } from './signal-result.js';
import { createdTogether, personallyLinkedAccountIds } from './shared-identity.js';

/** ln P(X ≥ k) for X ~ Poisson(λ), computed in log space so tiny tails stay finite. */
export function poissonLogTail(k: number, lambda: number): number {
  if (k <= 0) return 0;
  let logTerm = -lambda;
  for (let i = 1; i < k; i++) logTerm += Math.log(lambda) - Math.log(i);
  // P(X ≥ k) = Σ_{i≥k} p(i); sum the series from i = k with the ratio λ/(i+1).
  let logP = logTerm + Math.log(lambda) - Math.log(k);
  let sum = 1;
  let term = 1;
  for (let i = k + 1; i < k + 1000; i++) {
    term *= lambda / i;
    sum += term;
    if (term < Number.EPSILON) break;
  }
  logP += Math.log(sum);
  return Math.min(0, logP);
}

function dayKey(d: Date): string {
  return d.toISOString().split('T')[0]!;
}

function isEstablished(accountId: string, before: number, context: AssessmentContext, policy: Policy): boolean {
  const h = context.reviewerHistories[accountId] ?? [];
  const old = h.filter((r) => r.at.getTime() <= before - policy.burst.establishedMinDays * DAY_MS && r.status === 'published');
  return old.length >= policy.burst.establishedMinReviews;
}

function isBuyer(r: { verified: boolean; orderAt?: Date | null; at: Date }): boolean {
  return r.verified && isOrderedDaysBefore(r);
}

export function burstSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  if (submission.kind !== 'review') return [];
  const at = submission.at.getTime();
  const b = policy.burst;
  const selfEstablished =
    context.accountReviews.filter((r) => r.at.getTime() <= at - b.establishedMinDays * DAY_MS && r.status === 'published').length >= b.establishedMinReviews;
  if (isBuyer({ verified: !!submission.orderId, orderAt: submission.orderAt, at: submission.at }) || selfEstablished) return [];

  const W = policy.context.burstWindowDays;
  const window = context.productRecentReviews.filter(
    (r) => r.id !== submission.id && r.status !== 'pending' && r.accountId !== submission.accountId && Math.abs(r.at.getTime() - at) <= W * DAY_MS,
  );
  const suspicious = window.filter((r) => !isBuyer(r) && !isEstablished(r.accountId, r.at.getTime(), context, policy));
  const observed = suspicious.length + 1;
  if (observed < b.minObserved) return [];

  // Baseline: the product's daily counts before the burst window.
  const windowStart = dayKey(new Date(at - W * DAY_MS));
  const first = context.product.firstReviewAt ? dayKey(context.product.firstReviewAt) : null;
  const dailyStart = dayKey(new Date(at - policy.context.productDailyDays * DAY_MS));
  const baselineFrom = first && first > dailyStart ? first : dailyStart;
  const baselineDays = Math.max(0, (Date.parse(windowStart) - Date.parse(baselineFrom)) / DAY_MS);
  const baselineCount = context.product.daily.filter((d) => d.day < windowStart && d.day >= baselineFrom).reduce((s, d) => s + d.count, 0);
  const rate = baselineDays >= b.minBaselineDays ? Math.max(b.priorDailyRate / 2, baselineCount / baselineDays) : b.priorDailyRate;
  const times = [at, ...suspicious.map((r) => r.at.getTime())];
  const spanDays = Math.max(1, (Math.max(...times) - Math.min(...times)) / DAY_MS);
  const expected = rate * spanDays;
  const log10p = poissonLogTail(observed, expected) / Math.LN10;

  let strength = clamp01((-log10p - b.minSurpriseLog10) / b.surpriseSpanLog10);
  if (strength <= 0) return [];
  const p = context.product;
  const ratings = suspicious.map((r) => r.rating).concat(submission.rating ?? []);
  let ratingShift: number | null = null;
  if (p.reviewCount >= b.ratingShiftMinProductReviews && ratings.length > 0) {
    ratingShift = Math.abs(ratings.reduce((s, r) => s + r, 0) / ratings.length - p.ratingSum / p.reviewCount);
    strength = clamp01(strength * (1 + b.ratingShiftWeight * Math.min(1, ratingShift / b.ratingShiftScale)));
  }
  return [
    signalResult(
      policy,
      'review-burst',
      'timing',
      'paid',
      strength,
      `This product received ${observed} reviews from new or unverified reviewers within ${round(spanDays, 1)} days; about ${round(expected, 1)} would be usual.`,
      {
        reviews: suspicious.map((r) => r.id),
        accounts: [...new Set(suspicious.map((r) => r.accountId))],
        observed,
        expected: round(expected, 2),
        windowDays: round(spanDays, 2),
        log10Probability: round(log10p, 1),
        baselineDays: Math.round(baselineDays),
        ratingShiftFromProductMean: ratingShift === null ? null : round(ratingShift, 2),
      },
    ),
  ];
}

/**
 * The days on which another account's review of one of the author's other products would be a co-review: within
 * graph.coReviewDays of the author's reviews of it (those within campaignDays of the submission), as merged
 * [from, to] ranges of UTC days per product. Storage counts the product's reviews on these days
 * (popularity.productReviewsNear): the chance of a co-review is of a review on those days, not on any day of the window.
 */
export function coReviewDayRanges(submission: Submission, accountReviews: PriorReview[], policy: Policy): Record<string, [string, string][]> {
  const g = policy.graph;
  const at = submission.at.getTime();
  const spans = new Map<string, [number, number][]>();
  for (const r of accountReviews) {
    const t = r.at.getTime();
    if (r.id === submission.id || r.productId === submission.productId || r.status === 'pending' || Math.abs(t - at) > g.campaignDays * DAY_MS) continue;
    const list = spans.get(r.productId) ?? [];
    list.push([t - g.coReviewDays * DAY_MS, t + g.coReviewDays * DAY_MS]);
    spans.set(r.productId, list);
  }
  const out: Record<string, [string, string][]> = {};
  for (const [product, list] of [...spans.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const days = list.map(([a, b]) => [dayKey(new Date(a)), dayKey(new Date(b))] as [string, string]).sort((x, y) => (x[0] < y[0] ? -1 : 1));
    const merged: [string, string][] = [];
    for (const d of days) {
      const last = merged[merged.length - 1];
      if (last && d[0] <= last[1]) last[1] = d[1] > last[1] ? d[1] : last[1];
      else merged.push([d[0], d[1]]);
    }
    out[product] = merged;
  }
  return out;
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

type PoolAccount = { account: string; inWindow: PriorReview[]; times: Map<string, number[]>; count: number };
type Pool = { product: string; accounts: string[]; observed: number; expected: number; tail: number; surprise: number };
type CoReviewer = { shared: Set<string>; tight: Set<string>; reviews: Set<string>; merchants: Set<string> };

const bestSurprise = (pools: Pool[]) => (pools.length === 0 ? -Infinity : Math.max(...pools.map((x) => x.surprise)));

/** The author's other products on which `accounts` co-reviewed beyond chance, and those co-reviewers (see reviewerPoolSignals). */
function poolsAmong(
  accounts: PoolAccount[],
  mine: Map<string, number[]>,
  submission: Submission,
  pop: NonNullable<AssessmentContext['popularity']>,
  g: Policy['graph'],
  choicePenaltyLog10: number,
  minSurpriseLog10: number,
): { pools: Pool[]; coReviewers: Map<string, CoReviewer>; accounts: PoolAccount[] } {
  const testedProducts = mine.size - 1;
  const pools: Pool[] = [];
  const coReviewers = new Map<string, CoReviewer>();
  for (const [product, myTimes] of mine) {
    if (product === submission.productId) continue;
    // A co-review is a review of this product within coReviewDays of the author's: its chance is the product's share of
    // the shop's reviews on those days (productReviewsNear), not over the whole window (a farm's client product sells
    // all year; a launch or a defect wave has nearly all its reviews in those days anyway). It is never taken below the
    // co-reviews this check can see (the author's and theirs): a count loaded for other days must not make them look
    // impossible by chance.
    const who = accounts
      .filter((a) => {
        const times = a.times.get(product);
        return times && myTimes.some((x) => times.some((y) => Math.abs(x - y) <= g.coReviewDays * DAY_MS));
      })
      .map((a) => a.account);
    if (who.length === 0) continue;
    const reviewsOfProduct = Math.max(pop.productReviewsNear?.[product] ?? pop.productReviews[product] ?? 0, 1 + who.length);
    const share = pop.shopReviews > 0 ? Math.min(1, reviewsOfProduct / Math.max(pop.shopReviews, reviewsOfProduct)) : 1;
    let expected = 0;
    for (const a of accounts) expected += 1 - (1 - share) ** a.count;
    const logTail = poissonLogTail(who.length, Math.max(expected, Number.EPSILON));
    const surprise = -logTail / Math.LN10 - Math.log10(Math.max(1, testedProducts)) - choicePenaltyLog10;
    if (surprise < minSurpriseLog10) continue;
    pools.push({
      product,
      accounts: who,
      observed: who.length,
      expected,
      tail: evidenceProbability(Math.exp(logTail)),
      surprise,
    });
    for (const id of who) {
      const a = accounts.find((x) => x.account === id)!;
      const e = coReviewers.get(id) ?? { shared: new Set<string>(), tight: new Set<string>(), reviews: new Set<string>(), merchants: new Set<string>() };
      for (const p of [product, submission.productId]) {
        const times = a.times.get(p);
        const my = mine.get(p)!;
        if (!times) continue;
        if (my.some((x) => times.some((y) => Math.abs(x - y) <= g.coReviewDays * DAY_MS))) e.shared.add(p);
        if (my.some((x) => times.some((y) => Math.abs(x - y) <= g.lockstepDays * DAY_MS))) e.tight.add(p);
      }
      for (const r of a.inWindow) if (e.shared.has(r.productId)) e.reviews.add(r.id), e.merchants.add(r.merchantId);
      coReviewers.set(id, e);
    }
  }
  if (pools.length === 0) return { pools, coReviewers, accounts };
  // The other products this account shares with each co-reviewer count towards lock-step too.
  for (const [id, e] of coReviewers) {
    const a = accounts.find((x) => x.account === id)!;
    for (const [p, my] of mine) {
      const times = a.times.get(p);
      if (times && my.some((x) => times.some((y) => Math.abs(x - y) <= g.lockstepDays * DAY_MS))) e.tight.add(p);
    }
  }

  return { pools, coReviewers, accounts };
}

/**
 * Whether the reviewer-pool test could use a wider set of the product's reviewers (poolReviewerHistories): the author
 * reviewed another product within graph.campaignDays. The context loader reads that set only then; assess.ts asks for a
 * check again when the pool window (± graph.poolProductDays) has closed, since a check at posting time sees only its
 * first half.
 */
export function poolTestPossible(submission: Submission, accountReviews: PriorReview[], policy: Policy): boolean {
  const g = policy.graph;
  if (g.poolProductDays === undefined || g.poolReviewersCap === undefined) return false;
  const at = submission.at.getTime();
  return accountReviews.some((r) => isOther(r, submission) && r.productId !== submission.productId && Math.abs(r.at.getTime() - at) <= g.campaignDays * DAY_MS);
}

/**
 * Graph evidence, judged against chance: for each other product the author reviewed recently, how many of the other
 * accounts tested (reviewers of this product around now, and linked accounts) also reviewed it within days of the
 * author, compared with what the product's popularity in this shop explains. Buyers of popular products overlap by
 * chance (a defect wave's reviewers share the bestseller everyone bought); a farm's accounts share its clients'
 * products. Expected = Σ over the tested accounts of the chance that each reviewed that product (its review count in
 * the window × the product's share of the shop's reviews); the surprise is the Poisson tail of the observed count,
 * Bonferroni-corrected for the products tested. The submission's own product is left out: the accounts were found
 * because they reviewed it. A pool beyond chance over several merchants is reported as 'cross-merchant-pool'. The
 * accounts tested are the product's reviewers within ± context.productWindowDays and the linked accounts, and, as a
 * second test with a higher bar, also the product's reviewers within ± graph.poolProductDays (poolReviewerHistories).
 */
export function reviewerPoolSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  const g = policy.graph;
  const pop = context.popularity;
  if (!pop) return [];
  const at = submission.at.getTime();
  const recent = (t: number) => Math.abs(t - at) <= g.campaignDays * DAY_MS;
  const mine = productTimes(
    context.accountReviews.filter((r) => r.id !== submission.id && recent(r.at.getTime())),
    submission.productId,
  );
  if (mine.size < 1) return [];
  mine.set(submission.productId, [at]);
  const histories = new Map<string, PriorReview[]>();
  for (const [id, reviews] of Object.entries(context.reviewerHistories)) histories.set(id, reviews);
  for (const l of context.linkedAccounts) if (!histories.has(l.account.id)) histories.set(l.account.id, l.reviews);
  histories.delete(submission.accountId);

  const linked = linkedAccountIds(context);
  const together = createdTogether(context, policy, submission);
  const personal = personallyLinkedAccountIds(context, policy, together);
  const inWindowOf = (account: string, reviews: PriorReview[]) => {
    const inWindow = reviews.filter((r) => r.status !== 'pending' && recent(r.at.getTime()));
    return { account, inWindow, times: productTimes(inWindow, ''), count: inWindow.filter((r) => r.productId !== submission.productId).length };
  };
  const narrow = [...histories.entries()].map(([account, reviews]) => inWindowOf(account, reviews));
  // The product's reviewers over a wider window (poolReviewerHistories) are a second test: a campaign that spends two or
  // three weeks on one client's product meets the author's other products through accounts outside the ± productWindowDays
  // the other checks look at, but testing more accounts also raises what chance explains. The narrow test is run as
  // before; the wide one, when the wider set was loaded, pays log10(2) (Bonferroni for the two tests) and counts a product
  // only from poolWideMinSurpriseLog10, and the more surprising is kept. Under chance the two together fire hardly more
  // often than the narrow one alone (at most 1 in 100 + 1 in 20,000 with the default bars).
  const extra = Object.entries(context.poolReviewerHistories ?? {}).filter(([id]) => !histories.has(id) && id !== submission.accountId);
  const found = [{ ...poolsAmong(narrow, mine, submission, pop, g, 0, g.minSurpriseLog10), windowDays: policy.context.productWindowDays }];
  if (extra.length > 0 && g.poolProductDays !== undefined) {
    const wide = [...narrow, ...extra.map(([account, reviews]) => inWindowOf(account, reviews))];
    const tests = 2;
    found.push({
      ...poolsAmong(wide, mine, submission, pop, g, Math.log10(tests), g.poolWideMinSurpriseLog10 ?? g.minSurpriseLog10),
      windowDays: g.poolProductDays,
    });
  }
  const chosen = found.reduce((a, b) => (bestSurprise(b.pools) > bestSurprise(a.pools) ? b : a));
  const { pools, coReviewers, accounts } = chosen;
  if (pools.length === 0) return [];
  const best = Math.max(...pools.map((x) => x.surprise));
  const out: SignalResult[] = [];
  for (const label of ['sockpuppet', 'paid'] as const) {
    // Loosely linked accounts (a /24 or a browser build only) count on both sides: see personallyLinkedAccountIds.
    // A household's accounts (a family computer, each account ordering what it reviews) buy the same things: that
    // they reviewed the same products is explained by the home they share, as for linked co-reviews (linked-timing).
    const o = [...coReviewers.entries()].filter(([id]) => (label === 'sockpuppet' ? linked.has(id) && !together.household.has(id) : !personal.has(id)));
    // Unlinked, one account beyond chance may still be two keen reviewers of one niche; a farm is several.
    if (o.length < (label === 'sockpuppet' ? 1 : 2)) continue;
    const strength = clamp01(
      g.strengthBase + (g.strengthSpan * (best - g.minSurpriseLog10)) / (g.fullSurpriseLog10 - g.minSurpriseLog10) + g.perExtraAccount * (o.length - 2),
    );
    const merchants = [...new Set([...o.flatMap(([, e]) => [...e.merchants]), submission.merchantId])];
    const crossMerchant = merchants.length >= g.crossMerchantMinMerchants;
    const products = [...new Set(o.flatMap(([, e]) => [...e.shared]))];
    // The author's own reviews of the shared products are half of each co-review: the same pool names them, so a
    // hold re-opens them too (an earlier job's review, published before the pool was visible, is checked again).
    const own = context.accountReviews
      .filter((r) => isOther(r, submission) && r.productId !== submission.productId && recent(r.at.getTime()))
      .filter((r) => products.includes(r.productId))
      .map((r) => r.id);
    out.push(
      signalResult(
        policy,
        crossMerchant ? 'cross-merchant-pool' : 'reviewer-pool-overlap',
        'graph',
        label,
        strength,
        `${o.length} other account${o.length > 1 ? 's' : ''} reviewed ${products.length} of the same products as this account${crossMerchant ? `, from ${merchants.length} merchants` : ''}, each within ${g.coReviewDays} days of it: more than the popularity of those products explains.`,
        {
          accounts: o.map(([id]) => id),
          sharedProducts: products,
          merchants,
          pools: pools.map((x) => ({
            product: x.product,
            observed: x.observed,
            productReviewsOnCoReviewDays: pop.productReviewsNear?.[x.product] ?? null,
            expectedByChance: round(x.expected),
            tail: x.tail,
            surpriseLog10: round(x.surprise, 1),
          })),
          accountsTested: accounts.length,
          // The product's reviewers tested were those within this many days of this review (and the linked accounts).
          reviewersWithinDays: chosen.windowDays,
          shopReviewsInWindow: pop.shopReviews,
          reviews: [...new Set([...o.flatMap(([, e]) => [...e.reviews]), ...own])],
          coReviewWindowDays: g.coReviewDays,
          campaignDays: g.campaignDays,
        },
      ),
    );
    // Lock-step: the same accounts posting on product after product within days of each other, beyond chance.
    const group = o.filter(([, e]) => e.tight.size >= g.lockstepMinProducts);
    if (label === 'paid' && group.length >= g.lockstepMinAccounts) {
      const lockProducts = [...new Set(group.flatMap(([, e]) => [...e.tight]))];
      out.push(
        signalResult(
          policy,
          'pool-lockstep',
          'timing',
          label,
          clamp01(g.lockstepBase + g.lockstepPerAccount * (group.length - 2) + g.lockstepPerProduct * (lockProducts.length - 2)),
          `${group.length} other accounts posted on ${lockProducts.length} of the same products (this one included) within ${g.lockstepDays} days of this account each time: they move as a group.`,
          {
            accounts: group.map(([id]) => id),
            products: lockProducts,
            reviews: [...new Set(group.flatMap(([, e]) => [...e.reviews]))],
            lockstepWindowDays: g.lockstepDays,
          },
        ),
      );
    }
  }
  return out;
}

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
  const b = policy.burst;
  // An account younger than cohortFreshAccountDays at its review, opened within cohortCreationDays of the author's.
  const FRESH_ACCOUNT_DAYS = b.cohortFreshAccountDays;
  const COHORT_CREATION_DAYS = b.cohortCreationDays;
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
  if (count < b.cohortMinAccounts || share < b.cohortMinShare) return [];
  return [
    signalResult(
      policy,
      'fresh-account-cohort',
      'timing',
      'paid',
      clamp01(b.cohortBase + b.cohortPerAccount * (count - b.cohortMinAccounts) + b.cohortPerShare * (share - b.cohortMinShare)),
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
