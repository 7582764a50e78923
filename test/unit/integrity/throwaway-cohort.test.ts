import { expect } from 'chai';
import { world } from '../../helpers/in-memory-context.js';
import { defaultPolicy } from '../../../server/integrity/policy.js';
import { crowd, HOUR, pastShop } from '../../helpers/throwaway-scene.js';

// Accounts opened hours before an unverified review, crowding one product (signals/throwaway-cohort.ts), judged
// against the shop's own share of such reviews. Each account has its own address, browser and words: nothing but
// how it came to post ties them together.
const throwawayOf = (v: { reasons: { signal: string; evidence: Record<string, unknown>; weight: number; family: string; label: string | null }[] }) =>
  v.reasons.find((x) => x.signal === 'throwaway-cohort');

describe('throwaway-account cohort (accounts opened hours before an unverified review, many on one product)', () => {
  for (const rating of [1, 5]) {
    it(`when eight accounts each opened hours before posting without an order crowd one product within a day (${rating}★), then the cohort is recorded against the shop's share and the group is held as paid, earlier reviews included`, () => {
      const r = crowd(pastShop(), rating, 8).run();
      const v = r.review('t7')!.verdict;
      const c = throwawayOf(v);
      expect(c, JSON.stringify(v.reasons)).to.not.equal(undefined);
      expect(c!.family).to.equal('identity');
      expect(c!.label).to.equal('paid');
      expect(c!.evidence.throwawayAccounts).to.equal(8);
      expect(c!.evidence.accountsInWindow).to.equal(8);
      expect(c!.evidence.shopSample as number).to.be.at.least(160);
      // The shop's share counts the cohort's own earlier reviews too (a farm raises its own bar a little).
      expect(c!.evidence.expectedByChance as number).to.be.below(0.5);
      expect(c!.evidence.tail as number).to.be.below(1e-4);
      expect(c!.evidence.reviews).to.include.members(['t0', 't1', 't2', 't3', 't4', 't5', 't6']);
      expect(v.decision).to.equal('held');
      expect(v.labels).to.include('paid');
      // The first reviews had no cohort when posted; the later ones' evidence re-opens them.
      expect(r.review('t0')!.verdict.decision).to.equal('held');
      expect(r.review('t0')!.verdict.labels).to.include('paid');
    });

    it(`when the same eight accounts each ordered days before (${rating}★), then they are buyers, not throwaway accounts, and nothing is held`, () => {
      const r = crowd(pastShop(), rating, 8, { ordered: true }).run();
      for (let i = 0; i < 8; i++) {
        const v = r.review(`t${i}`)!.verdict;
        expect(throwawayOf(v), `t${i}`).to.equal(undefined);
        expect(v.decision, `t${i}`).to.equal('published');
      }
    });

    it(`when three of fifteen reviewers of a complaint wave signed up hours before posting without an order (${rating}★), then they are a minority of the product's reviewers and nothing is held`, () => {
      const w = pastShop();
      crowd(w, rating, 12, { ageHours: 24 * 400, spacingHours: 1.5, ordered: true, prefix: 'b' });
      crowd(w, rating, 3, { spacingHours: 5, prefix: 't' });
      const r = w.run();
      for (const id of ['t0', 't1', 't2', 'b11']) {
        const v = r.review(id)!.verdict;
        expect(throwawayOf(v), id).to.equal(undefined);
        expect(v.decision, id).to.equal('published');
      }
    });
  }

  it('when the same crowd of throwaway accounts posts at 1★ and at 5★, then every review gets the same verdict and labels', () => {
    const low = crowd(pastShop(), 1, 8).run();
    const high = crowd(pastShop(), 5, 8).run();
    for (let i = 0; i < 8; i++) {
      const a = low.review(`t${i}`)!.verdict;
      const b = high.review(`t${i}`)!.verdict;
      expect(b.decision, `t${i}`).to.equal(a.decision);
      expect(b.labels, `t${i}`).to.deep.equal(a.labels);
    }
  });

  it('when accounts opened a few days before their review post together, then they are not throwaway accounts (the hours are the policy’s)', () => {
    const r = crowd(pastShop(), 5, 8, { ageHours: defaultPolicy.throwaways!.accountHours + 30 }).run();
    expect(throwawayOf(r.review('t7')!.verdict)).to.equal(undefined);
  });

  it('when half of the shop’s recent reviews come from accounts opened hours before, then eight of them on one product are what chance gives and nothing is recorded', () => {
    const w = world().merchant().product('p1');
    for (let p = 0; p < 20; p++) w.product(`bg-p${p}`);
    for (let i = 0; i < 160; i++) {
      const at = -60 + (58 * i) / 160;
      const fresh = i % 2 === 0;
      w.account(`bg-a${i}`, { at: fresh ? at - 3 * HOUR : -500 - i });
      w.review(`bg-r${i}`, `bg-a${i}`, `bg-p${i % 20}`, at, { body: `Background note ${i} on trip ${i * 3}.`, orderDaysBefore: fresh ? null : 4 });
    }
    const r = crowd(w, 5, 8).run();
    const v = r.review('t7')!.verdict;
    expect(throwawayOf(v), JSON.stringify(v.reasons)).to.equal(undefined);
  });
});
