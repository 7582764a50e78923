import { expect } from 'chai';
import { assess } from '../../../server/integrity/assess.js';
import { world } from '../../helpers/in-memory-context.js';

describe('text model signal', () => {
  for (const rating of [1, 5]) {
    it(`when the model is sure a text is fake but nothing else agrees (${rating}★), then it is a weak model signal and the review is published`, () => {
      const r = world().merchant().product('p1').account('a1').review('r1', 'a1', 'p1', 0, { rating }).run();
      const s = r.review('r1')!.submission;
      const v = assess(s, { ...r.contextFor(s), model: { version: 'test-1', score: () => 0.99 } });
      const m = v.reasons.find((x) => x.signal === 'text-model')!;
      expect(m.family).to.equal('model');
      expect(m.weight).to.be.greaterThan(0).and.at.most(0.2);
      expect(v.decision).to.equal('published');
      expect(v.modelVersion).to.equal('test-1');
    });
  }
  it('when there is no model or it is unsure, then no model signal fires', () => {
    const r = world().merchant().product('p1').account('a1').review('r1', 'a1', 'p1', 0).run();
    const s = r.review('r1')!.submission;
    expect(assess(s, r.contextFor(s)).reasons.map((x) => x.signal)).to.not.include('text-model');
    expect(assess(s, { ...r.contextFor(s), model: { version: 't', score: () => 0.4 } }).reasons.map((x) => x.signal)).to.not.include('text-model');
  });
});
