// The reward grammar's stance (who received the offer, and did the writer take it), typing slips in grammar words, and
// the development phrasings of test/fixtures/dev-reward-stance-phrasings.json (written by hand, never from generator
// C or the held-out files). The floors are the dev rates with the current grammar; they guard against regressions.
import { expect } from 'chai';
import fs from 'node:fs';
import { classifyReward, repairTypos, reportsOffer, normalizeForGrammar } from '../../../server/integrity/reward-grammar.js';
import { defaultPolicy, rewardGrammarLimits } from '../../../server/integrity/policy.js';
import { incentiveSignals } from '../../../server/integrity/signals/incentives.js';
import type { AssessmentContext, Submission } from '../../../server/integrity/types.js';

const limits = rewardGrammarLimits(defaultPolicy);
type Lists = Record<'conditional' | 'undisclosed' | 'reports' | 'negatives', string[]>;
const dev = JSON.parse(fs.readFileSync(new URL('../../fixtures/dev-reward-stance-phrasings.json', import.meta.url), 'utf8')) as Lists & {
  accepted: string[];
  frozenCheck: Lists;
};

/** What the incentive signals do with a text: hold, label, report (published with weightless evidence) or none. */
function outcome(text: string, rating = 5): 'hold' | 'label' | 'report' | 'none' {
  const s = { title: 'Review', body: text, rating, incentive: null } as unknown as Submission;
  const names = incentiveSignals(s, {} as AssessmentContext, defaultPolicy).map((r) => r.signal);
  if (names.includes('rating-conditioned-reward')) return 'hold';
  if (names.includes('reported-offer')) return 'report';
  return names.length > 0 ? 'label' : 'none';
}
/** The same outcome for each text at a low rating and at 5★: the verdict never turns on the stars. */
function expectAtLowAndHigh(texts: string[], want: ReturnType<typeof outcome>, low = 1): void {
  for (const text of texts) {
    expect(outcome(text, low), `${text} (${low}★)`).to.equal(want);
    expect(outcome(text, 5), `${text} (5★)`).to.equal(want);
  }
}
const share = (list: string[], want: (o: ReturnType<typeof outcome>) => boolean) => list.filter((t) => want(outcome(t))).length / list.length;

