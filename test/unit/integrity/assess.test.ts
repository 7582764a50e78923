import { expect } from 'chai';
import { assess, explain, scoreLabels } from '../../../server/integrity/assess.js';
import { defaultPolicy, describeChecks } from '../../../server/integrity/policy.js';
import type { SignalResult } from '../../../server/integrity/types.js';
import { world } from '../../helpers/in-memory-context.js';

const sig = (signal: string, family: SignalResult['family'], label: SignalResult['label'], weight: number): SignalResult => ({ signal, family, label, weight, summary: signal, evidence: {} });

describe('assess', () => {
  for (const rating of [1, 2, 3, 4, 5]) {
    it(`when a review has no evidence at ${rating}★, then it is published without labels`, () => {
      const r = world().merchant().product('p1').account('a1').review('r1', 'a1', 'p1', 0, { rating, body: 'Solid kettle, boils fast and the handle stays cool.' }).run();
      const v = r.review('r1')!.verdict;
      expect(v.decision).to.equal('published');
      expect(v.labels).to.deep.equal([]);
      expect(v.policyVersion).to.equal(defaultPolicy.version);
    });
  }
  it('when two strong signals come from the same family, then sockpuppet/paid is not corroborated', () => {
    const s = scoreLabels([sig('review-burst', 'timing', 'paid', 0.65), sig('order-minutes-before-review', 'timing', 'paid', 0.5)], defaultPolicy);
    const paid = s.find((x) => x.label === 'paid')!;
    expect(paid.score).to.be.greaterThan(defaultPolicy.thresholds.paid.hold);
    expect(paid.corroborated).to.equal(false);
  });
  it('when two families agree, then paid is corroborated; mitigations lower the score', () => {
    const s = scoreLabels([sig('review-burst', 'timing', 'paid', 0.5), sig('near-duplicate-text', 'text', 'paid', 0.5)], defaultPolicy).find((x) => x.label === 'paid')!;
    expect(s.corroborated).to.equal(true);
    expect(s.score).to.be.closeTo(0.75, 1e-9);
    const m = scoreLabels([sig('review-burst', 'timing', 'paid', 0.5), sig('near-duplicate-text', 'text', 'paid', 0.5), sig('established-reviewer', 'account', null, -0.2)], defaultPolicy).find((x) => x.label === 'paid')!;
    expect(m.score).to.be.closeTo(0.55, 1e-9);
  });
  it('when a verdict is held, then explain gives plain words and an appeal line', () => {
    const r = world().merchant().product('p1').account('s1', { staffOf: 'm1' }).review('r1', 's1', 'p1', 0).run();
    const lines = explain(r.review('r1')!.verdict);
    expect(lines[0]).to.match(/waiting for a moderator/);
    expect(lines.at(-1)).to.match(/appeal|review of this decision/);
  });
  it('when evidence is dated after now, then it is ignored', () => {
    const r = world().merchant().product('p1').product('p2').account('a1').review('r1', 'a1', 'p1', 0, { body: 'Absolutely love this tent, it kept my whole family dry during a three day storm.' }).review('r2', 'a1', 'p2', 5, { body: 'Absolutely love this tent, it kept my whole family dry during a three day storm.' }).run();
    const s = r.review('r1')!.submission;
    expect(assess(s, r.contextFor(s)).labels).to.deep.equal([]);
  });
  it('when the public page is built, then every signal family is described in plain words', () => {
    const text = describeChecks(defaultPolicy).map((c) => c.plainWords).join(' ');
    for (const w of ['duplicate', 'network', 'burst', 'reward', 'staff', 'model', 'rating']) expect(text.toLowerCase()).to.include(w);
  });
});
