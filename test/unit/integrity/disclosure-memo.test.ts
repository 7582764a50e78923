import { expect } from 'chai';
import { isDisclosureLanguage } from '../../../server/integrity/signals/incentives.js';
import { classifyReward } from '../../../server/integrity/reward-grammar.js';
import { defaultPolicy, rewardGrammarLimits } from '../../../server/integrity/policy.js';
import type { Policy } from '../../../server/integrity/policy.js';

// isDisclosureLanguage remembers its answers per policy (the text signals ask it of the same stock phrases check after
// check): the remembered answer must be the one the grammar gives, under the policy asked.
describe('disclosure wording: answers remembered per policy', () => {
  const narrow: Policy = { ...defaultPolicy, text: { ...defaultPolicy.text, reward: { ...defaultPolicy.text.reward, windowWords: 2 } } };
  // A reward joined to reviewing across eleven words: within the default window, beyond a window of two.
  const far = 'they gave me a small voucher after i finished writing up my thoughts in a review';

  it('when one phrase is asked under two policies in turn, then each policy gets its own grammar’s answer every time', () => {
    const fresh = (p: Policy) => classifyReward(far, rewardGrammarLimits(p))?.kind === 'undisclosed';
    expect(fresh(defaultPolicy)).to.equal(true);
    expect(fresh(narrow)).to.equal(false);
    for (let i = 0; i < 3; i++) {
      expect(isDisclosureLanguage(far, defaultPolicy), `default, round ${i}`).to.equal(true);
      expect(isDisclosureLanguage(far, narrow), `narrow, round ${i}`).to.equal(false);
    }
  });

  it('when many different phrases are asked, then the answers stay the grammar’s (past the memo’s bound too)', () => {
    const phrases = Array.from({ length: 50_500 }, (_, i) =>
      i % 2 ? `i got a gift card in exchange for my review of item ${i}` : `the zipper broke after ${i} days of use`,
    );
    for (const p of phrases) isDisclosureLanguage(p, narrow);
    for (const i of [0, 1, 2, 3, 50_498, 50_499]) {
      const p = phrases[i]!;
      expect(isDisclosureLanguage(p, narrow), p).to.equal(i % 2 === 1);
    }
  });
});
