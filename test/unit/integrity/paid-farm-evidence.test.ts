// Paid farms that look different (issue 9, point 4): a reviewer pool is compared with the popularity of the products
// over the days it was read from.
import { expect } from 'chai';
import { assess } from '../../../server/integrity/assess.js';
import { defaultPolicy } from '../../../server/integrity/policy.js';
import { reviewerPoolSignals } from '../../../server/integrity/signals/reviewer-graph.js';
import type { AssessmentContext, PriorReview, Submission } from '../../../server/integrity/types.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T12:00:00Z');

describe('paid farms: reviewer pools against chance', () => {
  /**
   * The author reviewed product q (another merchant) a day before this review of p; three other reviewers of p reviewed q
   * within hours of the author. `qPopularity` is q's count as loaded (0: loaded for other days than the reviews were read
   * from, as a re-check made after the day of the review used to load it).
   */
  function poolCase(rating: number, qPopularity: number) {
    const { submission, context } = poolContext(rating, qPopularity);
    return reviewerPoolSignals(submission, context, defaultPolicy);
  }

  function poolContext(rating: number, qPopularity: number) {
    const at = new Date(T0);
    const review = (id: string, accountId: string, productId: string, merchantId: string, t: number): PriorReview => ({
      id,
      accountId,
      productId,
      merchantId,
      rating,
      title: '',
      body: '',
      at: new Date(t),
      verified: true,
      status: 'published',
    });
    const submission: Submission = {
      id: 's',
      kind: 'review',
      accountId: 'a',
      productId: 'p',
      merchantId: 'm1',
      orderId: null,
      orderAt: null,
      rating,
      title: '',
      body: '',
      at,
      ip: null,
      userAgent: null,
      incentive: null,
    };
    const histories: Record<string, PriorReview[]> = {};
    for (const b of ['b1', 'b2', 'b3']) histories[b] = [review(`${b}-p`, b, 'p', 'm1', T0 - DAY / 2), review(`${b}-q`, b, 'q', 'm2', T0 - DAY + 3_600_000)];
    const context = {
      account: { id: 'a', createdAt: new Date(T0 - 400 * DAY), email: 'a@example.com', staffOf: [] },
      accountReviews: [review('a-q', 'a', 'q', 'm2', T0 - DAY)],
      accountRecentPosts: [],
      textCandidates: [],
      linkedAccounts: [],
      product: { id: 'p', merchantId: 'm1', reviewCount: 3, ratingSum: 3 * rating, firstReviewAt: null, daily: [] },
      productRecentReviews: [],
      reviewerHistories: histories,
      merchant: { id: 'm1', domain: null, staffAccountIds: [] },
      model: null,
      popularity: { windowDays: defaultPolicy.graph.campaignDays, shopReviews: 1000, productReviews: { p: 4, q: qPopularity } },
      capped: [],
    } satisfies AssessmentContext;
    return { submission, context };
  }

  for (const rating of [1, 5]) {
    it(`when a product's popularity was loaded as 0 though reviews of it are visible (${rating}★), then the expected overlap counts those reviews and the surprise is finite`, () => {
      const s = poolCase(rating, 0).find((x) => x.label === 'paid')!;
      const pool = (s.evidence.pools as { product: string; expectedByChance: number; tail: number; surpriseLog10: number }[])[0]!;
      expect(pool.product).to.equal('q');
      // q has at least the author's review and the three co-reviewers' (4 of 1000): expected = 3 × 4/1000.
      expect(pool.expectedByChance).to.be.closeTo(0.012, 1e-3);
      expect(pool.tail).to.be.within(1e-7, 1e-6);
      expect(pool.surpriseLog10).to.be.below(7);
      // The same as when the loader counted q's four reviews itself.
      const loaded = poolCase(rating, 4).find((x) => x.label === 'paid')!;
      expect(loaded.weight).to.equal(s.weight);
    });
  }

  it('when the same pool is checked at 1★ and at 5★, then the evidence is the same', () => {
    const one = poolCase(1, 4).map((x) => [x.signal, x.label, x.weight]);
    const five = poolCase(5, 4).map((x) => [x.signal, x.label, x.weight]);
    expect(one).to.deep.equal(five);
  });

  for (const rating of [1, 5]) {
    it(`when a pool holds a review (${rating}★), then the author's own earlier review of the shared product is re-opened with the co-reviewers' reviews`, () => {
      // The author's review of q was published before the pool was visible (an earlier client's job). The pool that
      // holds this review is made of the author's and the co-reviewers' reviews of q: both halves are checked again.
      const { submission, context } = poolContext(rating, 4);
      const verdict = assess(submission, context, defaultPolicy);
      expect(verdict.decision).to.equal('held');
      expect(verdict.labels).to.include('paid');
      expect(verdict.reopen).to.include.members(['b1-q', 'b2-q', 'b3-q']);
      expect(verdict.reopen).to.include('a-q');
      expect(verdict.reopen).to.not.include('s');
    });
  }
});

