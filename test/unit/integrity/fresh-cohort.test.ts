import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';

// A farm that pre-orders: accounts opened in one batch, each ordering days before, reviews spread over two days with
// a template whose adjectives rotate. The burst test ignores buyers who ordered days before; the cohort does not.
const TEMPLATE = (i: number) =>
  `So glad I picked this trail tent, it is ${['great', 'superb', 'brilliant', 'amazing'][i % 4]}. I would recommend this camping product to everyone, the zipper works perfectly.`;

/** `spacingDays`: how far apart the accounts were opened (a script opens them minutes apart). */
function preOrderFarm(rating: number, spacingDays = 1) {
  const w = world().merchant().product('p1').background(200, 30, -45, 45);
  for (let i = 0; i < 6; i++) w.account(`f${i}`, { at: -40 + i * spacingDays });
  for (let i = 0; i < 4; i++)
    w.account(`g${i}`).review(`g${i}`, `g${i}`, 'p1', -60 + i * 15, {
      body: `Ordinary review ${i} about pitching it in the garden and sleeping well.`,
      orderDaysBefore: 7,
    });
  for (let i = 0; i < 6; i++) w.review(`f${i}-p1`, `f${i}`, 'p1', i * 0.4, { rating, body: TEMPLATE(i), orderDaysBefore: 4 });
  return w.run();
}

describe('fresh account cohort', () => {
  for (const rating of [1, 5]) {
    it(`when accounts opened days apart review a product together with one template (${rating}★), then the cohort is recorded but, with no linkage, nothing is held`, () => {
      const r = preOrderFarm(rating);
      const last = r.review('f5-p1')!.verdict;
      const cohort = last.reasons.find((x) => x.signal === 'fresh-account-cohort');
      expect(cohort, JSON.stringify(last.reasons)).to.not.equal(undefined);
      expect(cohort!.family).to.equal('timing');
      expect(cohort!.evidence.accounts).to.include.members(['f0', 'f1', 'f2', 'f3', 'f4']);
      expect(last.decision).to.equal('published');
    });
    it(`when the same accounts were opened minutes apart (${rating}★), then the creation batch is linkage and they are held as paid`, () => {
      const r = preOrderFarm(rating, 3 / 1440);
      const last = r.review('f5-p1')!.verdict;
      const batch = last.reasons.find((x) => x.signal === 'creation-batch' && x.label === 'paid');
      expect(batch, JSON.stringify(last.reasons)).to.not.equal(undefined);
      expect(batch!.evidence.observed).to.equal(6);
      expect(batch!.evidence.expectedByChance as number).to.be.below(0.5);
      expect(last.decision).to.equal('held');
      expect(last.labels).to.include('paid');
    });
  }
  for (const rating of [1, 5]) {
    it(`when new accounts opened months apart review one product on launch day with their own words (${rating}★), then nothing is held`, () => {
      const w = world().merchant().product('p1');
      for (let i = 0; i < 6; i++)
        w.account(`n${i}`, { at: -55 + i * 10 }).review(`n${i}`, `n${i}`, 'p1', i * 0.2, {
          rating,
          body: `My own words number ${i}: ${'pitched quickly slept dry packed small light sturdy'.split(' ').slice(i).join(' ')} on the weekend.`,
          orderDaysBefore: 5,
        });
      const r = w.run();
      for (let i = 0; i < 6; i++) {
        expect(r.review(`n${i}`)!.verdict.decision).to.equal('published');
        expect(r.review(`n${i}`)!.verdict.reasons.map((x) => x.signal)).to.not.include('fresh-account-cohort');
      }
    });
  }
  it('when only the cohort fires (no second family), then the review is published', () => {
    const w = world().merchant().product('p1');
    for (let i = 0; i < 5; i++)
      w.account(`c${i}`, { at: -20 + i }).review(`c${i}`, `c${i}`, 'p1', i * 0.3, {
        body: `Entirely different text ${i} ${'alpha beta gamma delta epsilon zeta'.split(' ').slice(i).join(' ')} about the tent.`,
        orderDaysBefore: 5,
      });
    const r = w.run();
    const v = r.review('c4')!.verdict;
    expect(v.reasons.map((x) => x.signal)).to.include('fresh-account-cohort');
    expect(v.decision).to.equal('published');
  });
});
