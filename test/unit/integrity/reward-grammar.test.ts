import { expect } from 'chai';
import { classifyReward, findRewards } from '../../../server/integrity/reward-grammar.js';
import { defaultPolicy, rewardGrammarLimits } from '../../../server/integrity/policy.js';
import { world } from '../../helpers/in-memory-context.js';
import {
  DEV_CONDITIONAL,
  DEV_CONDITIONAL_2,
  DEV_CONDITIONAL_3,
  DEV_CONDITIONAL_4,
  DEV_NEGATIVES,
  DEV_NEGATIVES_2,
  DEV_NEGATIVES_3,
  DEV_NEGATIVES_4,
  DEV_UNDISCLOSED,
  DEV_UNDISCLOSED_2,
  DEV_UNDISCLOSED_3,
  DEV_UNDISCLOSED_4,
} from './reward-grammar-phrasings.js';

const limits = rewardGrammarLimits(defaultPolicy);
const BASE = 'The stove boils a litre in four minutes and packs into its own pot.';

function verdictFor(body: string, rating: number, incentive: { kind: 'free_product'; disclosed: boolean } | null = null) {
  return world().merchant().product('p1').account('a1').review('r1', 'a1', 'p1', 0, { body, rating, incentive, orderDaysBefore: 10 }).run().review('r1')!
    .verdict;
}

describe('reward grammar (development phrasings)', () => {
  for (const text of [...DEV_CONDITIONAL, ...DEV_CONDITIONAL_2, ...DEV_CONDITIONAL_3, ...DEV_CONDITIONAL_4]) {
    it(`when the text says "${text}", then it is a rating-conditioned reward`, () => {
      const f = classifyReward(text, limits);
      expect(f?.kind, JSON.stringify(f)).to.equal('conditional');
    });
  }
  for (const text of [...DEV_UNDISCLOSED, ...DEV_UNDISCLOSED_2, ...DEV_UNDISCLOSED_3, ...DEV_UNDISCLOSED_4]) {
    it(`when the text says "${text}", then it is a reward for reviewing without a condition`, () => {
      const f = classifyReward(text, limits);
      expect(f?.kind, JSON.stringify(f)).to.equal('undisclosed');
    });
  }
  for (const text of [...DEV_NEGATIVES, ...DEV_NEGATIVES_2, ...DEV_NEGATIVES_3, ...DEV_NEGATIVES_4]) {
    it(`when the text says "${text}", then no reward is found`, () => {
      expect(findRewards(text, limits)).to.deep.equal([]);
    });
  }

  it('when a reward is found, then the evidence names the reward, what it is joined to and the joining words', () => {
    const f = classifyReward('They promised a $20 gift card for a five star rating.', limits)!;
    expect(f.reward).to.equal('$20');
    expect(f.joinedTo).to.equal('five star rating');
    expect(f.connector).to.equal('for');
    expect(f.excerpt).to.equal('$20 gift card for a five star rating');
  });

  it('when the window of the policy is narrowed, then a far-away condition no longer joins (the window is policy, not code)', () => {
    const text = 'They offered a voucher to anyone, really anyone at all, no questions, as long as you give five stars.';
    expect(classifyReward(text, limits)?.kind).to.equal('conditional');
    expect(classifyReward(text, { ...limits, windowWords: 5 })).to.equal(null);
  });
});

describe('reward grammar in the verdict', () => {
  it('when a conditional reward is described, then the review is held as incentivized at 1★ and at 5★ alike', () => {
    for (const rating of [1, 5]) {
      const v = verdictFor(`${BASE} ${DEV_CONDITIONAL[6]}`, rating);
      expect(v.decision, `rating ${rating}`).to.equal('held');
      expect(v.labels).to.deep.equal(['incentivized']);
      const r = v.reasons.find((x) => x.signal === 'rating-conditioned-reward')!;
      expect(r.evidence.condition).to.equal('glowing review');
    }
  });
  it('when a conditional reward was also ticked as disclosed, then it is still held (disclosure does not make a rating condition fair)', () => {
    const v = verdictFor(`${BASE} ${DEV_CONDITIONAL[0]}`, 5, { kind: 'free_product', disclosed: true });
    expect(v.decision).to.equal('held');
  });
  it('when an unconditional reward for reviewing is not disclosed, then the review is published with the incentivized label at 1★ and 5★', () => {
    for (const rating of [1, 5]) {
      const v = verdictFor(`${BASE} ${DEV_UNDISCLOSED[1]}`, rating);
      expect(v.decision).to.equal('published');
      expect(v.labels).to.deep.equal(['incentivized']);
      expect(v.reasons.map((r) => r.signal)).to.include('undisclosed-reward-language');
    }
  });
  it('when the same reward is disclosed, then it is published with the label and no undisclosed-reward reason', () => {
    const v = verdictFor(`${BASE} ${DEV_UNDISCLOSED[1]}`, 4, { kind: 'free_product', disclosed: true });
    expect(v.decision).to.equal('published');
    expect(v.labels).to.deep.equal(['incentivized']);
    expect(v.reasons.map((r) => r.signal)).to.not.include('undisclosed-reward-language');
  });
  it('when a hard negative is written (sale discount, refund for a defect, a family gift), then the review is published without a label', () => {
    for (const text of DEV_NEGATIVES) {
      const v = verdictFor(`${BASE} ${text}`, 1);
      expect(v.labels, text).to.deep.equal([]);
    }
  });
});