describe('paid farms: the same accounts beside a review on several merchants’ products', () => {
  /**
   * The author reviews p (merchant m1); weeks before, it reviewed q (m2) and r (m3). Eight other accounts reviewed p
   * around now: b1 and b2, and six ordinary reviewers with three reviews each elsewhere. `both`: b1 and b2 each also
   * reviewed q and r within hours of the author; otherwise b1 reviewed only q and b2 only r. q and r had 8 reviews each
   * on those days out of 1000 in the shop's window.
   */
  function crewCase(rating: number, both: boolean) {
    const review = (id: string, accountId: string, productId: string, merchantId: string, t: number): PriorReview => ({
      id,
      accountId,
      productId,
      merchantId,
      rating,
      title: '',
      body: '',
      at: new Date(t),
      verified: true,
      status: 'published',
    });
    const submission: Submission = {
      id: 's',
      kind: 'review',
      accountId: 'a',
      productId: 'p',
      merchantId: 'm1',
      orderId: null,
      orderAt: null,
      rating,
      title: '',
      body: '',
      at: new Date(T0),
      ip: null,
      userAgent: null,
      incentive: null,
    };
    const qAt = T0 - 40 * DAY;
    const rAt = T0 - 20 * DAY;
    const histories: Record<string, PriorReview[]> = {
      b1: [review('b1-p', 'b1', 'p', 'm1', T0 - DAY / 2), review('b1-q', 'b1', 'q', 'm2', qAt + 3_600_000)],
      b2: [review('b2-p', 'b2', 'p', 'm1', T0 - DAY / 3), review('b2-r', 'b2', 'r', 'm3', rAt + 3_600_000)],
    };
    if (both) {
      histories.b1!.push(review('b1-r', 'b1', 'r', 'm3', rAt + 7_200_000));
      histories.b2!.push(review('b2-q', 'b2', 'q', 'm2', qAt + 7_200_000));
    }
    for (let i = 0; i < 6; i++) {
      histories[`o${i}`] = [
        review(`o${i}-p`, `o${i}`, 'p', 'm1', T0 - DAY / 4),
        ...[0, 1, 2].map((k) => review(`o${i}-x${k}`, `o${i}`, `x${i}${k}`, 'm4', T0 - (30 + 10 * k) * DAY)),
      ];
    }
    const context = {
      account: { id: 'a', createdAt: new Date(T0 - 400 * DAY), email: 'a@example.com', staffOf: [] },
      accountReviews: [review('a-q', 'a', 'q', 'm2', qAt), review('a-r', 'a', 'r', 'm3', rAt)],
      accountRecentPosts: [],
      textCandidates: [],
      linkedAccounts: [],
      product: { id: 'p', merchantId: 'm1', reviewCount: 8, ratingSum: 8 * rating, firstReviewAt: null, daily: [] },
      productRecentReviews: [],
      reviewerHistories: histories,
      merchant: { id: 'm1', domain: null, staffAccountIds: [] },
      model: null,
      popularity: {
        windowDays: defaultPolicy.graph.campaignDays,
        shopReviews: 1000,
        productReviews: { p: 9, q: 8, r: 8 },
        productReviewsNear: { q: 8, r: 8 },
      },
      capped: [],
    } satisfies AssessmentContext;
    return reviewerPoolSignals(submission, context, defaultPolicy);
  }

  for (const rating of [1, 5]) {
    it(`when two accounts reviewed both of the author's other products beside it (${rating}★), then the four co-reviews together are beyond chance though neither product is alone`, () => {
      const s = crewCase(rating, true).find((x) => x.label === 'paid');
      expect(s, 'a pool over both products').to.not.equal(undefined);
      expect(s!.signal).to.equal('cross-merchant-pool');
      expect(s!.evidence.accounts).to.deep.equal(['b1', 'b2']);
      expect(s!.evidence.merchants).to.have.members(['m1', 'm2', 'm3']);
      // Neither q nor r alone: two of eight accounts where about 0.17 are expected (tail 0.014, three looks).
      expect(s!.evidence.pools).to.deep.equal([]);
      const all = s!.evidence.allProducts as { products: number; observed: number; expectedByChance: number; tail: number; surpriseLog10: number };
      expect(all.products).to.equal(2);
      expect(all.observed).to.equal(4);
      expect(all.expectedByChance).to.be.closeTo(0.35, 0.02);
      expect(all.tail).to.be.within(3e-4, 7e-4);
      expect(all.surpriseLog10).to.be.within(2.5, 3.2);
      // The author's own reviews of q and r are named with the co-reviewers' (re-opened if this is held).
      expect(s!.evidence.reviews).to.include.members(['a-q', 'a-r', 'b1-q', 'b1-r', 'b2-q', 'b2-r']);
    });
  }

  it('when each of the two accounts shares only one of the other products, then two co-reviews are what chance gives and nothing is reported', () => {
    expect(crewCase(5, false)).to.deep.equal([]);
  });

  it('when the same crew is checked at 1★ and at 5★, then the signals are the same', () => {
    const one = crewCase(1, true).map((x) => [x.signal, x.label, x.weight, x.evidence]);
    const five = crewCase(5, true).map((x) => [x.signal, x.label, x.weight, x.evidence]);
    expect(one).to.deep.equal(five);
  });
});
