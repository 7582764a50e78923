import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';
import { defectWave, verifiedShop } from '../../helpers/verified-shop.js';
import { DelayDistribution, poissonBinomialTail } from '../../../server/integrity/order-delays.js';
import { defaultPolicy } from '../../../server/integrity/policy.js';
import { orderCohortPossible, orderCohortSignals } from '../../../server/integrity/signals/order-cohort.js';

// Buyers who ordered together and reviewed together, against this shop's own order→review delays
// (signals/order-cohort.ts). The shop around each scene: 160 verified reviews of other products whose delays spread
// from 2 to 22 days, as independent customers' do.
function shop() {
  return verifiedShop(20);
}

// Sixteen buyers' own texts: different openings, lengths and subjects (no shared template).
const OPENINGS = [
  'Took it to the lake last weekend.',
  'Bought this for my daughter.',
  'Second tent I have owned.',
  'Used it on a windy ridge in April.',
  'We camp most summers.',
  'Honest review after three trips:',
  'It rained the whole first night.',
  'Smaller than I pictured.',
];
const DETAILS = [
  'Poles clicked together without instructions',
  'The fly kept us dry until morning',
  'Packs down to the size of a loaf',
  'Kids loved the big mesh window',
  'Stakes bent on rocky ground',
  'Two adults and a dog fit fine',
  'Condensation on the inner wall by dawn',
  'Colour faded a little in the sun',
];
const ownText = (i: number) =>
  `${OPENINGS[i % 8]} ${DETAILS[(i * 3 + 1) % 8]}, ${['so far so good', 'no complaints', 'worth it', 'fine for the price'][i % 4]}.`;
const TEMPLATE = (i: number) =>
  `So glad I picked this trail tent, it is ${['great', 'superb', 'brilliant', 'amazing'][i % 4]}. I would recommend this camping product to everyone, the zipper works perfectly and setup is fast.`;

/** `size` aged accounts that order within hours of each other on day 0 and review within a day, six days later. */
function campaign(rating: number, text: (i: number) => string, size = 8) {
  const w = shop();
  for (let i = 0; i < size; i++) w.account(`f${i}`, { at: -300 - i * 17 });
  for (let i = 0; i < size; i++) {
    const at = 6 + (i * 0.8) / size;
    w.review(`f${i}`, `f${i}`, 'p1', at, { rating, body: text(i), orderDaysBefore: at - i * 0.05 });
  }
  return w.run();
}

const cohortOf = (v: { reasons: { signal: string; evidence: Record<string, unknown>; weight: number; family: string }[] }) =>
  v.reasons.find((x) => x.signal === 'order-review-cohort');

