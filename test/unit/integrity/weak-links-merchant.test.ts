import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';
import { defaultPolicy, describeChecks, type Policy } from '../../../server/integrity/policy.js';
import type { SignalResult } from '../../../server/integrity/types.js';

// A ring serving one merchant spreads over its products instead of piling onto one. Accounts already linked to the
// author by a shared identifier (here a rare browser build) are tested for weak marks also when they reviewed another
// of the merchant's products within ± weakLinks.merchantWindowDays; the test against chance is the same.
const RARE_BUILD = 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/91.0 RingBuild';
const BODIES = [
  'Pitched it in minutes and stayed dry through a storm, the poles feel solid and light.',
  'The stove simmers gently and the piezo lights first time, even in the wind.',
  'Warm down to freezing and it packs into a small stuff sack.',
  'Bright enough to read by and the battery lasted the whole trip.',
];
const onlyThisProduct: Policy = { ...defaultPolicy, weakLinks: { ...defaultPolicy.weakLinks, merchantWindowDays: undefined } };
const weakLink = (reasons: SignalResult[]) => reasons.find((r) => r.signal === 'weak-link-combination');

/** Four accounts opened minutes apart, one mailbox pattern, one rare build, one /24: each reviews a different product. */
function spreadRing(rating: number, merchantOf: (i: number) => string) {
  const w = world().merchant('m1', 'acme-outdoor.example').merchant('m2', 'other-shop.example');
  for (let i = 0; i < 4; i++) w.product(`p${i}`, merchantOf(i));
  w.background(300, 40);
  for (let i = 0; i < 4; i++)
    w.account(`s${i}`, { at: -20 + i * 0.01, email: `lena.k.shop${i + 1}${i + 3}@mail.example`, ip: `93.184.216.${20 + i}`, ua: RARE_BUILD });
  for (let i = 0; i < 4; i++) w.review(`s${i}-p${i}`, `s${i}`, `p${i}`, i * 0.5, { rating, body: BODIES[i] });
  return w;
}

describe("weak links across one merchant's products", () => {
  for (const rating of [1, 5]) {
    it(`when a ring's four accounts each review a different product of one merchant within two days (${rating}★), then they are linked and held as sockpuppets, the other products named`, () => {
      const r = spreadRing(rating, () => 'm1').run();
      const v = r.review('s3-p3')!.verdict;
      const signal = weakLink(v.reasons);
      expect(signal, JSON.stringify(v.reasons)).to.not.equal(undefined);
      expect(signal!.evidence.accounts).to.have.members(['s0', 's1', 's2']);
      expect(signal!.evidence.otherProductsOfMerchant).to.deep.equal(['p0', 'p1', 'p2']);
      expect(signal!.summary).to.contain("another of this merchant's within 7 days");
      expect(v.decision).to.equal('held');
      expect(v.labels).to.include('sockpuppet');
    });

    it(`when only this product's reviewers are tested (the policy before 2026.31) (${rating}★), then no pair is tested and nothing is held`, () => {
      const r = spreadRing(rating, () => 'm1').run(onlyThisProduct);
      for (let i = 0; i < 4; i++) expect(weakLink(r.review(`s${i}-p${i}`)!.verdict.reasons), `s${i}`).to.equal(undefined);
    });
  }

  it("when the linked accounts reviewed another merchant's products, then they are not tested for this merchant's review", () => {
    const r = spreadRing(5, (i) => (i === 3 ? 'm1' : 'm2')).run();
    expect(weakLink(r.review('s3-p3')!.verdict.reasons)).to.equal(undefined);
  });

  it('when the ring is posted at 1★ and at 5★, then every review gets the same verdict', () => {
    const one = spreadRing(1, () => 'm1').run();
    const five = spreadRing(5, () => 'm1').run();
    for (let i = 0; i < 4; i++) {
      const a = one.review(`s${i}-p${i}`)!.verdict;
      const b = five.review(`s${i}-p${i}`)!.verdict;
      expect([a.decision, a.labels, a.score], `s${i}`).to.deep.equal([b.decision, b.labels, b.score]);
    }
  });

  it('/how-we-check names the merchant window from the policy', () => {
    const text = describeChecks(defaultPolicy).find((c) => c.title === 'Several weak links between accounts')!.plainWords;
    expect(text).to.contain(`another of the merchant's products within ${defaultPolicy.weakLinks.merchantWindowDays} days`);
    expect(describeChecks(onlyThisProduct).find((c) => c.title === 'Several weak links between accounts')!.plainWords).to.not.contain(
      'another of the merchant',
    );
  });
});
