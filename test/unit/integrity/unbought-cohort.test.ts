import { expect } from 'chai';
import { defaultPolicy, type Policy } from '../../../server/integrity/policy.js';
import { world } from '../../helpers/in-memory-context.js';
import { TENT_TEXTS } from '../../helpers/tent-texts.js';

const TEXTS = TENT_TEXTS;

/**
 * A shop with ordinary verified traffic, then six accounts each opened hours before its review, on its own network and
 * browser, reviewing p1 within two days. `orderDaysBefore`: each of them bought p1 that long before.
 */
function scene(o: { rating: number; orderDaysBefore?: number; policy?: Policy; signUpToReview?: number }) {
  const w = world().merchant().product('p1').background(300, 40);
  // A shop whose customers mostly sign up to review (orders kept elsewhere): its own share of such reviews is high.
  for (let i = 0; i < (o.signUpToReview ?? 0); i++) {
    w.account(`su${i}`, { at: -40 + i * 0.4 - 0.2, ip: `90.${i}.1.1` });
    w.review(`su-r${i}`, `su${i}`, `bg-p${i % 40}`, -40 + i * 0.4, {
      body: `Signed up to say the kit number ${i} was ${['fine', 'good', 'ok'][i % 3]} on trip ${i}.`,
    });
  }
  for (let i = 0; i < 6; i++) {
    w.account(`a${i}`, { at: i * 0.3 - 0.4, ip: `${40 + i * 17}.${i * 3}.8.${i + 9}`, ua: `UA-${i}` });
    w.review(`r${i}`, `a${i}`, 'p1', i * 0.3, { rating: o.rating, body: TEXTS[i]!, orderDaysBefore: o.orderDaysBefore ?? null });
  }
  return w.run(o.policy);
}

/** None of the six is held, and the signal did not fire on any of them. */
function expectAllPublishedWithoutIt(r: ReturnType<typeof scene>) {
  for (let i = 0; i < 6; i++) {
    const v = r.review(`r${i}`)!.verdict;
    expect(
      v.reasons.map((x) => x.signal),
      `r${i}`,
    ).to.not.include('unbought-account-cohort');
    expect(v.decision, `r${i}`).to.equal('published');
  }
}

describe('accounts opened to review one product, sent to it together beyond the shop’s own rate (policy.unboughtCohort)', () => {
  for (const rating of [1, 5]) {
    it(`when six accounts opened hours before review one product without buying it (${rating}★), then the reviews are held as paid with observed, the shop's share and the tail`, () => {
      const r = scene({ rating });
      const v = r.review('r5')!.verdict;
      const s = v.reasons.find((x) => x.signal === 'unbought-account-cohort')!;
      expect(s.family).to.equal('timing');
      expect(s.label).to.equal('paid');
      expect(s.evidence.observed).to.equal(6);
      expect(s.evidence.accountsInWindow).to.equal(6);
      expect(s.evidence.accounts).to.have.members(['a0', 'a1', 'a2', 'a3', 'a4']);
      expect(s.evidence.shopShare as number).to.be.below(0.05);
      expect(s.evidence.tail as number).to.be.below(defaultPolicy.unboughtCohort.maxTail);
      expect(s.summary).to.match(/6 of the 6 accounts/);
      expect(v.decision).to.equal('held');
      expect(v.labels).to.deep.equal(['paid']);
      // Re-checked once the later ones arrived, the first of the group is held too.
      expect(r.review('r0')!.verdict.decision).to.equal('held');
    });
  }

  it('when the same scene runs with the signal weighed at zero, then nothing else holds it (the hold above is this evidence)', () => {
    const policy: Policy = { ...defaultPolicy, weights: { ...defaultPolicy.weights, 'unbought-account-cohort': 0 } };
    const r = scene({ rating: 5, policy });
    for (let i = 0; i < 6; i++) expect(r.review(`r${i}`)!.verdict.decision, `r${i}`).to.equal('published');
  });

  it('when each of the six bought the product days before, then they are customers and the signal stays silent', () => {
    const r = scene({ rating: 1, orderDaysBefore: 5 });
    expectAllPublishedWithoutIt(r);
  });

  it('when most of the shop’s reviewers sign up just to review, then six more is what chance gives there and nothing is held', () => {
    const r = scene({ rating: 1, signUpToReview: 100 });
    expectAllPublishedWithoutIt(r);
  });
});
