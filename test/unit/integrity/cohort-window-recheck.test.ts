import { expect } from 'chai';
import { assess } from '../../../server/integrity/assess.js';
import { defaultPolicy, describeChecks } from '../../../server/integrity/policy.js';
import { DAY_MS } from '../../../server/integrity/signals/signal-result.js';
import { CAMPAIGN_START_DAY, cohortCampaign, ownWords } from '../../helpers/cohort-window-scene.js';
import { defectWave, verifiedShop } from '../../helpers/verified-shop.js';

// A check made before the product's window closed sees only part of the reviews-together test's window: the days after
// the review are still open, and their silence is evidence too. assess() asks for a re-check when the window closes
// (Verdict.recheckAt) whenever the cohort test was possible; storage makes it then, with the same function.
const WINDOW = defaultPolicy.context.productWindowDays * DAY_MS;
/** How many of the scene's reviews `prefix`0… asked for a re-check at their own check. */
function askedForRecheck(r: ReturnType<ReturnType<typeof verifiedShop>['run']>, n: number, prefix: string): number {
  let asked = 0;
  for (let i = 0; i < n; i++) {
    const s = r.review(`${prefix}${i}`)!.submission;
    if (assess(s, r.contextFor(s), defaultPolicy, s.at).recheckAt) asked++;
  }
  return asked;
}
const cohortOf = (v: { reasons: { signal: string }[] }) => v.reasons.find((x) => x.signal === 'order-review-cohort');

describe('re-check when the cohort window closes', () => {
  for (const rating of [1, 5]) {
    it(`when ten accounts order within hours and review over a day and a half in their own words (${rating}★), then each check asks for a re-check at its window's end and, after it, all ten are held as paid on timing evidence`, () => {
      const { w, ids } = cohortCampaign({ rating });
      const r = w.run();
      const last = r.review('f9')!;
      // The last review's own check: published, with a re-check asked for a week later.
      const own = assess(last.submission, r.contextFor(last.submission), defaultPolicy, last.submission.at);
      expect(own.decision).to.equal('published');
      expect(own.recheckAt?.getTime()).to.equal(last.submission.at.getTime() + WINDOW);
      for (const id of ids) {
        const v = r.review(id)!.verdict;
        expect(v.decision, id).to.equal('held');
        expect(v.labels, id).to.deep.equal(['paid']);
        expect(cohortOf(v), id).to.not.equal(undefined);
        expect(
          v.reasons.filter((x) => x.family === 'text' && x.weight > 0),
          `${id}: no wording evidence`,
        ).to.have.length(0);
      }
    });
  }

  it('when no post comes after the campaign (its windows have not closed yet for the replay), then nothing is re-checked and all ten stay published', () => {
    const { w, ids } = cohortCampaign({ rating: 5, laterPostDay: null });
    const r = w.run();
    for (const id of ids) expect(r.review(id)!.verdict.decision, id).to.equal('published');
  });

  it('when the next post comes before the windows close, then the re-checks wait for a post after them', () => {
    const { w, ids } = cohortCampaign({ rating: 5, laterPostDay: CAMPAIGN_START_DAY + 3 });
    const r = w.run();
    for (const id of ids) expect(r.review(id)!.verdict.decision, id).to.equal('published');
  });

  it('when the same campaign is posted at 1★ and at 5★, then the verdicts after the re-checks are the same', () => {
    const one = cohortCampaign({ rating: 1 }).w.run();
    const five = cohortCampaign({ rating: 5 }).w.run();
    for (const id of cohortCampaign({ rating: 5 }).ids) {
      const a = one.review(id)!.verdict;
      const b = five.review(id)!.verdict;
      expect([a.decision, a.labels, a.score], id).to.deep.equal([b.decision, b.labels, b.score]);
    }
  });

  it('when a check is made at or after its window end, or the author ordered nothing, then no re-check is asked for', () => {
    const r = cohortCampaign({ rating: 5 }).w.run();
    const s = r.review('f9')!.submission;
    expect(assess(s, r.contextFor(s), defaultPolicy, new Date(s.at.getTime() + WINDOW)).recheckAt ?? null).to.equal(null);
    const unbacked = { ...s, orderId: null, orderAt: null };
    expect(assess(unbacked, r.contextFor(unbacked), defaultPolicy, s.at).recheckAt ?? null).to.equal(null);
  });

  // Hard negatives, each followed by a post after every window has closed, so the re-checks are made.
  for (const rating of [1, 5]) {
    it(`when a launch's buyers all order on day one and review within four days (${rating}★), then after the re-checks all sixteen are still published`, () => {
      const w = verifiedShop(20);
      for (let i = 0; i < 16; i++) {
        w.account(`k${i}`, { at: -200 - i * 19 });
        const delay = 1 + ((i * 7) % 16) / 5;
        w.review(`k${i}`, `k${i}`, 'p1', i * 0.03 + delay, { rating, body: ownWords(i), orderDaysBefore: delay });
      }
      w.account('later', { at: -400 }).review('later', 'later', 'bg-p3', 20, { body: 'A later customer of another product.', orderDaysBefore: 5 });
      const r = w.run();
      expect(askedForRecheck(r, 16, 'k'), 'the re-checks are made here').to.be.at.least(8);
      for (let i = 0; i < 16; i++) expect(r.review(`k${i}`)!.verdict.decision, `k${i}`).to.equal('published');
    });

    it(`when buyers of one defective batch order in two days and complain in the same words over the following weeks (${rating}★), then after the re-checks the wave is published`, () => {
      const w = verifiedShop(20);
      const wave = defectWave(w, rating);
      w.account('later', { at: -400 }).review('later', 'later', 'bg-p3', 40, { body: 'A later customer of another product.', orderDaysBefore: 5 });
      const r = w.run();
      for (const id of wave) expect(r.review(id)!.verdict.decision, id).to.equal('published');
    });
  }

  it('when /how-we-check describes the test, then it names the window, the re-check and the odds at which timing holds alone, from the policy', () => {
    const words = (p: typeof defaultPolicy) => describeChecks(p).find((x) => x.title === 'Buyers who ordered and reviewed together')!.plainWords;
    expect(words(defaultPolicy)).to.include('7-day window').and.to.include('checked again once its window has closed');
    expect(words(defaultPolicy)).to.include('one in 10,000,000,000');
    const stricter = { ...defaultPolicy, farms: { ...defaultPolicy.farms!, weight: 0.55 } };
    expect(words(stricter)).to.not.include('one in 10,000,000,000');
  });
});