describe('order-review cohort (orders and reviews placed together, against the shop’s delays)', () => {
  for (const rating of [1, 5]) {
    it(`when eight accounts order within hours and review within a day in their own words (${rating}★), then the cohort is recorded with observed, expected and tails, and timing alone holds nothing`, () => {
      const r = campaign(rating, ownText);
      const v = r.review('f7')!.verdict;
      const c = cohortOf(v);
      expect(c, JSON.stringify(v.reasons)).to.not.equal(undefined);
      expect(c!.family).to.equal('timing');
      const orders = c!.evidence.ordersTogether as { observed: number; expected: number; tail: number };
      const reviews = c!.evidence.reviewsTogether as { observed: number; expected: number; tail: number };
      expect(orders.observed).to.equal(7);
      expect(orders.expected).to.be.below(2);
      expect(orders.tail).to.be.below(0.001);
      expect(reviews.observed).to.equal(7);
      expect(reviews.tail).to.be.below(0.001);
      expect(c!.evidence.reviews).to.have.members(['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6']);
      expect(c!.evidence.shopDelaySample).to.be.at.least(100);
      expect(v.decision).to.equal('published');
    });
    it(`when sixteen accounts order within hours and review within a day in their own words (${rating}★), then both tests are far beyond chance, the group is directed and held as paid, and the earlier reviews are re-checked`, () => {
      const r = campaign(rating, (i) => `${ownText(i)} Trip ${i * 7 + 3}.`, 16);
      const v = r.review('f15')!.verdict;
      const c = cohortOf(v);
      expect(c, JSON.stringify(v.reasons)).to.not.equal(undefined);
      expect(c!.evidence.tail as number).to.be.below(1e-10);
      expect(c!.weight).to.be.at.least(0.5);
      expect(v.decision).to.equal('held');
      expect(v.labels).to.deep.equal(['paid']);
      expect(
        v.reasons.filter((x) => x.family === 'text' && x.weight > 0),
        'no wording evidence: timing decided',
      ).to.have.length(0);
      expect(v.reopen.length).to.be.at.least(8);
      const heldEarlier = Array.from({ length: 15 }, (_, i) => r.review(`f${i}`)!.verdict.decision).filter((d) => d === 'held').length;
      expect(heldEarlier).to.be.at.least(8);
    });
    it(`when the same campaign pastes one template (${rating}★), then wording and timing are two families and the reviews are held as paid`, () => {
      const r = campaign(rating, TEMPLATE);
      const v = r.review('f7')!.verdict;
      expect(cohortOf(v), JSON.stringify(v.reasons)).to.not.equal(undefined);
      expect(v.decision).to.equal('held');
      expect(v.labels).to.include('paid');
    });
  }

  it("when a brand's testers order and review together and each discloses the free product, then no cohort is held against them and they are published with the label", () => {
    const w = shop();
    for (let i = 0; i < 16; i++) w.account(`t${i}`, { at: -300 - i * 17 });
    for (let i = 0; i < 16; i++) {
      const at = 6 + (i * 0.8) / 16;
      w.review(`t${i}`, `t${i}`, 'p1', at, {
        body: `${ownText(i)} Trip ${i * 7 + 3}.`,
        orderDaysBefore: at - i * 0.05,
        incentive: { kind: 'free_product', disclosed: true },
      });
    }
    const r = w.run();
    for (let i = 0; i < 16; i++) {
      const v = r.review(`t${i}`)!.verdict;
      expect(cohortOf(v), `t${i}`).to.equal(undefined);
      expect(v.decision, `t${i}`).to.equal('published');
      expect(v.labels, `t${i}`).to.include('incentivized');
    }
  });

  it('when the same review is posted at 1★ and at 5★, then the cohort evidence and the verdict are the same', () => {
    for (const text of [ownText, TEMPLATE]) {
      const low = campaign(1, text).review('f7')!.verdict;
      const high = campaign(5, text).review('f7')!.verdict;
      expect(cohortOf(low)?.weight).to.equal(cohortOf(high)?.weight);
      expect(low.decision).to.equal(high.decision);
      expect(low.labels).to.deep.equal(high.labels);
    }
  });

  it('when a busy product is bought and reviewed every day by independent customers, then chance-level coincidences do not fire', () => {
    const w = shop();
    for (let i = 0; i < 70; i++) {
      w.account(`b${i}`, { at: -400 - i * 3 });
      w.review(`b${i}`, `b${i}`, 'p1', -20 + i * 0.5, { body: ownText(i), orderDaysBefore: 2 + ((i * 53) % 190) / 10 });
    }
    const r = w.run();
    for (let i = 0; i < 70; i++) expect(cohortOf(r.review(`b${i}`)!.verdict), `b${i}`).to.equal(undefined);
  });

  for (const rating of [1, 2]) {
    it(`when buyers of one defective batch order in the same two days and complain in the same words over the following weeks (${rating}★), then no cohort fires and the wave is published`, () => {
      const w = shop();
      const wave = defectWave(w, rating);
      const r = w.run();
      for (const id of wave) {
        const v = r.review(id)!.verdict;
        expect(cohortOf(v), id).to.equal(undefined);
        expect(v.decision, id).to.equal('published');
      }
    });
  }

  it('when a launch brings many orders on day one and the buyers review after their own delays, then the order test alone does not make a cohort', () => {
    const w = shop();
    for (let i = 0; i < 16; i++) {
      w.account(`l${i}`, { at: -i * 0.01 - 0.02 });
      const delay = 2 + ((i * 41) % 150) / 10;
      w.review(`l${i}`, `l${i}`, 'p1', i * 0.04 + delay, { body: ownText(i), orderDaysBefore: delay });
    }
    const r = w.run();
    for (let i = 0; i < 16; i++) {
      const v = r.review(`l${i}`)!.verdict;
      expect(cohortOf(v), `l${i}`).to.equal(undefined);
      expect(v.decision).to.equal('published');
    }
  });

  for (const rating of [1, 5]) {
    it(`when a launch's buyers all order on day one and review within four days, much faster than the shop's usual delays (${rating}★), then no cohort is made of it`, () => {
      const w = shop();
      for (let i = 0; i < 16; i++) {
        w.account(`k${i}`, { at: -200 - i * 19 });
        const delay = 1 + ((i * 7) % 16) / 5;
        w.review(`k${i}`, `k${i}`, 'p1', i * 0.03 + delay, { rating, body: ownText(i), orderDaysBefore: delay });
      }
      const r = w.run();
      for (let i = 0; i < 16; i++) {
        const v = r.review(`k${i}`)!.verdict;
        expect(cohortOf(v), `k${i}`).to.equal(undefined);
        expect(v.decision, `k${i}`).to.equal('published');
      }
    });
  }

  for (const rating of [1, 5]) {
    it(`when pre-orders of a launch all ship on launch day and new buyers review it that day in their own words (${rating}★), then the cohort may be noted but timing alone holds nothing`, () => {
      const w = shop();
      for (let i = 0; i < 8; i++) {
        w.account(`q${i}`, { at: -200 - i * 23 });
        const at = 10 + i * 0.05;
        w.review(`q${i}`, `q${i}`, 'p1', at, { rating, body: ownText(i), orderDaysBefore: at - i * 0.01 });
      }
      const r = w.run();
      expect(cohortOf(r.review('q7')!.verdict), 'the cohort is real timing evidence').to.not.equal(undefined);
      for (let i = 0; i < 8; i++) expect(r.review(`q${i}`)!.verdict.decision, `q${i}`).to.equal('published');
    });
  }

  it('when the shop has too few verified reviews to know its delays, then the check stays silent', () => {
    const w = world().merchant().product('p1');
    for (let i = 0; i < 8; i++) {
      w.account(`f${i}`, { at: -300 - i * 17 });
      w.review(`f${i}`, `f${i}`, 'p1', 6 + i * 0.1, { body: ownText(i), orderDaysBefore: 6 });
    }
    const r = w.run();
    expect(cohortOf(r.review('f7')!.verdict)).to.equal(undefined);
  });
});

