import { expect } from 'chai';
import type { world } from '../../helpers/in-memory-context.js';
import { verifiedShop } from '../../helpers/verified-shop.js';
import { assess } from '../../../server/integrity/assess.js';
import { defaultPolicy } from '../../../server/integrity/policy.js';
import { orderCohortSignals } from '../../../server/integrity/signals/order-cohort.js';

// Timing cohorts seen from both sides (signals/order-cohort.ts): a launch's pre-order buyers order in the same days
// because the product sells then, and a rebate farm's reviews span more than one band around any single review.
// The shop around each scene: 160 verified reviews of other products whose delays spread from 2 to 12 days.
function shop() {
  return verifiedShop(10);
}

/** The world helper writes an order just before its review; a shop records it when it is placed. */
function inTimeOrder(w: ReturnType<typeof world>) {
  const timed = (e: (typeof w.events)[number]) => e.type === 'order' || e.type === 'review';
  const head = w.events.filter((e) => !timed(e));
  const rest = w.events.filter(timed).sort((a, b) => Date.parse((a as { at: string }).at) - Date.parse((b as { at: string }).at));
  w.events.splice(0, w.events.length, ...head, ...rest);
  return w;
}

const LEADS = ['Pre-ordered this and it arrived on launch day.', 'Worth the wait after the pre-order.'];
const NOTES = [
  'The strap is softer than the old one',
  'Battery lasted the whole weekend',
  'The case scratches easily',
  'Setup took two minutes',
  'Lighter than the first model',
  'The lid clicks shut properly now',
  'Colour is darker than the photos',
  'My partner wants one too',
];

/**
 * A launch (day 0): 60 pre-orders placed 40 to 20 days before it, about three a day (longer than any delay of the shop's
 * own customers); most buyers open their account at checkout, and all review on launch day, many with the
 * same launch phrase.
 */
function launch(rating: number) {
  const w = shop();
  for (let i = 0; i < 60; i++) {
    const orderAt = -40 + (i * 20) / 60 + ((i * 7) % 5) / 20;
    w.account(`l${i}`, { at: i % 3 === 0 ? -400 - i * 9 : orderAt - 0.01 });
    const at = 0.1 + ((i * 13) % 60) / 60;
    w.review(`l${i}`, `l${i}`, 'p1', at, {
      rating,
      body: `${i % 5 < 3 ? `${LEADS[i % 2]} ` : ''}${NOTES[i % 8]}, buyer ${i}.`,
      orderDaysBefore: at - orderAt,
    });
  }
  return inTimeOrder(w).run();
}

/** A rebate farm: `size` accounts order within a day, and post short texts over 40 hours five days later. */
function rebate(rating: number, size = 12) {
  const w = shop();
  for (let i = 0; i < size; i++) w.account(`f${i}`, { at: -300 - i * 17 });
  for (let i = 0; i < size; i++) {
    const orderAt = (i * 0.9) / size;
    const at = 5 + (i * 40) / 24 / (size - 1);
    w.review(`f${i}`, `f${i}`, 'p1', at, {
      rating,
      body: `Trip ${i * 7 + 3}: ${NOTES[i % 8]}, ${['so far so good', 'no complaints', 'worth it', 'fine for the price'][i % 4]}.`,
      orderDaysBefore: at - orderAt,
    });
  }
  return inTimeOrder(w).run();
}

const cohortOf = (v: { reasons: { signal: string; evidence: Record<string, unknown>; weight: number }[] }) =>
  v.reasons.find((x) => x.signal === 'order-review-cohort');

