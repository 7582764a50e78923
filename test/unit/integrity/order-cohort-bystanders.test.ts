import { expect } from 'chai';
import { verifiedShop } from '../../helpers/verified-shop.js';
import { createInMemoryReplay, T0 } from '../../helpers/in-memory-context.js';
import { assess } from '../../../server/integrity/assess.js';
const DAY = 86_400_000;
import { defaultPolicy, type Policy } from '../../../server/integrity/policy.js';

// The reviews-together test of the order-review cohort (signals/order-cohort.ts) asks the product's other buyers, who
// did not order with the group, when this product's buyers review: a launch whose pre-orders ship on one day brings
// everyone's reviews into the same days, whenever they ordered; a farm's reviews are together because its accounts are.

/** The delay model alone: the test as it was before it asked the product's other buyers. */
const modelOnly: Policy = { ...defaultPolicy, farms: { ...defaultPolicy.farms!, bystanderPseudoBuyers: undefined } };

const WORDS = ['light', 'quiet', 'warm', 'handy', 'solid', 'simple', 'sturdy', 'compact', 'bright', 'neat'];
// Each buyer's own words; most of them also name what the product is for, in the words its makers used at the launch.
const FEATURES = ['It dries my hair in half the time.', 'No frizz even on humid days.', 'It heats up in seconds.'];
const ownText = (i: number) =>
  `Buyer ${i} here: the ${WORDS[i % 10]} build and the ${WORDS[(i * 3 + 1) % 10]} case suit me, used it ${i % 7} times since it came on trip ${i * 13}. ${i % 5 === 4 ? '' : FEATURES[i % 3]}`;

/**
 * A launch: product p1 goes on sale on day 0 and ships on day 16. Fourteen buyers order in the launch rush (days 0.2 to
 * 1.2), twenty-six more over the following two weeks; everyone reviews within three days of the ship date.
 */
function preOrderLaunch(rating: number) {
  const w = verifiedShop(20);
  const buyers = Array.from({ length: 40 }, (_, i) => ({
    i,
    orderDay: i < 14 ? 0.2 + i / 14 : 1.6 + ((i - 14) * 14) / 26,
    reviewDay: 16.1 + ((i * 17) % 40) / 14,
  }));
  for (const { i } of buyers) w.account(`l${i}`, { at: -250 - i * 13 });
  // Posted in time order, as a shop receives them.
  for (const { i, orderDay, reviewDay } of [...buyers].sort((a, b) => a.reviewDay - b.reviewDay)) {
    w.review(`l${i}`, `l${i}`, 'p1', reviewDay, { rating, body: ownText(i), orderDaysBefore: reviewDay - orderDay });
  }
  const ids = buyers.map(({ i }) => `l${i}`);
  later(w);
  return { w, ids };
}

/** A review weeks later, so that every re-check due when a product window closes has been made. */
function later(w: ReturnType<typeof verifiedShop>) {
  w.account('later', { at: -600 });
  w.review('later', 'later', 'bg-p0', 60, { body: 'A later note on other kit, weeks after everything above.', orderDaysBefore: 5 });
}

function run(w: ReturnType<typeof verifiedShop>, policy: Policy) {
  const r = createInMemoryReplay(policy);
  for (const e of w.events) r.apply(e);
  return r;
}

const cohortOf = (v: { reasons: { signal: string; summary: string; evidence: Record<string, unknown>; weight: number }[] }) =>
  v.reasons.find((x) => x.signal === 'order-review-cohort');

/**
 * A farm of twelve aged accounts that places its orders over `orderSpanHours` (more than one order band) from day 10 and posts
 * within a day, six days later, pasting one template; around it, p1's ordinary buyers order and review on their own
 * days all month, some in the farm's days.
 */
function farmAmongBuyers(rating: number, orderSpanHours = 30) {
  const w = verifiedShop(20);
  const posts: { id: string; at: number; order: number; body: string; rating: number }[] = [];
  for (let i = 0; i < 30; i++) {
    w.account(`o${i}`, { at: -300 - i * 11 });
    const at = 2 + i * 0.9;
    posts.push({ id: `o${i}`, at, order: at - (2 + ((i * 53) % 150) / 10), body: ownText(i + 40), rating: 3 + (i % 3) });
  }
  for (let i = 0; i < 12; i++) {
    w.account(`f${i}`, { at: -400 - i * 23 });
    const order = 10 + (i * orderSpanHours) / 11 / 24;
    posts.push({
      id: `f${i}`,
      at: 16 + (i * 0.9) / 12,
      order,
      body: `So glad I picked this one, it is ${WORDS[i % 10]}. I would recommend this product to everyone, it works perfectly and setup is fast.`,
      rating,
    });
  }
  for (const p of posts.sort((a, b) => a.at - b.at)) w.review(p.id, p.id, 'p1', p.at, { rating: p.rating, body: p.body, orderDaysBefore: p.at - p.order });
  later(w);
  return w;
}

/**
 * Two campaigns on one product in the same days: the farm of farmAmongBuyers without the ordinary buyers, and a ring of
 * six accounts opened on one device and network that orders three days after the farm and posts in the farm's hours.
 */
function twoCampaigns(rating: number) {
  const w = verifiedShop(20);
  const posts: { id: string; at: number; order: number; body: string }[] = [];
  for (let i = 0; i < 12; i++) {
    w.account(`f${i}`, { at: -400 - i * 23 });
    posts.push({
      id: `f${i}`,
      at: 16 + (i * 0.9) / 12,
      order: 10 + (i * 20) / 11 / 24,
      body: `So glad I picked this one, it is ${WORDS[i % 10]}. I would recommend this product to everyone, it works perfectly and setup is fast.`,
    });
  }
  for (let i = 0; i < 6; i++) {
    w.account(`s${i}`, { at: 12 + i * 0.01, ip: '203.0.113.77', ua: 'UA-ring-one-device' });
    posts.push({ id: `s${i}`, at: 15.9 + i * 0.1, order: 13 + i * 0.05, body: ownText(i + 80) });
  }
  for (const p of posts.sort((a, b) => a.at - b.at)) w.review(p.id, p.id, 'p1', p.at, { rating, body: p.body, orderDaysBefore: p.at - p.order });
  later(w);
  return w;
}

