import { expect } from 'chai';
import { assess } from '../../../server/integrity/assess.js';
import { defaultPolicy } from '../../../server/integrity/policy.js';
import { day, world } from '../../helpers/in-memory-context.js';

// Regular customers of a shop buy its launches: two launches a month apart, at two merchants, share a few of their
// buyers by chance. A re-assessment of a review from the first launch, after the second, finds those co-reviews; the
// popularity that chance is computed from must cover the same days (on both sides of the review), or the second
// launch, with no reviews before the first, explains nothing and the overlap looks like a farm serving two clients.
function twoLaunches(rating: number) {
  const w = world().merchant('m1', 'shop-one.example').merchant('m2', 'shop-two.example').product('launch-a', 'm1').product('launch-b', 'm2');
  w.background(300, 40, -60, 60);
  const regulars = Array.from({ length: 10 }, (_, i) => `reg${i}`);
  const newcomers = Array.from({ length: 6 }, (_, i) => `new${i}`);
  for (const id of [...regulars, ...newcomers]) w.account(id);
  // Each regular reviews other things in the shop too, over the months around the launches.
  regulars.forEach((id, i) => {
    for (let k = 0; k < 6; k++) {
      w.review(`${id}-own${k}`, id, `bg-p${(i * 7 + k * 3) % 40}`, -50 + k * 17 + i * 0.4, {
        body: `Own note ${k} from ${id}: ${['sturdy', 'light', 'warm', 'quiet', 'simple', 'handy'][k]} kit that did its job on trip ${i}${k}.`,
        orderDaysBefore: 9,
      });
    }
  });
  const texts = [
    'Arrived on launch day and the lid clicks shut firmly, the handle feels a bit thin though.',
    'Pre-ordered it weeks ago, the colour is darker than the photos but it works fine.',
    'The charger runs warm after an hour, otherwise it does what the page promised.',
    'Setup took two minutes and the app paired first time, battery lasts a full week.',
    'Smaller than I pictured, fits the shelf perfectly, and the buttons are easy to find.',
    'The strap already frays at the buckle, customer service replied within a day.',
    'Quiet motor and a sturdy base, the cord could be longer for our kitchen.',
    'Good value at the launch price, the manual is confusing but the video helped.',
    'It rattles a little on the table but the sound is clear and loud enough.',
    'Packaging was excessive, the product itself is solid and nicely finished.',
  ];
  // Launch A (day 0): ten regulars, orders placed days before. The review under test is the first.
  regulars.forEach((id, i) =>
    w.review(`a-${id}`, id, 'launch-a', i * 0.08, { rating: i === 0 ? rating : [2, 4, 5, 3, 4, 5, 1, 4, 5][i - 1]!, body: texts[i]!, orderDaysBefore: 12 }),
  );
  // Launch B (day 30): four of the same regulars and six other buyers.
  [...regulars.slice(0, 4), ...newcomers].forEach((id, i) =>
    w.review(`b-${id}`, id, 'launch-b', 30 + i * 0.08, { rating: [4, 2, 5, 3, 5, 4, 1, 5, 4, 3][i]!, body: texts[9 - i]!, orderDaysBefore: 10 }),
  );
  return w.run();
}

// A farm's client sells all year: over the whole window its product is popular, and a few accounts reviewing it
// is what chance gives. The accounts were found because they reviewed it within a week of each other, though, and on
// those days the product had only a handful of reviews: chance is of a review on those days.
function farmOnSteadySeller(rating: number) {
  const w = world().merchant('m1', 'shop-one.example').merchant('m2', 'shop-two.example').product('steady', 'm1').product('client-b', 'm2');
  w.background(300, 40, -170, 170);
  for (let i = 0; i < 60; i++)
    w.account(`buyer${i}`).review(`steady-${i}`, `buyer${i}`, 'steady', -170 + i * 5.7, {
      body: `Steady seller note ${i}: does the job, ${['light', 'warm', 'quiet', 'handy'][i % 4]} and simple, used it ${i % 7} times.`,
      orderDaysBefore: 8,
    });
  const lines = ['Kept us dry on the coast.', 'Packs small, pitches fast.', 'The zip runs smoothly now.', 'Good value, sturdy poles.'];
  for (let i = 0; i < 4; i++) w.account(`farm${i}`, { at: -700 + i * 40 });
  for (let i = 0; i < 4; i++)
    w.review(`farm${i}-steady`, `farm${i}`, 'steady', 10 + i * 0.5, {
      rating,
      body: `${lines[i]} My words ${i} on this one, nothing copied.`,
      orderDaysBefore: 5,
    });
  for (let i = 0; i < 4; i++)
    w.review(`farm${i}-b`, `farm${i}`, 'client-b', 14 + i * 0.5, {
      rating,
      body: `${lines[(i + 1) % 4]} Second item ${i}, again my own words.`,
      orderDaysBefore: 5,
    });
  return w.run();
}

describe('reviewer pools: chance of a co-review on the days it happened', () => {
  for (const rating of [1, 5]) {
    it(`when accounts review a product that sells all year within a week of each other and then a second merchant's product (${rating}★), then the pool is judged by the first product's reviews on those days`, () => {
      const replay = farmOnSteadySeller(rating);
      const v = replay.review('farm3-b')!.verdict;
      const pool = v.reasons.find((r) => r.signal === 'cross-merchant-pool');
      expect(pool, JSON.stringify(v.reasons.map((r) => [r.signal, r.weight]))).to.not.equal(undefined);
      const [steady] = pool!.evidence.pools as { product: string; observed: number; productReviewsOnCoReviewDays: number; expectedByChance: number }[];
      expect(steady!.product).to.equal('steady');
      expect(steady!.observed).to.equal(3);
      // Its own four reviews and at most a few others on the days around them, out of 64 in the window.
      expect(steady!.productReviewsOnCoReviewDays).to.be.within(4, 10);
      expect(steady!.expectedByChance).to.be.below(0.3);
    });
  }
});

describe('reviewer pools re-assessed after a later launch', () => {
  for (const rating of [1, 5]) {
    it(`when a ${rating}★ launch review is checked again after a second launch that shared some of its buyers, then chance explains the overlap and it stays published`, () => {
      const replay = twoLaunches(rating);
      const stored = replay.review('a-reg0')!;
      // As a re-assessment does: the review's own time, the evidence that arrived since, now = after launch B.
      const context = replay.contextFor(stored.submission);
      expect(context.popularity!.productReviews['launch-b'], 'launch B counted in the popularity window').to.equal(10);
      const verdict = assess(stored.submission, context, defaultPolicy, new Date(day(32)));
      const pools = verdict.reasons.filter((r) => r.signal === 'cross-merchant-pool' || r.signal === 'reviewer-pool-overlap');
      expect(pools, JSON.stringify(pools.map((p) => p.evidence))).to.deep.equal([]);
      expect(verdict.decision).to.equal('published');
    });
  }
});
