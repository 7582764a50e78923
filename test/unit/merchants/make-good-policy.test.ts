import { expect } from 'chai';
import { defaultPolicy, rewardGrammarLimits } from '../../../server/integrity/policy.js';
import { refusedMakeGood } from '../../../server/merchants/make-good-policy.js';

const limits = rewardGrammarLimits(defaultPolicy);

describe('make-good policy', () => {
  it('when a refund is offered for the poor experience alone, then it is allowed', () => {
    expect(refusedMakeGood({ kind: 'refund', reply: 'We are sorry the strap broke.', note: 'Full refund sent today.' }, limits)).to.equal(null);
    expect(refusedMakeGood({ kind: 'replacement', reply: 'Sorry about the late parcel.', note: 'A new one ships Monday.' }, limits)).to.equal(null);
    expect(refusedMakeGood({ kind: null, reply: 'Thank you for telling us; we changed couriers.', note: '' }, limits)).to.equal(null);
  });

  it('when the refund depends on removing the review, then it is refused as conditional with the words quoted', () => {
    const refusal = refusedMakeGood({ kind: 'refund', reply: 'Sorry.', note: 'Refund issued once you remove your review.' }, limits);
    expect(refusal?.kind).to.equal('conditional-make-good');
    expect(refusal?.detail).to.include('remove your review');
  });

  it('when the reward word is only in the kind and the condition in the note, then the join is still found', () => {
    const refusal = refusedMakeGood({ kind: 'other', reply: 'Sorry.', note: 'Store credit if you take down the 1 star review' }, limits);
    expect(refusal?.kind).to.equal('conditional-make-good');
  });

  it('when an apology asks the customer to change their rating, then it is refused even without a reward', () => {
    const refusal = refusedMakeGood({ kind: 'apology', reply: 'We apologise. Please update your rating after this.', note: '' }, limits);
    expect(refusal?.kind).to.equal('review-change-request');
  });
});
