// Reviews that report or refuse a seller's rating-conditioned offer are published; those that comply stay held.
// The held-out file (test/fixtures/heldout-reported-offers.json) was written before the stance rules and measured
// with them: reports recognised 19/25 (76%), accepted offers misread as reports 0/10. The stance was then scoped to
// the sentences around the offer (because B's tuning seeds lost conditional recall to a "not" far from the offer),
// and measured again: 18/25 (72%), 0/10; then "happy to report" and bare disapproval adjectives ("shady") stopped
// counting (tuning seeds A:7 and B:1/2 had fakes phrased so), third and last measurement: 17/25 (68%), 0/10. The
// floor keeps that rate; the phrasings themselves were never read to build or adjust a rule.
// h9offer widened the stance (refusal scoped to the writer, rules named, hypothetical and third-party offers, typing
// slips) from its own dev phrasings and A/B tuning seeds only; fourth measurement, once, frozen grammar: 20/25 (80%),
// 0/10. The floor is raised to it; the 90% aim is not met.
import { expect } from 'chai';
import fs from 'node:fs';
import { classifyReward, reportsOffer } from '../../../server/integrity/reward-grammar.js';
import { defaultPolicy, rewardGrammarLimits } from '../../../server/integrity/policy.js';
import { incentiveSignals } from '../../../server/integrity/signals/incentives.js';
import type { AssessmentContext, Submission } from '../../../server/integrity/types.js';

const limits = rewardGrammarLimits(defaultPolicy);
const isReport = (text: string) => reportsOffer(text, classifyReward(text, limits), limits) !== null;
const heldout = JSON.parse(fs.readFileSync(new URL('../../fixtures/heldout-reported-offers.json', import.meta.url), 'utf8')) as {
  reports: string[];
  accepted: string[];
};

function submission(body: string, rating: number): Submission {
  return { title: 'Review', body, rating } as unknown as Submission;
}

describe('reported offers (speaker stance towards a rating-conditioned reward)', () => {
  it('when the buyer refuses the offer, then it is a report and not a conditional reward', () => {
    const text = 'Got an email asking me to rate 5 stars in exchange for a voucher. No thanks.';
    expect(classifyReward(text, limits)?.kind).to.equal('conditional');
    expect(reportsOffer(text, classifyReward(text, limits), limits)?.stance).to.equal('no thanks');
  });
  it('when the buyer condemns the offer as a bribe, then it is a report', () => {
    expect(isReport('They tried to bribe me with a discount code for a positive review. Reporting that to the platform.')).to.equal(true);
  });
  it('when the text tells of an offer without any stance, then it stays a conditional reward (cannot tell it from compliance)', () => {
    expect(isReport('There was a card in the box offering a free gift for a 5-star review.')).to.equal(false);
    expect(isReport('The company offered a full refund in exchange for a 5 star rating.')).to.equal(false);
  });
  it('when the buyer complied, then a stance word elsewhere does not make it a report', () => {
    expect(isReport('They offered a refund if I changed my review to five stars, so I did. Not how it should work, but fine.')).to.equal(false);
    expect(isReport('I changed my rating to 5 stars for the voucher, no way I would miss that.')).to.equal(false);
  });
  it('when a report is assessed at 1★ and at 5★, then no incentive label is raised and the report is kept as weightless evidence', () => {
    const text = 'The seller emailed offering a refund if I left five stars. I am ignoring that.';
    for (const rating of [1, 5]) {
      const out = incentiveSignals(submission(text, rating), {} as AssessmentContext, defaultPolicy);
      expect(out.map((s) => s.signal)).to.deep.equal(['reported-offer']);
      expect(out[0]!.label).to.equal(null);
      expect(out[0]!.weight).to.equal(0);
      expect(out[0]!.evidence).to.include({ stance: 'ignoring that' });
    }
  });
  it('when the same offer is told with compliance, then it is held as a rating-conditioned reward', () => {
    const out = incentiveSignals(
      submission('The seller emailed offering a refund if I left five stars, so here it is.', 5),
      {} as AssessmentContext,
      defaultPolicy,
    );
    expect(out.map((s) => s.signal)).to.include('rating-conditioned-reward');
  });
  it('when the held-out reports are read, then at least the measured 80% are recognised as reports (aim 90%, not met)', () => {
    expect(heldout.reports.filter(isReport).length / heldout.reports.length).to.be.at.least(20 / 25);
  });
  it('when the held-out accepted offers are read, then none is mistaken for a report', () => {
    expect(heldout.accepted.filter(isReport)).to.deep.equal([]);
  });
});
