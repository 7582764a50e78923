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