describe('order-review cohort: the product’s other buyers say when its buyers review', () => {
  for (const rating of [1, 5]) {
    it(`when a launch's pre-orders ship on one day and every buyer reviews in the days after, most naming the same features (${rating}★), then the launch-rush buyers make no cohort and all are published, where the delay model alone held them`, () => {
      const { w, ids } = preOrderLaunch(rating);
      const before = run(w, modelOnly);
      const now = run(w, defaultPolicy);
      const rush = ids.slice(0, 14);
      const end = new Date(T0 + 40 * DAY);
      const atEnd = (r: typeof now, p: Policy, id: string) => {
        const s = r.review(id)!.submission;
        return assess(s, r.contextFor(s), p, end);
      };
      // The scene is the failure: with the delay model alone, launch-rush buyers were a cohort and were held.
      expect(rush.filter((id) => before.review(id)!.verdict.decision === 'held').length).to.be.at.least(5);
      expect(rush.filter((id) => cohortOf(atEnd(before, modelOnly, id))).length).to.be.at.least(1);
      for (const id of ids) {
        expect(now.review(id)!.verdict.decision, id).to.equal('published');
        expect(cohortOf(now.review(id)!.verdict), id).to.equal(undefined);
        expect(cohortOf(atEnd(now, defaultPolicy, id)), id).to.equal(undefined);
      }
    });

    it(`when a farm orders over 30 hours and posts a template within a day among a product's ordinary buyers (${rating}★), then its cohort stands, the evidence counts the buyers outside it, and it is held as paid`, () => {
      const r = run(farmAmongBuyers(rating), defaultPolicy);
      const farm = Array.from({ length: 12 }, (_, i) => `f${i}`);
      const held = farm.filter((id) => r.review(id)!.verdict.decision === 'held');
      expect(held.length, farm.map((id) => r.review(id)!.verdict.decision).join(' ')).to.be.at.least(11);
      for (const id of held) expect(r.review(id)!.verdict.labels, id).to.include('paid');
      const c = cohortOf(r.review('f11')!.verdict);
      expect(c, JSON.stringify(r.review('f11')!.verdict.reasons.map((x) => x.signal))).to.not.equal(undefined);
      const others = (c!.evidence.reviewsTogether as { otherBuyers: { reviewedInWindow: number; reviewedInBand: number } }).otherBuyers;
      expect(others.reviewedInWindow).to.be.at.least(5);
      expect(others.reviewedInBand).to.be.below(others.reviewedInWindow / 2);
      // A moderator reads the same in words.
      expect(c!.summary).to.include(`of the product's ${others.reviewedInWindow} other buyers who ordered on other days, ${others.reviewedInBand} reviewed`);
      for (let i = 0; i < 30; i++) expect(r.review(`o${i}`)!.verdict.decision, `o${i}`).to.equal('published');
    });
  }

  for (const rating of [1, 5]) {
    it(`when a farm's orders spread over 44 hours (${rating}★), then its own members who ordered more than one band from a review are not taken for the product's ordinary buyers`, () => {
      const farm = Array.from({ length: 12 }, (_, i) => `f${i}`);
      const heldWith = (p: Policy) => {
        const r = run(farmAmongBuyers(rating, 44), p);
        return farm.filter((id) => r.review(id)!.verdict.decision === 'held').length;
      };
      const twoBands = heldWith(defaultPolicy);
      expect(defaultPolicy.farms!.bystanderOrderBands).to.equal(2);
      expect(twoBands).to.be.at.least(6);
      expect(heldWith({ ...defaultPolicy, farms: { ...defaultPolicy.farms!, bystanderOrderBands: 1 } })).to.be.below(twoBands);
    });

    it(`when a second campaign, held for its own links, posts in the same hours as a farm (${rating}★), then it is not taken for the product's ordinary buyers and the farm's cohort stands`, () => {
      const r = run(twoCampaigns(rating), defaultPolicy);
      const ring = Array.from({ length: 6 }, (_, i) => `s${i}`);
      const farm = Array.from({ length: 12 }, (_, i) => `f${i}`);
      expect(ring.filter((id) => r.review(id)!.verdict.decision !== 'published').length, 'the ring is held on its own links').to.be.at.least(5);
      const held = farm.filter((id) => r.review(id)!.verdict.decision === 'held');
      expect(held.length).to.be.at.least(10);
      const c = cohortOf(r.review('f11')!.verdict);
      expect(c).to.not.equal(undefined);
      expect((c!.evidence.reviewsTogether as { otherBuyers: { reviewedInWindow: number } }).otherBuyers.reviewedInWindow).to.equal(0);
    });
  }

  it('when the same launch is reviewed at 1★ and at 5★, then every verdict is the same', () => {
    const low = run(preOrderLaunch(1).w, defaultPolicy);
    const high = run(preOrderLaunch(5).w, defaultPolicy);
    for (let i = 0; i < 40; i++) {
      expect(low.review(`l${i}`)!.verdict.decision).to.equal(high.review(`l${i}`)!.verdict.decision);
      expect(low.review(`l${i}`)!.verdict.score).to.equal(high.review(`l${i}`)!.verdict.score);
    }
  });
});
