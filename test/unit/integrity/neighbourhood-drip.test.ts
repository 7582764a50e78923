import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';
import { identifiersFor, ipBlock } from '../../../server/integrity/identity-keys.js';

const TEXTS = [
  'Kept us dry through a stormy night, the porch fits two pairs of boots easily.',
  'Pitched it alone in ten minutes, poles colour coded, packs down smaller than expected.',
  'Solid zips and a roomy vestibule, although the stakes bent on rocky ground.',
  'Warm enough in early spring, the hood cinches well and the zip never snagged.',
  'Bought it for festivals, survived three of them and still looks new after washing.',
  'The groundsheet is thick and the guy lines glow in torchlight, handy at night.',
];

/**
 * A shop with ordinary traffic (its accounts on the busy block 81.2/16, each with its own build), then `ring` accounts
 * opened weeks apart reviewing p1 three weeks apart, each from another /24 of `block` with one build.
 */
function drip(o: {
  block: (i: number) => string;
  ring: number;
  rating?: number;
  ua?: (i: number) => string;
  orderDaysBefore?: number;
  sameBlockHolders?: number;
}) {
  const w = world().merchant().product('p1').background(300, 40, -150, 30);
  // Other accounts of the shop on the same block with the same build (a carrier's block with its phones has many).
  for (let i = 0; i < (o.sameBlockHolders ?? 0); i++) w.account(`n${i}`, { at: -400 + i, ip: o.block(200 + i), ua: o.ua ? o.ua(0) : 'Operator-Build/1.0' });
  for (let i = 0; i < o.ring; i++) w.account(`a${i}`, { at: -150 + i * 20, ip: o.block(10 + i), ua: o.ua ? o.ua(i) : 'Operator-Build/1.0' });
  for (let i = 0; i < o.ring; i++)
    w.review(`r${i}`, `a${i}`, 'p1', -120 + i * 21, { rating: o.rating ?? 5, body: TEXTS[i % TEXTS.length]!, orderDaysBefore: o.orderDaysBefore });
  return w.run();
}

describe('slow drip: the product reviewers over months on the author provider block and build, against chance (policy.drift)', () => {
  it('when an address is recorded, then its /16 (or /48) block is recorded beside it', () => {
    expect(ipBlock('93.207.17.185')).to.equal('93.207.0.0/16');
    expect(ipBlock('2a02:c7c:1:2:3:4:5:6')).to.equal('2a02:c7c:1::/48');
    expect(ipBlock('not an address')).to.equal(null);
    expect(identifiersFor({ ip: '93.207.17.185' })).to.deep.include({ kind: 'ip_block', value: '93.207.0.0/16' });
  });

  for (const rating of [1, 5]) {
    it(`when six accounts opened weeks apart review one product three weeks apart from different /24s of one rare block with one build (${rating}★), then the last is held with observed, expected and the tail in the evidence`, () => {
      const r = drip({ block: (i) => `93.207.${i * 13}.${i + 20}`, ring: 6, rating });
      const v = r.review('r5')!.verdict;
      const s = v.reasons.find((x) => x.signal === 'neighbourhood-drip')!;
      expect(s.family).to.equal('identity');
      expect(s.label).to.equal('sockpuppet');
      expect(s.evidence.observed).to.equal(5);
      expect(s.evidence.accounts).to.deep.equal(['a0', 'a1', 'a2', 'a3', 'a4']);
      expect(s.evidence.jointHolders).to.equal(6);
      expect(s.evidence.expected as number).to.be.below(0.05);
      expect(s.evidence.tailProbability as number).to.be.below(1e-7);
      expect(v.decision).to.equal('held');
      expect(v.labels).to.include('sockpuppet');
      // Re-checked with what is known later, the first review of the drip is held too.
      expect(r.review('r0')!.verdict.decision).to.equal('held');
    });
  }

  it('when the block and build are held by many of the shop accounts (a carrier and its phones), then several reviewers on it is chance and nothing fires', () => {
    const r = drip({ block: (i) => `100.64.${i % 250}.${(i * 7) % 250}`, ring: 6, sameBlockHolders: 150 });
    for (let i = 0; i < 6; i++) {
      const v = r.review(`r${i}`)!.verdict;
      expect(
        v.reasons.map((x) => x.signal),
        `r${i}`,
      ).to.not.include('neighbourhood-drip');
      expect(v.decision, `r${i}`).to.equal('published');
    }
  });

  it('when the busy block of the shop background is shared by a product reviewers, then nothing fires', () => {
    // Every background account is on 81.2/16: 300 holders, each with its own build.
    const r = drip({ block: (i) => `81.2.${(i * 11) % 250}.${i + 3}`, ring: 6, ua: (i) => `Own-Build/${i}` });
    for (let i = 0; i < 6; i++)
      expect(
        r.review(`r${i}`)!.verdict.reasons.map((x) => x.signal),
        `r${i}`,
      ).to.not.include('neighbourhood-drip');
  });

  it('when reviewers share only a rare provider block, each with a build of its own, then nothing fires (the block alone is where a region lives)', () => {
    const r = drip({ block: (i) => `93.207.${i * 13}.${i + 20}`, ring: 6, ua: (i) => `Own-Build/${i}` });
    for (let i = 0; i < 6; i++)
      expect(
        r.review(`r${i}`)!.verdict.reasons.map((x) => x.signal),
        `r${i}`,
      ).to.not.include('neighbourhood-drip');
  });

  it('when two neighbours on one block with one build review the same product months apart, then one coincidence stays under the hold line', () => {
    const r = drip({ block: (i) => `93.207.${i * 13}.${i + 20}`, ring: 2 });
    expect(r.review('r1')!.verdict.decision).to.equal('published');
  });

  it('when the reviewers on the block each ordered days before, like the author, then they are purchases and not counted', () => {
    const r = drip({ block: (i) => `93.207.${i * 13}.${i + 20}`, ring: 6, orderDaysBefore: 6 });
    expect(r.review('r5')!.verdict.reasons.map((x) => x.signal)).to.not.include('neighbourhood-drip');
  });

  it('when accounts share only a provider block, then they are not linked accounts (the block is never a link on its own)', () => {
    const r = drip({ block: (i) => `93.207.${i * 13}.${i + 20}`, ring: 3, ua: (i) => `Own-Build/${i}` });
    for (let i = 0; i < 3; i++) {
      const v = r.review(`r${i}`)!.verdict;
      expect(v.reasons.map((x) => x.signal)).to.not.include('shared-identity');
      expect(JSON.stringify(v.reasons), `r${i}`).to.not.include('ip_block');
    }
  });
});
