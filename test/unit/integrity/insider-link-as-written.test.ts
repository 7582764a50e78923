import { expect } from 'chai';
import { regularAtTheStaffCafe } from '../../helpers/insider-cafe-scene.js';
import { assess } from '../../../server/integrity/assess.js';
import { defaultPolicy } from '../../../server/integrity/policy.js';
import { DAY_MS } from '../../../server/integrity/signals/signal-result.js';

// Insider evidence is about the author when the review was written. A re-check weeks later (the pool window closing)
// reads everything known by then, but an address the author and a member of staff were first seen sharing after the
// review is not evidence about that review: a regular customer who later posts from the café network a member of
// staff also uses did not write the earlier review as an insider.
const insiderOf = (reasons: { signal: string }[]) => reasons.find((x) => x.signal === 'shares-identity-with-staff');

describe('insider links as they were when the review was written', () => {
  for (const rating of [1, 5]) {
    it(`when a customer first shares an address with staff days after a review (${rating}★), then that review stays published after its re-check and carries no insider evidence`, () => {
      const r = regularAtTheStaffCafe(rating, 5).run();
      const v = r.review('regular-p1')!.verdict;
      expect(v.decision).to.equal('published');
      expect(insiderOf(v.reasons)).to.equal(undefined);
      // The re-check is asked for and, made with everything known later, still finds no insider link.
      const s = r.review('regular-p1')!.submission;
      expect(assess(s, r.contextFor(s), defaultPolicy, s.at).recheckAt).to.not.equal(null);
      const late = assess(s, r.contextFor(s), defaultPolicy, new Date(s.at.getTime() + 21 * DAY_MS));
      expect(insiderOf(late.reasons)).to.equal(undefined);
      // The review written from the staff's network is the one the link is about.
      expect(r.review('regular-cafe')!.verdict.labels).to.include('insider');
    });

    it(`when the customer had shared the address with staff before the review (${rating}★), then the review is held as an insider's`, () => {
      const r = regularAtTheStaffCafe(rating, -5).run();
      const v = r.review('regular-p1')!.verdict;
      expect(v.decision).to.equal('held');
      expect(v.labels).to.include('insider');
      expect(insiderOf(v.reasons)).to.not.equal(undefined);
    });
  }
});