describe('order-delay chance helpers', () => {
  it('when all probabilities are equal, then the Poisson-binomial tail equals the binomial tail', () => {
    const binomialTail = (k: number, n: number, p: number) => {
      let t = 0;
      for (let j = k; j <= n; j++) {
        let c = 1;
        for (let m = 0; m < j; m++) c = (c * (n - m)) / (m + 1);
        t += c * p ** j * (1 - p) ** (n - j);
      }
      return t;
    };
    for (const [k, n, p] of [
      [3, 10, 0.2],
      [7, 8, 0.3],
      [0, 5, 0.5],
      [6, 5, 0.5],
    ] as const) {
      expect(poissonBinomialTail(k, Array(n).fill(p))).to.be.closeTo(binomialTail(k, n, p), 1e-12);
    }
  });
  it('when delays are smoothed, then the distribution rises from 0 to 1 and puts its mass around the sample', () => {
    const d = new DelayDistribution([24, 48, 96, 192], 0.25, 1);
    expect(d.cdf(0)).to.equal(0);
    expect(d.cdf(10)).to.equal(0);
    expect(d.cdf(1000)).to.equal(1);
    expect(d.cdf(48)).to.be.closeTo(0.375, 1e-9);
    let last = 0;
    for (let h = 1; h < 400; h += 3) {
      const v = d.cdf(h);
      expect(v).to.be.at.least(last);
      last = v;
    }
    expect(d.massBetweenMs(30 * 3_600_000, 20 * 3_600_000)).to.equal(0);
  });
});

// The context loader reads the shop's delay sample only when orderCohortPossible says a cohort could be found; the
// guard must never say no where the signal, given the delays, would have said something.
describe('order-review cohort guard (whether the shop’s delays are worth reading)', () => {
  it('when every review of a campaign, its shop and a crowd of late buyers is checked, then the guard is true wherever the signal fires, false for most reviews, and the signal is silent wherever it is false', () => {
    const w = shop();
    for (let i = 0; i < 12; i++) w.account(`f${i}`, { at: -300 - i * 17 });
    for (let i = 0; i < 12; i++) {
      const at = 6 + (i * 0.8) / 12;
      w.review(`f${i}`, `f${i}`, 'p1', at, { body: ownText(i), orderDaysBefore: at - i * 0.05 });
    }
    // Buyers of the same product who ordered weeks apart: in the window, but no cohort.
    for (let i = 0; i < 10; i++) {
      w.account(`late${i}`, { at: -200 - i });
      w.review(`late${i}`, `late${i}`, 'p1', 8 + i * 2, { body: ownText(i + 3), orderDaysBefore: 3 + i * 4 });
    }
    const replay = w.run();
    const ids = [
      ...Array.from({ length: 160 }, (_, i) => `bg-r${i}`),
      ...Array.from({ length: 12 }, (_, i) => `f${i}`),
      ...Array.from({ length: 10 }, (_, i) => `late${i}`),
    ];
    let possible = 0;
    let fired = 0;
    for (const id of ids) {
      const { submission } = replay.review(id)!;
      const context = { ...replay.contextFor(submission), checkedAt: submission.at };
      const guard = orderCohortPossible(submission, context.productRecentReviews, defaultPolicy, submission.at);
      const signals = orderCohortSignals(submission, context, defaultPolicy);
      if (guard) possible++;
      if (signals.length > 0) fired++;
      if (!guard) expect(signals, id).to.deep.equal([]);
    }
    expect(fired).to.be.at.least(1);
    expect(possible).to.be.at.least(fired);
    expect(possible).to.be.below(ids.length / 4);
  });
});