describe('order-review cohort: the product’s own order rate, and bands anchored on the group', () => {
  it('when a launch’s 60 pre-order buyers review on launch day with a shared launch phrase, then the orders in the same days are what the product’s rate makes usual: no cohort, nothing held, at 1★ and at 5★ alike', () => {
    const low = launch(1);
    const high = launch(5);
    for (let i = 0; i < 60; i++) {
      const a = low.review(`l${i}`)!.verdict;
      const b = high.review(`l${i}`)!.verdict;
      expect(cohortOf(a), `l${i} 1★`).to.equal(undefined);
      expect(cohortOf(b), `l${i} 5★`).to.equal(undefined);
      expect(a.decision, `l${i} 1★`).to.equal('published');
      expect(b.decision, `l${i} 5★`).to.equal('published');
    }
  });

  it('when the shop’s customers all review within a week and a launch’s pre-order buyers wait weeks, then the delay test alone calls their orders together improbable, but the product’s own order rate explains them, at 1★ and at 5★ alike', () => {
    // The shop's delays: 3 to 8 days. A pre-order placed weeks before launch is far outside them, so the delay test
    // alone calls any three pre-orders on one day improbable; the product sells about three a day before launch.
    const narrow = Array.from({ length: 200 }, (_, i) => 72 + (i % 100) * 1.2);
    const loose = { ...defaultPolicy, farms: { ...defaultPolicy.farms!, maxTail: 1 } };
    const maxTail = defaultPolicy.farms!.maxTail;
    const tails: Record<number, number[]> = {};
    for (const rating of [1, 5]) {
      const r = launch(rating);
      tails[rating] = [];
      for (let i = 0; i < 60; i++) {
        const { submission } = r.review(`l${i}`)!;
        const base = r.contextFor(submission);
        const context = { ...base, orderDelays: { ...base.orderDelays!, hours: narrow }, checkedAt: submission.at };
        const s = orderCohortSignals(submission, context, loose)[0];
        if (!s) continue;
        const orders = s.evidence.ordersTogether as { tail: number; delayTail: number };
        if (orders.delayTail > maxTail) continue;
        expect(orders.tail, `l${i} ${rating}★`).to.be.above(maxTail);
        tails[rating]!.push(orders.tail);
        expect(orderCohortSignals(submission, context, defaultPolicy), `l${i} ${rating}★`).to.deep.equal([]);
      }
    }
    expect(tails[1]!.length, 'orders the delay test alone calls improbable').to.be.at.least(10);
    expect(tails[1]).to.deep.equal(tails[5]);
  });

  it('when the launch’s buyers are checked, then the product’s order rate is recorded next to the delay test and is the less surprising of the two', () => {
    const r = launch(5);
    const loose = { ...defaultPolicy, farms: { ...defaultPolicy.farms!, maxTail: 1 } };
    let seen = 0;
    for (let i = 0; i < 60; i++) {
      const { submission } = r.review(`l${i}`)!;
      const s = orderCohortSignals(submission, { ...r.contextFor(submission), checkedAt: submission.at }, loose)[0];
      if (!s) continue;
      const orders = s.evidence.ordersTogether as { tail: number; delayTail: number; productOrders: { observed: number; expected: number; tail: number } };
      expect(orders.productOrders.expected, `l${i}`).to.be.above(1);
      expect(orders.tail).to.equal(Math.max(orders.delayTail, orders.productOrders.tail));
      expect(orders.productOrders.tail, `l${i}`).to.be.above(defaultPolicy.farms!.maxTail);
      seen++;
    }
    expect(seen).to.be.at.least(5);
  });

  it('when the author ordered on the first day the product was on sale, then its order rate is counted from that day, not over the weeks before it existed', () => {
    // Counts as a launch's first pre-order day left them (B:3 at 20,000 reviews, launch-802): 10 other orders within a
    // day of the author's, 54 within four weeks, the product's first order 15 hours before the author's, checked 19
    // days later. Counting the four weeks before the first order as days without sales made 10 orders look like a
    // cohort (P ≈ 3e-5); over the days it was on sale they are about twice its usual rate.
    const r = rebate(5);
    const { submission } = r.review('f11')!;
    const base = r.contextFor(submission);
    const os = submission.orderAt!.getTime();
    const loose = { ...defaultPolicy, farms: { ...defaultPolicy.farms!, maxTail: 1 } };
    const checkedAt = new Date(os + 19 * 86_400_000);
    const rateOf = (firstAt: Date | null) => {
      const context = { ...base, orderDelays: { ...base.orderDelays!, productOrders: { near: 10, wide: 54, firstAt } }, checkedAt };
      const s = orderCohortSignals(submission, context, loose)[0]!;
      return (s.evidence.ordersTogether as { productOrders: { expected: number; tail: number } }).productOrders;
    };
    const fromFirst = rateOf(new Date(os - 15 * 3_600_000));
    const unknownStart = rateOf(null);
    expect(unknownStart.tail).to.be.below(defaultPolicy.farms!.maxTail);
    expect(fromFirst.expected).to.be.above(2 * unknownStart.expected);
    expect(fromFirst.tail).to.be.above(defaultPolicy.farms!.maxTail);
  });

  for (const rating of [1, 5]) {
    it(`when a rebate farm's twelve reviews span 40 hours (${rating}★), then checked once the group is visible, the first and the last reviewer are found in it too (the band is anchored on the group)`, () => {
      const r = rebate(rating);
      const later = new Date(Date.parse('2026-03-01T00:00:00Z') + 20 * 86_400_000);
      for (const id of ['f0', 'f11']) {
        const { submission } = r.review(id)!;
        const c = orderCohortSignals(submission, { ...r.contextFor(submission), checkedAt: later }, defaultPolicy)[0];
        expect(c, id).to.not.equal(undefined);
        const reviews = c!.evidence.reviewsTogether as { observed: number; tail: number; anchorsTried: number };
        expect(reviews.observed, id).to.be.at.least(9);
        expect(reviews.anchorsTried, id).to.be.above(1);
        expect(reviews.tail, id).to.be.at.most(defaultPolicy.farms!.maxTail);
      }
    });
  }

  it('when a later member of an ordered-together group is checked and published, then the earlier members are queued to be checked again (their checks could not see it)', () => {
    const r = rebate(5);
    const v = r.review('f11')!.verdict;
    expect(v.reopen).to.include.members(['f5', 'f6', 'f7', 'f8', 'f9', 'f10']);
    const { submission } = r.review('f11')!;
    const again = assess(submission, r.contextFor(submission), defaultPolicy, submission.at);
    expect(again.reopen).to.deep.equal(v.reopen);
  });

  it('when the same rebate group is posted at 1★ and at 5★, then every review gets the same cohort evidence and the same verdict', () => {
    const low = rebate(1);
    const high = rebate(5);
    for (let i = 0; i < 12; i++) {
      const a = low.review(`f${i}`)!.verdict;
      const b = high.review(`f${i}`)!.verdict;
      expect(cohortOf(a)?.weight, `f${i}`).to.equal(cohortOf(b)?.weight);
      expect(a.decision, `f${i}`).to.equal(b.decision);
      expect(a.labels, `f${i}`).to.deep.equal(b.labels);
    }
  });
});