describe('reward grammar: stance and spelling (policy.rewards)', () => {
  it('when a grammar word carries a typing slip, then it is read as the word, and ordinary words are left alone', () => {
    const s = repairTypos(normalizeForGrammar('Got my money back for writting a glowing reivew, acceted. The grating starts to squeak.'), limits);
    expect(s).to.contain('writing a glowing review');
    expect(s).to.contain('accepted');
    expect(s).to.contain('grating starts');
  });
  it('when a refusal points at the offer with a misspelt pronoun ("ignoring thhat"), then it is still a report at 2★ and 5★', () => {
    const text = 'The seller emailed offering a refund if I left five stars. I am ignoring thhat!! Look elsewhere.';
    expectAtLowAndHigh([text], 'report', 2);
    expect(repairTypos(normalizeForGrammar('Is thhat the one? Yes, and thier box.'), limits)).to.contain('is that the one | yes , and their box');
  });
  it('when a warranty is activated by a positive review, then it is held at 1★ and 5★; a warranty mentioned or registered is not', () => {
    // Written by hand for the warranty-activation wording first seen on the diagnosis seed C:332 ("Post a five-star
    // review to activate the 2-year warranty"); none of these sentences is generator C's.
    expectAtLowAndHigh(
      [
        'Leave us five stars to activate your lifetime warranty.',
        'Your 3-year warranty activates once you post a 5-star review.',
        'The extended warranty is only valid if you leave a 5 star review, says the insert.',
        'Write a positive review to unlock the 24-month warranty, apparently.',
      ],
      'hold',
    );
    expectAtLowAndHigh(
      [
        'Comes with a 2-year warranty, which I registered online. Five stars.',
        'The warranty is only valid if you register within 30 days. Great kettle, five stars from me.',
        'Warranty is honoured when you send photos of the fault. I left a 1 star review after it broke.',
        'I had to activate the warranty online before writing this review.',
      ],
      'none',
    );
  });
  it('when an offer is followed by a clause-initial refusal, then it is a report at 1★ and 5★', () => {
    const text = 'Seller offered a partial refund if I removed my 1 star review. Refused.';
    expectAtLowAndHigh([text], 'report');
  });
  it('when praise idioms follow an offer ("not going to lie", "I would not change a thing"), then it is held at 1★ and 5★', () => {
    expectAtLowAndHigh(
      [
        'The seller offered a refund for a 5 star review. Not going to lie, the blender is great anyway.',
        'Seller promised a gift card for a positive review. I would not change a thing about it.',
      ],
      'hold',
    );
  });
  it('when the writer refuses to lie for the reward or says they would not do it, then it is still a report', () => {
    expect(outcome('They offered a voucher for five stars. I will not lie for a voucher.')).to.equal('report');
    expect(outcome('They offered a voucher for five stars. I would never do that.')).to.equal('report');
  });
  it('when another party ignored something near the offer, then that is not the writer refusing', () => {
    const text = 'Customer service ignored my emails for two weeks. The seller sent a card offering a full refund if I leave a 5-star review.';
    expect(outcome(text)).to.equal('hold');
  });
  it('when the title says "Not worth it", then that is not compliance with an offer the text refuses', () => {
    const text = 'Not worth it\nThere was a card in the box offering a gift card for a 5 star review. Not how this works, so here is my honest opinion.';
    expect(reportsOffer(text, classifyReward(text, limits), limits)).to.not.equal(null);
  });
  it('when "Worth it" praises the product just before an offer the writer refuses, then it is a report at 1★ and 5★; after the offer it is still compliance', () => {
    const before =
      'Charges my phone fast. Only gripe: gets warm while charging. Worth it. There was a card in the box promising a free item for a 5 star review. I am reviewing honestly instead.';
    const after = 'There was a card in the box promising a free item for a 5 star review. Worth it.';
    for (const rating of [1, 5]) {
      expect(outcome(before, rating), `before, ${rating}★`).to.equal('report');
      expect(outcome(after, rating), `after, ${rating}★`).to.equal('hold');
    }
  });
  it('when the offer names a rule it breaks or is flagged to moderators, then it is a report', () => {
    expect(outcome('There was a note offering a voucher for a 5 star review, which is against the rules.')).to.equal('report');
    expect(outcome('Got an email promising store credit for a 5 star review. Flagging this to the moderators.')).to.equal('report');
  });
  it('when the offer is hypothetical or made to other buyers, then it is a report about the seller, not a hold', () => {
    expect(outcome('Even if they offered me a refund for five stars, I would not change this review.')).to.equal('report');
    expect(outcome('Apparently other buyers get vouchers for 5-star reviews, so take the high ratings here with a pinch of salt.')).to.equal('report');
  });
  it('when a condition takes a surface form beyond "if" and "for", then the review is held at 1★ and at 5★ alike', () => {
    expectAtLowAndHigh(
      [
        'Changed my rating to 5 stars because the seller sent a $10 credit for it.',
        'Once you post a 5-star review, email the screenshot and the refund follows.',
        'Rate us 5 and we send you a bottle of the serum free.',
        'Edited from 3 to 5 stars - the seller sent a €25 voucher for it.',
        'Got paid back in full because I posted a positive review.',
        'Leave a 5★ rating, send proof, receive £5 PayPal.',
        'In return for removing my complaint, they gave me store credit.',
      ],
      'hold',
    );
  });
  it('when a seller made good a fault and the buyer then raised the rating, then it is gratitude, not a condition', () => {
    expect(outcome('The seller sent a replacement quickly, so I changed my review to 4 stars.')).to.not.equal('hold');
    expect(outcome('Asked for a refund, they offered a replacement instead. Fair enough, four stars.')).to.not.equal('hold');
    expect(outcome('Changed my review to 4 stars because the seller sent a replacement.')).to.not.equal('hold');
  });
  it('when the text says the product came through a testing programme or was sent so the writer would write, then it is labelled', () => {
    for (const text of [
      'Part of a tester program, so it cost me nothing.',
      "They sent it so I'd write this.",
      'This arrived as part of a brand ambassador campaign.',
    ])
      expect(outcome(text), text).to.equal('label');
  });
  it('when a report is recorded, then its evidence names the stance words, their kind and that it is about the merchant', () => {
    const s = {
      title: 'Review',
      body: 'They wanted me to change my 2 stars to 5 for a refund. Absolutely not.',
      rating: 1,
      incentive: null,
    } as unknown as Submission;
    const report = incentiveSignals(s, {} as AssessmentContext, defaultPolicy).find((r) => r.signal === 'reported-offer')!;
    expect(report.weight).to.equal(0);
    expect(report.evidence).to.include({ stance: 'absolutely not', stanceKind: 'refused', merchantConduct: true });
  });
  it('when reward language says other buyers are paid for reviews, then the writer is a witness: no label, a merchant note', () => {
    const text = 'Another buyer told me the seller pays for 5-star reviews with gift cards.';
    expect(outcome(text)).to.equal('report');
    expect(outcome('I received this free for my honest review, no complaints from me.')).to.equal('label');
  });
  it('when a reward and a rating condition share a sentence that tells of an offer, then it is conditional; a remedy needs a condition word', () => {
    expect(outcome('seller sent msg saying 5 star review gets u 10 dollar refund lol ok')).to.equal('hold');
    expect(outcome('The leaflet inside promises an extra year of warranty to customers who rate 5 stars on the site.')).to.equal('hold');
    expect(outcome('They refunded me the difference when the price dropped, 5 stars for service')).to.not.equal('hold');
    expect(outcome('Would give 5 stars if it came with a free case.')).to.equal('none');
    expect(outcome('Five stars, and it came with a free cleaning cloth.')).to.not.equal('hold');
  });
  it('when a common word is one slip from a grammar word, then it is not rewritten', () => {
    const s = repairTypos(normalizeForGrammar('Thanks for sending this over. Great on the trail, some things I like, some I do not.'), limits);
    expect(s).to.contain('sending this over');
    expect(s).to.contain('on the trail');
  });
  it('when the dev phrasings are read, then the rates stay at least at the measured floors', () => {
    // A report is published without a label; the weightless reported-offer evidence is a bonus for moderators.
    const published = share(dev.reports, (o) => o === 'report' || o === 'none');
    const recorded = share(dev.reports, (o) => o === 'report');
    const accepted = share(dev.accepted, (o) => o === 'hold');
    const conditional = share(dev.conditional, (o) => o === 'hold');
    const undisclosed = share(dev.undisclosed, (o) => o === 'label');
    const negativesHeld = share(dev.negatives, (o) => o === 'hold');
    expect(published, 'reports published').to.equal(1);
    expect(recorded, 'reports recorded').to.be.at.least(57 / 60);
    expect(accepted, 'accepted offers held').to.equal(1);
    expect(conditional, 'conditional held').to.be.at.least(84 / 85);
    expect(undisclosed, 'undisclosed labelled').to.equal(1);
    expect(negativesHeld, 'negatives held').to.equal(0);
  });
  it('when the frozen-check phrasings (written after the grammar was frozen, never tuned on) are read, then the first-run rates hold', () => {
    const f = dev.frozenCheck;
    expect(
      share(f.conditional, (o) => o === 'hold'),
      'conditional held',
    ).to.be.at.least(6 / 10);
    expect(
      share(f.undisclosed, (o) => o === 'label'),
      'undisclosed labelled',
    ).to.be.at.least(5 / 6);
    expect(
      share(f.reports, (o) => o === 'report' || o === 'none'),
      'reports published',
    ).to.be.at.least(7 / 8);
    expect(
      share(f.negatives, (o) => o === 'hold'),
      'negatives held',
    ).to.equal(0);
  });
});
