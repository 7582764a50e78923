import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';

describe('account signals', () => {
  for (const rating of [1, 3, 5]) {
    it(`when a brand-new one-review account without an order reviews (${rating}★), then it is published (weak modifiers only)`, () => {
      const v = world()
        .merchant()
        .product('p1')
        .account('a1', { at: -0.1 })
        .review('r1', 'a1', 'p1', 0, { rating, body: 'Bought it at a market stall last week, works fine so far and was cheap.' })
        .run()
        .review('r1')!.verdict;
      expect(v.reasons.map((x) => x.signal)).to.include.members(['new-account', 'one-review-account']);
      expect(v.decision).to.equal('published');
      expect(v.labels).to.deep.equal([]);
    });
  }
  it('when the author ordered days before and has a long published history, then mitigating evidence is recorded', () => {
    const w = world().merchant().product('p1').product('px').account('a1', { at: -700 });
    for (let k = 0; k < 5; k++) w.review(`h${k}`, 'a1', 'px', -400 + k * 60, { body: `Older review ${k} of a different thing, perfectly fine.` });
    w.review('r1', 'a1', 'p1', 0, { orderDaysBefore: 9 });
    const v = w.run().review('r1')!.verdict;
    const m = v.reasons.filter((x) => x.weight < 0).map((x) => x.signal);
    expect(m).to.include.members(['verified-order-before', 'established-reviewer']);
  });
});
