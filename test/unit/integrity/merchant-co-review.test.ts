import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';

// Texts that share nothing: the ring is visible only through identity and timing.
const A = 'Kept us dry through a stormy night, the porch fits two pairs of boots easily.';
const B = 'Pitched it alone in ten minutes, poles colour coded, packs down smaller than expected.';
const C = 'Solid zips and a roomy vestibule, although the stakes bent on rocky ground.';

/** Ten merchants with a product each and a steady trickle of unrelated reviews: m1 holds about a tenth of them. */
function busyShop() {
  const w = world();
  for (let m = 1; m <= 10; m++) w.merchant(`m${m}`, `shop${m}.example`).product(`q${m}`, `m${m}`);
  w.product('p1', 'm1').product('p2', 'm1').product('p3', 'm1');
  for (let i = 0; i < 60; i++) w.account(`g${i}`);
  for (let i = 0; i < 60; i++)
    w.review(`g${i}r`, `g${i}`, `q${(i % 10) + 1}`, -40 + i * 0.5, { body: `Review ${i} of a thing that works as described, nothing more to add here.` });
  return w;
}

describe('linked accounts reviewing several products of one merchant (policy.rings.merchantCoReview)', () => {
  for (const rating of [1, 5]) {
    it(`when accounts opened together from one address each review a different product of one merchant (${rating}★), then the merchant-wide timing evidence records the merchant's share and the ratio`, () => {
      const r = busyShop()
        .account('a1', { at: -5, ip: '198.51.100.7', ua: 'UA-x' })
        .account('a2', { at: -4.8, ip: '198.51.100.7', ua: 'UA-y' })
        .account('a3', { at: -4.6, ip: '198.51.100.7', ua: 'UA-z' })
        .review('r1', 'a1', 'p1', 0, { rating, body: A })
        .review('r2', 'a2', 'p2', 0.5, { rating, body: B })
        .review('r3', 'a3', 'p3', 1, { rating, body: C })
        .run();
      const v = r.review('r3')!.verdict;
      const s = v.reasons.find((x) => x.signal === 'linked-merchant-co-review')!;
      expect(s.family).to.equal('timing');
      expect(s.label).to.equal('sockpuppet');
      expect(s.evidence.accounts).to.deep.equal(['a1', 'a2']);
      expect(s.evidence.reviews).to.have.members(['r1', 'r2']);
      expect(s.evidence.merchantShare as number).to.be.within(0.05, 0.4);
      expect(s.evidence.likelihoodRatio as number).to.be.greaterThan(5);
      expect(v.decision).to.equal('held');
      expect(v.labels).to.include('sockpuppet');
    });
  }

  it('when the same linked accounts review products of two different merchants, then there is no merchant-wide evidence', () => {
    const r = busyShop()
      .account('a1', { at: -5, ip: '198.51.100.7', ua: 'UA-x' })
      .account('a2', { at: -4.8, ip: '198.51.100.7', ua: 'UA-y' })
      .review('r1', 'a1', 'q2', 0, { body: A })
      .review('r2', 'a2', 'p2', 0.5, { body: B })
      .run();
    expect(r.review('r2')!.verdict.reasons.map((x) => x.signal)).to.not.include('linked-merchant-co-review');
  });

  it('when a household (one address, accounts opened months apart) reviews two products of one merchant, then nothing fires and nothing is held', () => {
    const r = busyShop()
      .account('a1', { at: -400, ip: '203.0.113.5', ua: 'Safari/17' })
      .account('a2', { at: -100, ip: '203.0.113.5', ua: 'Chrome/124' })
      .review('r1', 'a1', 'p1', 0, { body: A })
      .review('r2', 'a2', 'p2', 0.5, { rating: 1, body: B })
      .run();
    expect(r.review('r2')!.verdict.reasons.map((x) => x.signal)).to.not.include('linked-merchant-co-review');
    for (const id of ['r1', 'r2']) expect(r.review(id)!.verdict.decision, id).to.equal('published');
  });

  it('when linked accounts each ordered days before reviewing products of one merchant, then they are two purchases and not counted', () => {
    const r = busyShop()
      .account('a1', { at: -60, ip: '203.0.113.9', ua: 'Firefox/125' })
      .account('a2', { at: -59.9, ip: '203.0.113.9', ua: 'Firefox/125' })
      .review('r1', 'a1', 'p1', 0, { body: A, orderDaysBefore: 9 })
      .review('r2', 'a2', 'p2', 1, { body: B, orderDaysBefore: 6 })
      .run();
    expect(r.review('r2')!.verdict.reasons.map((x) => x.signal)).to.not.include('linked-merchant-co-review');
  });

  it("when one merchant has most of the shop's reviews, then a sibling co-review is what chance gives and does not fire", () => {
    const w = world().merchant('m1').product('p1').product('p2').product('p9').merchant('m2', 'other.example').product('q2', 'm2');
    for (let i = 0; i < 48; i++) {
      w.account(`g${i}`).review(`g${i}r`, `g${i}`, i % 6 === 0 ? 'q2' : 'p9', -30 + i * 0.5, {
        body: `Review ${i} of a thing that works as described, nothing more.`,
      });
    }
    const r = w
      .account('a1', { at: -5, ip: '198.51.100.7', ua: 'UA-x' })
      .account('a2', { at: -4.8, ip: '198.51.100.7', ua: 'UA-y' })
      .review('r1', 'a1', 'p1', 0, { body: A })
      .review('r2', 'a2', 'p2', 0.5, { body: B })
      .run();
    expect(r.review('r2')!.verdict.reasons.map((x) => x.signal)).to.not.include('linked-merchant-co-review');
  });
});
