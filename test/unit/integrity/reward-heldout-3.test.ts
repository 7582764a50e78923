// The third held-out set (h9reward): 66 undisclosed rewards, 45 rating-conditioned offers and 65 hard negatives in
// reward-heldout-3-phrasings.ts, written from real-world wording before the grammar was changed for it.
// Measured with the grammar of policy integrity-2026.12, before any change (commit of the set alone):
//   undisclosed labelled   50/66 (75.8%)   aim ≥ 80%
//   conditional held       42/45 (93.3%)   aim ≥ 90%
//   negatives flagged       1/65 (1.5%)    aim ≤ 2%
// The grammar was then extended (h9reward) for the structures this set showed missing — promoters' tags, the product
// received or handed over for a review, a passive "was gifted" with no giver from the writer's life, a selection as a
// tester, a programme read whole, a request to come to the seller before a negative review — and measured again:
//   undisclosed labelled   66/66 (100%)    conditional held 45/45 (100%)    negatives flagged 0/65 (0%)
// (unchanged through the later h9reward commits, which were built from other hand-written dev phrasings).
// After that change the set is development data, not evidence (it shaped the change); the untuned figures are the
// check seeds'. The assertions keep a margin under the after figures: recall ≥ 90% and ≥ 95%, at most 1 flagged (1.5%).
import { expect } from 'chai';
import { defaultPolicy, rewardGrammarLimits } from '../../../server/integrity/policy.js';
import { classifyReward, reportsOffer } from '../../../server/integrity/reward-grammar.js';
import { HELDOUT3_CONDITIONAL, HELDOUT3_NEGATIVES, HELDOUT3_UNDISCLOSED } from './reward-heldout-3-phrasings.js';

const limits = rewardGrammarLimits(defaultPolicy);

/** What the pipeline makes of the text: held as conditional, reported (published), labelled undisclosed, or nothing. */
function reading(text: string): 'conditional' | 'reported' | 'undisclosed' | 'none' {
  const finding = classifyReward(text, limits);
  if (finding?.kind === 'conditional') return reportsOffer(text, finding, limits) ? 'reported' : 'conditional';
  return finding?.kind ?? 'none';
}
const count = (list: string[], ok: (r: ReturnType<typeof reading>) => boolean) => list.filter((t) => ok(reading(t))).length;

describe('reward grammar on the third held-out set (real-world reward wording)', () => {
  it('when the set is read, then it has at least 60 undisclosed, 40 conditional and 60 negative phrasings', () => {
    expect(HELDOUT3_UNDISCLOSED.length).to.be.at.least(60);
    expect(HELDOUT3_CONDITIONAL.length).to.be.at.least(40);
    expect(HELDOUT3_NEGATIVES.length).to.be.at.least(60);
  });
  it('when undisclosed rewards are read, then at least 60 of 66 (90%) are labelled incentivized', () => {
    expect(count(HELDOUT3_UNDISCLOSED, (r) => r === 'undisclosed' || r === 'conditional')).to.be.at.least(60);
  });
  it('when rating-conditioned offers are read, then at least 43 of 45 (95%) are held', () => {
    expect(count(HELDOUT3_CONDITIONAL, (r) => r === 'conditional')).to.be.at.least(43);
  });
  it('when genuine mentions of money, gifts and refused offers are read, then at most 1 of 65 (1.5%) is held or labelled', () => {
    expect(count(HELDOUT3_NEGATIVES, (r) => r === 'conditional' || r === 'undisclosed')).to.be.at.most(1);
  });
});
