import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';
import { defaultPolicy } from '../../../server/integrity/policy.js';

// "Accounts created together on one /24" is evidence only when the shop's sign-ups do not explain it: during a
// complaint wave dozens of buyers open accounts within days, and two of them on a common ISP range is expected.

const DEFECT = [
  'The zipper broke after two days, the teeth split apart on the left side and it will not close.',
  'Zipper failed on the second night, teeth came apart and now the door will not close at all.',
  'After two days the zip just split, the teeth separate on one side and the door stays open.',
  'Mine has the same broken zipper everyone mentions, teeth split after a couple of days of use.',
  'Zip teeth came apart on day two, door will not close, very disappointed with this tent.',
];

/**
 * 30 accounts opened within 3 days, each reviewing the product's defect a day after opening it; two of them on one
 * common ISP /24. (Accounts opened hours before an unverified review, most of a product's reviewers at once, are a
 * throwaway-account cohort: see throwaway-cohort.test.ts.)
 */
function complaintWave(rating: (i: number) => number) {
  const w = world().merchant().product('p1').background(300);
  // Customers of the same ISP opened accounts over the past year: the /24 is common in this shop.
  for (let i = 0; i < 10; i++) w.account(`isp${i}`, { at: -380 + i * 30, ip: `100.64.7.${10 + i}` });
  for (let i = 0; i < 30; i++) {
    const ip = i === 3 ? '100.64.7.20' : i === 17 ? '100.64.7.131' : `81.90.${i}.5`;
    w.account(`w${i}`, { at: -4 + i * 0.1, ip });
    w.review(`wr${i}`, `w${i}`, 'p1', -2.9 + i * 0.1, { rating: rating(i), body: `${DEFECT[i % DEFECT.length]} Order number ${i} here.` });
  }
  return w.run();
}

/** Four accounts opened minutes apart on a /24 no other account of the shop uses, reviewing two products within hours. */
function ring(rating: number) {
  const w = world().merchant().product('p1').product('p2').background(300);
  const texts = [
    'Pitched it alone in ten minutes, poles colour coded, packs down smaller than expected.',
    'Kept us dry through a stormy night, the porch fits two pairs of boots easily.',
    'Arrived a day early, the groundsheet is thicker than on our old one and the pegs hold in sand.',
    'Roomy for two adults and a dog, vents stop the condensation we used to get.',
  ];
  for (let i = 0; i < 4; i++) {
    w.account(`k${i}`, { at: -20 + i * 0.005, ip: `203.0.113.${11 + i}` });
    w.review(`kr${i}`, `k${i}`, 'p1', i * 0.05, { rating, body: texts[i]! });
    w.review(`kq${i}`, `k${i}`, 'p2', 0.3 + i * 0.05, { rating, body: `${texts[(i + 1) % 4]!} Second purchase.` });
  }
  return w.run();
}

describe('accounts created together, against chance', () => {
  it('when 30 fresh accounts report one defect within 3 days (1–2★) and two of them share a common ISP /24, then every review is published and the /24 is no link', () => {
    const r = complaintWave((i) => 1 + (i % 2));
    for (let i = 0; i < 30; i++) expect(r.review(`wr${i}`)!.verdict.decision, `wr${i}`).to.equal('published');
    for (const id of ['wr3', 'wr17']) {
      const signals = r.review(id)!.verdict.reasons.map((x) => x.signal);
      expect(signals, id).to.not.include('accounts-created-together');
      expect(signals, id).to.not.include('linked-co-review');
    }
  });

  it('when the old rule (any /24 shared within the window) is applied to the same wave, then the pair is linked: the test exercises the chance comparison', () => {
    const always = { ...defaultPolicy, identity: { ...defaultPolicy.identity, createdTogetherMaxTail: 1 } };
    const w = world().merchant().product('p1').background(300);
    for (let i = 0; i < 10; i++) w.account(`isp${i}`, { at: -380 + i * 30, ip: `100.64.7.${10 + i}` });
    w.account('w3', { at: -2.7, ip: '100.64.7.20' }).account('w17', { at: -1.3, ip: '100.64.7.131' });
    w.review('wr3', 'w3', 'p1', -2.6, { rating: 1, body: DEFECT[0]! }).review('wr17', 'w17', 'p1', -1.2, { rating: 1, body: DEFECT[1]! });
    const signals = w.run(always).review('wr17')!.verdict.reasons;
    const together = signals.find((x) => x.signal === 'accounts-created-together');
    expect(together, 'accounts-created-together under the old rule').to.not.equal(undefined);
    const chance = (together!.evidence.chance as Record<string, { observed: number; expected: number; tail: number }>).w3!;
    expect(chance.observed).to.equal(1);
    expect(chance.tail).to.be.above(defaultPolicy.identity.createdTogetherMaxTail);
  });

  it('when the same complaint wave is posted at 5★ instead of 1–2★, then every review gets the same verdict', () => {
    const low = complaintWave((i) => 1 + (i % 2));
    const high = complaintWave(() => 5);
    for (let i = 0; i < 30; i++) {
      const a = low.review(`wr${i}`)!.verdict;
      const b = high.review(`wr${i}`)!.verdict;
      expect(b.decision, `wr${i}`).to.equal(a.decision);
      expect(b.labels, `wr${i}`).to.deep.equal(a.labels);
    }
  });

  for (const rating of [1, 5]) {
    it(`when four accounts opened minutes apart on a /24 no other account uses co-review two products (${rating}★), then they are held as sockpuppets with observed, expected and tail as evidence`, () => {
      const r = ring(rating);
      const v = r.review('kq3')!.verdict;
      expect(v.decision).to.equal('held');
      expect(v.labels).to.include('sockpuppet');
      const together = v.reasons.find((x) => x.signal === 'accounts-created-together')!;
      expect(together.evidence.accounts).to.have.members(['k0', 'k1', 'k2']);
      const chance = together.evidence.chance as Record<string, { observed: number; expected: number; tail: number; window: string }>;
      expect(chance.k0!.observed).to.equal(3);
      expect(chance.k0!.expected).to.be.below(0.1);
      expect(chance.k0!.tail).to.be.at.most(defaultPolicy.identity.createdTogetherMaxTail);
      expect(chance.k0!.window).to.equal(`${defaultPolicy.signups.nearMinutes} minutes`);
      const timing = v.reasons.find((x) => x.signal === 'linked-co-review')!;
      expect((timing.evidence.links as Record<string, { tier: string }>).k0!.tier).to.equal('strong');
      for (let i = 0; i < 4; i++) expect(r.review(`kr${i}`)!.verdict.decision, `kr${i}`).to.equal('held');
    });
  }
});
