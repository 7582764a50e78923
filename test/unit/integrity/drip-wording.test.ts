import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';
import { fisherLog10 } from '../../../server/integrity/signals/neighbourhood-drip.js';
import type { SignalResult } from '../../../server/integrity/types.js';

// A slow ring's three accounts on one provider block with one build that three other accounts of the shop also hold,
// reviewing one product weeks apart: a coincidence of about one in two hundred, short of the drip line on its own.
// What they write is a second, independent test: the operator's own sentence, which no other review of the shop uses.
const SIGNATURE = 'Honestly my brother swears by this one and so do the neighbours down the lane.';
const OWN = [
  'Kept us dry through a stormy night, the porch fits two pairs of boots easily.',
  'Pitched it alone in ten minutes, poles colour coded, packs down smaller than expected.',
  'Solid zips and a roomy vestibule, although the stakes bent on rocky ground.',
];

function ring(o: { rating?: number; shared?: string | null; ua?: (i: number) => string; backgroundSays?: string }) {
  const w = world().merchant().product('p1').background(300, 40, -150, 30);
  // Other reviewers of p1 over the months, each on its own network and build (buyers, as a product has).
  for (let i = 0; i < 8; i++) {
    w.account(`g${i}`, { at: -300 - i * 5 });
    w.review(`g${i}-p1`, `g${i}`, 'p1', -140 + i * 12, {
      body: `${OWN[i % OWN.length]} ${o.backgroundSays ?? ''} Buyer ${i} here, week ${i + 2} of use.`,
      orderDaysBefore: 5,
    });
  }
  // Three other accounts of the shop on the block with the build, reviewing other things.
  for (let i = 0; i < 3; i++) w.account(`n${i}`, { at: -400 + i, ip: `93.207.${200 + i}.${i + 9}`, ua: 'Operator-Build/1.0' });
  for (let i = 0; i < 3; i++) w.account(`a${i}`, { at: -150 + i * 20, ip: `93.207.${i * 13}.${i + 20}`, ua: o.ua ? o.ua(i) : 'Operator-Build/1.0' });
  for (let i = 0; i < 3; i++) {
    const shared = o.shared === null ? '' : ` ${o.shared ?? SIGNATURE}`;
    w.review(`r${i}`, `a${i}`, 'p1', -120 + i * 21, { rating: o.rating ?? 5, body: `${OWN[i]}${shared}` });
  }
  return w.run();
}

const find = (reasons: SignalResult[], name: string) => reasons.find((x) => x.signal === name);

describe('slow drip with shared wording: the block-and-build coincidence and the wording combined (Fisher)', () => {
  it('when two independent tails are combined, then q·(1 − ln q) is returned on a log10 scale', () => {
    const q = 1e-3 * 1e-2;
    expect(fisherLog10(-3, -2)).to.be.closeTo(Math.log10(q * (1 - Math.log(q))), 1e-9);
    // Two unremarkable tails stay unremarkable, and the result is never above 1.
    expect(fisherLog10(0, 0)).to.equal(0);
    expect(fisherLog10(-0.1, -0.1)).to.be.at.most(0);
  });

  for (const rating of [1, 5]) {
    it(`when three accounts on one block with one build review a product weeks apart and share a sentence no other review uses (${rating}★), then both families report observed vs expected and the review is held`, () => {
      const v = ring({ rating }).review('r2')!.verdict;
      const drip = find(v.reasons, 'neighbourhood-drip');
      const wording = find(v.reasons, 'drip-shared-wording');
      expect(drip, JSON.stringify(v.reasons)).to.not.equal(undefined);
      expect(wording).to.not.equal(undefined);
      expect(drip!.family).to.equal('identity');
      expect(wording!.family).to.equal('text');
      expect(wording!.label).to.equal('sockpuppet');
      const e = wording!.evidence as {
        accounts: string[];
        identityTailProbability: number;
        combinedTailProbability: number;
        againstChance: { observed: number; expected: number; tailProbability: number };
      };
      expect(e.accounts).to.deep.equal(['a0', 'a1']);
      // Each test alone is short of the drip line (1e-4); together they are below it.
      expect(e.identityTailProbability).to.be.above(1e-4);
      expect(e.againstChance.tailProbability).to.be.above(1e-4);
      expect(e.againstChance.expected).to.be.below(e.againstChance.observed);
      expect(e.combinedTailProbability).to.be.at.most(1e-4);
      expect((drip!.evidence.wording as { phrase: string }).phrase).to.be.a('string');
      expect(v.decision).to.equal('held');
      expect(v.labels).to.include('sockpuppet');
    });
  }

  it('when the three accounts write nothing alike, then the block-and-build coincidence alone stays under the line', () => {
    const v = ring({ shared: null }).review('r2')!.verdict;
    expect(find(v.reasons, 'neighbourhood-drip')).to.equal(undefined);
    expect(find(v.reasons, 'drip-shared-wording')).to.equal(undefined);
    expect(v.decision).to.equal('published');
  });

  it('when the shared sentence is what the product’s buyers all write, then chance explains it and nothing fires', () => {
    const v = ring({ backgroundSays: SIGNATURE }).review('r2')!.verdict;
    expect(find(v.reasons, 'drip-shared-wording')).to.equal(undefined);
    expect(v.decision).to.equal('published');
  });

  it('when the three accounts share the sentence but not the build (each its own), then there is no identity coincidence to combine', () => {
    const v = ring({ ua: (i) => `Own-Build/${i}` }).review('r2')!.verdict;
    expect(find(v.reasons, 'drip-shared-wording')).to.equal(undefined);
    expect(find(v.reasons, 'neighbourhood-drip')).to.equal(undefined);
  });
});
