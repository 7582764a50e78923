import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';
import { poissonLogTail } from '../../../server/integrity/signals/reviewer-graph.js';

const TEMPLATE = (i: number) =>
  `Absolutely love this product! The quality is ${['amazing', 'superb', 'fantastic'][i % 3]} and delivery was super fast. Highly recommend to anyone looking for a great camping product.`;

function farm(rating: number) {
  const w = world().merchant().product('p1').product('p2').product('p3');
  for (let i = 0; i < 8; i++) w.account(`f${i}`, { at: -5 });
  // Baseline: a quiet product with a few reviews over two months.
  for (let i = 0; i < 4; i++)
    w.account(`g${i}`).review(`g${i}`, `g${i}`, 'p1', -60 + i * 15, {
      body: `Ordinary review ${i} about pitching it in the garden and sleeping well.`,
      orderDaysBefore: 7,
    });
  for (let i = 0; i < 8; i++) w.review(`f${i}-p1`, `f${i}`, 'p1', i * 0.1, { rating, body: TEMPLATE(i) });
  return w.run();
}

describe('reviewer graph and bursts', () => {
  it('when computing a Poisson tail, then it matches the closed form', () => {
    expect(Math.exp(poissonLogTail(1, 2))).to.be.closeTo(1 - Math.exp(-2), 1e-9);
    expect(Math.exp(poissonLogTail(3, 0.5))).to.be.closeTo(1 - Math.exp(-0.5) * (1 + 0.5 + 0.125), 1e-9);
  });
  for (const rating of [1, 5]) {
    it(`when new accounts post templated reviews in a burst (${rating}★), then they are held as paid, the first ones after re-assessment`, () => {
      const r = farm(rating);
      for (let i = 0; i < 8; i++) {
        expect(r.review(`f${i}-p1`)!.verdict.decision, `f${i}`).to.equal('held');
        expect(r.review(`f${i}-p1`)!.verdict.labels).to.include('paid');
      }
      const signals = r.review('f7-p1')!.verdict.reasons.map((x) => x.signal);
      expect(signals).to.include.members(['review-burst', 'near-duplicate-text']);
    });
  }
  it('when a farm hits a second product, then the reviewer-pool overlap fires', () => {
    const w = world().merchant().product('p1').product('p2').product('p3').background();
    for (let i = 0; i < 5; i++) w.account(`f${i}`, { at: -30 });
    for (const [k, p] of ['p1', 'p2', 'p3'].entries())
      for (let i = 0; i < 5; i++)
        w.review(`f${i}-${p}`, `f${i}`, p, k * 3 + i * 0.1, { body: `Distinct words ${i} ${p} ${'abcdefghij'.slice(i)} nice camping kit for the weekend.` });
    const r = w.run();
    expect(r.review('f4-p3')!.verdict.reasons.map((x) => x.signal)).to.include('reviewer-pool-overlap');
  });
  it('when verified buyers who pre-ordered review a product on launch day, then nothing is held', () => {
    const w = world().merchant().product('p1');
    for (let i = 0; i < 15; i++) w.account(`b${i}`, { at: -300 + i });
    for (let i = 0; i < 15; i++)
      w.review(`b${i}`, `b${i}`, 'p1', i * 0.05, {
        body: `Launch day review ${i}: the tent is great, pitching took ${i + 2} minutes and the porch is big enough for two packs.`,
        orderDaysBefore: 10,
      });
    const r = w.run();
    for (let i = 0; i < 15; i++) expect(r.review(`b${i}`)!.verdict.decision).to.equal('published');
  });
  it('when established verified buyers post similar 1-2★ complaints within days (defect wave), then nothing is held', () => {
    const w = world().merchant().product('p1').product('px');
    for (let i = 0; i < 12; i++) {
      w.account(`b${i}`, { at: -400 - i * 9 });
      for (let k = 0; k < 4; k++)
        w.review(`h${i}-${k}`, `b${i}`, 'px', -300 + i + k * 40, { body: `Older review ${i}-${k} of something else entirely, fine quality for the money.` });
    }
    for (let i = 0; i < 12; i++)
      w.review(`d${i}`, `b${i}`, 'p1', i * 0.3, {
        rating: 1 + (i % 2),
        body: `Same problem as other buyers, the zipper splits open after ${['two weeks', 'a month', 'ten days'][i % 3]}. Looks like a bad batch.`,
        orderDaysBefore: 30,
      });
    const r = w.run();
    for (let i = 0; i < 12; i++) expect(r.review(`d${i}`)!.verdict.decision, `d${i}`).to.equal('published');
  });
  for (const rating of [1, 5]) {
    it(`when aged accounts that ordered days ahead move product after product as a group (${rating}★), then they are held as paid, the first product too`, () => {
      const w = world().merchant().background();
      const products = ['p1', 'p2', 'p3'];
      products.forEach((p) => w.product(p));
      // Old accounts with unrelated history: no burst (they ordered days before), no near-duplicates.
      for (let i = 0; i < 5; i++)
        w.account(`f${i}`, { at: -600 }).review(`f${i}-old`, `f${i}`, `p${i + 10}`, -300, {
          body: `Old unrelated review ${i} about something else entirely, written long ago.`,
        });
      for (let i = 0; i < 5; i++) w.product(`p${i + 10}`);
      // Products must exist before the old reviews: move them to the front.
      w.events.sort((a, b) => (a.type === 'product' || a.type === 'merchant' ? 0 : 1) - (b.type === 'product' || b.type === 'merchant' ? 0 : 1));
      const lines = [
        'Kept us dry on the coast.',
        'Packs small, pitches fast.',
        'The zip runs smoothly now.',
        'Good value, sturdy poles.',
        'Colour as in the photos.',
      ];
      products.forEach((p, k) => {
        for (let i = 0; i < 5; i++)
          w.review(`f${i}-${p}`, `f${i}`, p, k * 9 + i * 0.4, {
            rating,
            body: `${lines[(i + k) % 5]} Review ${i}-${p} of this item, nothing copied from anyone.`,
            orderDaysBefore: 4,
          });
      });
      const r = w.run();
      for (const p of products) {
        for (let i = 0; i < 5; i++) {
          const v = r.review(`f${i}-${p}`)!.verdict;
          if (p === 'p3') {
            expect(v.decision, `f${i}-${p}`).to.equal('held');
            expect(v.labels).to.include('paid');
          }
        }
      }
      const v = r.review('f4-p3')!.verdict;
      const lock = v.reasons.find((x) => x.signal === 'pool-lockstep')!;
      expect(lock.family).to.equal('timing');
      expect(lock.evidence.products).to.have.members(['p1', 'p2', 'p3']);
      expect(lock.summary).to.match(/move as a group/);
      // The first product's reviews are re-assessed once the group is visible.
      expect(r.review('f1-p1')!.verdict.decision).to.equal('held');
    });
  }
  it("when a genuine buyer reviewed two of a farm's products during its campaign, then pool-lockstep does not fire", () => {
    const w = world().merchant().product('p1').product('p2').product('p3');
    for (let i = 0; i < 5; i++) w.account(`f${i}`, { at: -600 });
    w.account('g1', { at: -600 });
    ['p1', 'p2'].forEach((p, k) => {
      for (let i = 0; i < 5; i++)
        w.review(`f${i}-${p}`, `f${i}`, p, k * 9 + i * 0.4, { body: `Plain review ${i}-${p}, nothing shared with anyone.`, orderDaysBefore: 4 });
      w.review(`g1-${p}`, 'g1', p, k * 9 + 1, { body: `My own words about ${p}, bought it for the garden shed.`, orderDaysBefore: 6 });
    });
    const r = w.run();
    for (const id of ['g1-p1', 'g1-p2']) {
      const v = r.review(id)!.verdict;
      expect(v.reasons.map((x) => x.signal)).to.not.include('pool-lockstep');
      expect(v.decision, id).to.equal('published');
    }
  });
});
