import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';

const TEXTS = [
  'Kept us dry through a stormy night, the porch fits two pairs of boots easily.',
  'Pitched it alone in ten minutes, poles colour coded, packs down smaller than expected.',
  'Solid zips and a roomy vestibule, although the stakes bent on rocky ground.',
  'Warm enough in early spring, the hood cinches well and the zip never snagged.',
  'Bought it for festivals, survived three of them and still looks new after washing.',
];

/** A shop with ordinary traffic on other products, then `ring` accounts opened days apart on `net`.x reviewing p1. */
function scene(o: { net: (i: number) => string; ring: number; rating?: number; sharedNetHolders?: number }) {
  const w = world().merchant().product('p1').background(300, 40);
  // Other accounts of the shop that used the same /24 at some time (a carrier range or a campus has many).
  for (let i = 0; i < (o.sharedNetHolders ?? 0); i++) w.account(`n${i}`, { at: -300 + i, ip: o.net(100 + i) });
  for (let i = 0; i < o.ring; i++) w.account(`a${i}`, { at: -12 + i * 2.5, ip: o.net(10 + i), ua: `UA-${i}` });
  for (let i = 0; i < o.ring; i++) w.review(`r${i}`, `a${i}`, 'p1', i * 0.3, { rating: o.rating ?? 5, body: TEXTS[i % TEXTS.length]! });
  return w.run();
}

describe('several reviewers of a product on one rare /24, against chance (policy.rings.network)', () => {
  for (const rating of [1, 5]) {
    it(`when five accounts opened days apart on a /24 nobody else uses review one product (${rating}★), then the last is held with observed, expected and the tail in the evidence`, () => {
      const r = scene({ net: (i) => `185.107.120.${i}`, ring: 5, rating });
      const v = r.review('r4')!.verdict;
      const s = v.reasons.find((x) => x.signal === 'network-concentration')!;
      expect(s.family).to.equal('identity');
      expect(s.evidence.observed).to.equal(4);
      expect(s.evidence.accounts).to.deep.equal(['a0', 'a1', 'a2', 'a3']);
      expect(s.evidence.expected as number).to.be.below(0.05);
      expect(s.evidence.tailProbability as number).to.be.below(1e-4);
      expect(s.evidence.networkHolders).to.equal(5);
      expect(v.decision).to.equal('held');
      expect(v.labels).to.include('sockpuppet');
      // Re-checked with what is known later, the first review of the ring is held too.
      expect(r.review('r0')!.verdict.decision).to.equal('held');
    });
  }

  it('when the /24 is a carrier range many of the shop accounts use, then several reviewers on it is chance and nothing fires', () => {
    const r = scene({ net: (i) => `100.64.7.${i}`, ring: 4, sharedNetHolders: 120 });
    for (let i = 0; i < 4; i++) {
      const v = r.review(`r${i}`)!.verdict;
      expect(
        v.reasons.map((x) => x.signal),
        `r${i}`,
      ).to.not.include('network-concentration');
      expect(v.decision, `r${i}`).to.equal('published');
    }
  });

  for (const rating of [1, 5]) {
    it(`when a region's buyers on their provider's /24 (a network many of the shop's accounts use) review one product (${rating}★), then the concentration is shown but holds nobody alone`, () => {
      // A regional complaint wave: ten of the product's reviewers on one /24 that 20 other accounts of the shop also
      // use, far beyond the Poisson chance of a uniform shop. The network names where they live, not whose hand wrote.
      const r = scene({ net: (i) => `73.18.109.${i}`, ring: 10, rating, sharedNetHolders: 20 });
      const v = r.review('r9')!.verdict;
      const s = v.reasons.find((x) => x.signal === 'network-concentration')!;
      expect(s.evidence.observed).to.equal(9);
      expect(s.evidence.tailProbability as number).to.be.below(1e-4);
      expect(s.weight).to.be.at.least(0.5);
      for (let i = 0; i < 10; i++) expect(r.review(`r${i}`)!.verdict.decision, `r${i}`).to.equal('published');
    });
  }

  it('when two neighbours on one /24 review the same product, then one coincidence stays under the line', () => {
    const r = scene({ net: (i) => `81.99.12.${i}`, ring: 2 });
    expect(r.review('r1')!.verdict.reasons.map((x) => x.signal)).to.not.include('network-concentration');
    expect(r.review('r1')!.verdict.decision).to.equal('published');
  });

  it('when the reviewers on the /24 each ordered days before, like the author, then they are purchases and not counted', () => {
    const w = world().merchant().product('p1').background(300, 40);
    for (let i = 0; i < 4; i++) w.account(`a${i}`, { at: -12 + i * 2.5, ip: `185.107.120.${10 + i}` });
    for (let i = 0; i < 4; i++) w.review(`r${i}`, `a${i}`, 'p1', i * 0.3, { body: TEXTS[i]!, orderDaysBefore: 5 });
    const v = w.run().review('r3')!.verdict;
    expect(v.reasons.map((x) => x.signal)).to.not.include('network-concentration');
  });
});
