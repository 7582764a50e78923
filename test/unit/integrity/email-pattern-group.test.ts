import { expect } from 'chai';
import { ownEmails, reviewersOfP1, scriptedEmails, webmailShop } from '../../helpers/email-ring-scene.js';

// Reviewers of one product whose e-mail addresses share the author's shape beyond that shape's share of the author's
// domain (signals/email-pattern-group.ts). Each account has its own network, browser, words and order: only the
// template of its address ties them.
type Reasons = { reasons: { signal: string; evidence: Record<string, unknown>; family: string; label: string | null }[] };
const groupOf = (v: Reasons) => v.reasons.find((x) => x.signal === 'email-pattern-group');

describe('e-mail pattern group (addresses of one template among a product’s reviewers, against chance)', () => {
  for (const rating of [1, 5]) {
    it(`when six reviewers of a product have addresses of one rare template ("daily" + name + running number) (${rating}★), then the group is recorded against the domain's share and held as sockpuppets, the first review included`, () => {
      const r = reviewersOfP1(webmailShop(), scriptedEmails(6), rating).run();
      const v = r.review('e5')!.verdict;
      const g = groupOf(v);
      expect(g, JSON.stringify(v.reasons)).to.not.equal(undefined);
      expect(g!.family).to.equal('identity');
      expect(g!.label).to.equal('sockpuppet');
      expect(g!.evidence.shape).to.equal('A999@gmail.com');
      expect(g!.evidence.sameDomainReviewers).to.equal(5);
      expect(g!.evidence.accounts).to.have.members(['e0', 'e1', 'e2', 'e3', 'e4']);
      expect(g!.evidence.domainHolders as number).to.be.at.least(200);
      expect(g!.evidence.tail as number).to.be.below(1e-6);
      expect(v.decision).to.equal('held');
      expect(v.labels).to.include('sockpuppet');
      expect(r.review('e0')!.verdict.decision).to.equal('held');
    });

    it(`when six reviewers use the shop's most common address shape ("first.last") (${rating}★), then that is what chance gives and nothing is recorded or held`, () => {
      const r = reviewersOfP1(webmailShop(), ownEmails(6), rating).run();
      for (let i = 0; i < 6; i++) {
        const v = r.review(`e${i}`)!.verdict;
        expect(groupOf(v), `e${i}`).to.equal(undefined);
        expect(v.decision, `e${i}`).to.equal('published');
      }
    });

    it(`when eight students of one campus review a product with the campus's address scheme (${rating}★), then the shape is the domain's and nothing is recorded or held`, () => {
      // Twenty of the shop's 220 accounts are the campus's: the shape is rare in the shop (eight of eight would be
      // improbable among the shop's accounts) but it is every account of the domain.
      const students = Array.from(
        { length: 8 },
        (_, i) => `${['mira', 'olle', 'pia', 'rasmus', 'sofie', 'tor', 'ulla', 'vidar'][i]}${3100 + i * 17}@stud.uni-example.edu`,
      );
      const r = reviewersOfP1(webmailShop({ campus: 12 }), students, rating).run();
      for (let i = 0; i < 8; i++) {
        const v = r.review(`e${i}`)!.verdict;
        expect(groupOf(v), `e${i}`).to.equal(undefined);
        expect(v.decision, `e${i}`).to.equal('published');
      }
    });
  }

  it('when two of the six reviewers share the rare template, then they are too few to be a group', () => {
    const emails = [...scriptedEmails(2), ...ownEmails(4)];
    const r = reviewersOfP1(webmailShop(), emails, 5).run();
    expect(groupOf(r.review('e1')!.verdict)).to.equal(undefined);
  });
});
