import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';

const BASE = 'The tent kept us dry for a whole week of rain in Wales and packs down small.';

function verdictFor(body: string, rating: number, incentive: { kind: 'free_product'; disclosed: boolean } | null = null) {
  const r = world().merchant().product('p1').account('a1').review('r1', 'a1', 'p1', 0, { body, rating, incentive, orderDaysBefore: 10 }).run();
  return r.review('r1')!.verdict;
}

describe('incentives', () => {
  const conditional = [
    'The seller offered a full refund if I leave a 5-star review.',
    'They promised a $20 gift card for a five star rating.',
    'The seller asked me to change my review and offered a partial refund.',
    'Support said they would refund me only after I remove my negative review.',
    'Received a message offering cashback if I raised my rating.',
  ];
  for (const text of conditional) {
    it(`when the text says "${text.slice(0, 40)}…", then the review is held as incentivized at 1★ and 5★`, () => {
      for (const rating of [1, 5]) {
        const v = verdictFor(`${BASE} ${text}`, rating);
        expect(v.decision, `rating ${rating}`).to.equal('held');
        expect(v.labels).to.include('incentivized');
      }
    });
  }
  it('when a reward is disclosed, then the review is published with the incentivized label at 1★ and 5★', () => {
    for (const rating of [1, 5]) {
      const v = verdictFor(BASE, rating, { kind: 'free_product', disclosed: true });
      expect(v.decision).to.equal('published');
      expect(v.labels).to.deep.equal(['incentivized']);
    }
  });
  it('when undisclosed reward language appears, then the review is published but labelled', () => {
    const v = verdictFor(`${BASE} I received this for free in exchange for my honest review.`, 4);
    expect(v.decision).to.equal('published');
    expect(v.labels).to.deep.equal(['incentivized']);
  });
  it('when a genuine review mentions a refund or stars without a condition, then nothing fires', () => {
    const v = verdictFor(`${BASE} I got a refund for the first one which arrived broken. Five stars for the replacement.`, 5);
    expect(v.decision).to.equal('published');
    expect(v.labels).to.deep.equal([]);
  });
});
