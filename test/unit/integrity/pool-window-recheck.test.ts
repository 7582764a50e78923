import { expect } from 'chai';
import { assess } from '../../../server/integrity/assess.js';
import { defaultPolicy, describeChecks, type Policy } from '../../../server/integrity/policy.js';
import { DAY_MS } from '../../../server/integrity/signals/signal-result.js';
import { regularsOfTwoShops, slowTwoClientFarm } from '../../helpers/pool-campaign-scene.js';

// The reviewer-pool test reads the product's reviewers within ± graph.poolProductDays; a check at posting time sees only
// the accounts that came before. A review whose pool test was possible (its author reviewed another product within
// campaignDays) asks to be checked again when that window has closed (Verdict.recheckAt), and is then judged by the same
// function with everything known.
const POOL_DAYS = defaultPolicy.graph.poolProductDays!;
const noPoolRecheck: Policy = { ...defaultPolicy, graph: { ...defaultPolicy.graph, recheckPoolAtWindowClose: false } };
const poolOf = (reasons: { signal: string }[]) => reasons.find((x) => x.signal === 'cross-merchant-pool');
const FARM = [...Array(8).keys()].flatMap((i) => [`farm${i}-a`, `farm${i}-b`]);

describe('re-check when the reviewer-pool window closes', () => {
  for (const rating of [1, 5]) {
    it(`when a farm's eight accounts review two clients' products one every three days (${rating}★), then each check asks for a re-check ${POOL_DAYS} days on and, after the re-checks, the middle of the farm is held as paid on pool evidence`, () => {
      const r = slowTwoClientFarm(rating).run();
      const s = r.review('farm3-b')!.submission;
      const own = assess(s, r.contextFor(s), defaultPolicy, s.at);
      expect(own.recheckAt?.getTime()).to.equal(s.at.getTime() + POOL_DAYS * DAY_MS);
      const held = FARM.filter((id) => r.review(id)!.verdict.decision === 'held');
      expect(held.length, held.join()).to.be.at.least(10);
      for (const id of held) {
        const v = r.review(id)!.verdict;
        expect(v.labels, id).to.include('paid');
        expect(poolOf(v.reasons), id).to.not.equal(undefined);
      }
    });

    it(`when the same farm is judged without re-checks at window close (${rating}★), then every review stays published: no check at posting time sees enough of it`, () => {
      const r = slowTwoClientFarm(rating).run(noPoolRecheck);
      for (const id of FARM) expect(r.review(id)!.verdict.decision, id).to.equal('published');
    });
  }

  it('when nothing is posted after the farm (its windows have not closed for the replay), then nothing is re-checked and the farm stays published', () => {
    const r = slowTwoClientFarm(5, { laterPostDay: null }).run();
    for (const id of FARM) expect(r.review(id)!.verdict.decision, id).to.equal('published');
  });

  it('when the farm is posted at 1★ and at 5★, then every review gets the same verdict after the re-checks', () => {
    const one = slowTwoClientFarm(1).run();
    const five = slowTwoClientFarm(5).run();
    for (const id of FARM) {
      const a = one.review(id)!.verdict;
      const b = five.review(id)!.verdict;
      expect([a.decision, a.labels, a.score], id).to.deep.equal([b.decision, b.labels, b.score]);
    }
  });

  it('when the author reviewed nothing else within the campaign days, or the check is made after the pool window, then no pool re-check is asked for', () => {
    const r = slowTwoClientFarm(5).run();
    const s = r.review('farm3-b')!.submission;
    const ctx = r.contextFor(s);
    expect(assess(s, ctx, defaultPolicy, new Date(s.at.getTime() + POOL_DAYS * DAY_MS)).recheckAt ?? null).to.equal(null);
    const alone = { ...ctx, accountReviews: ctx.accountReviews.filter((x) => x.productId === s.productId) };
    expect(assess(s, alone, defaultPolicy, s.at).recheckAt ?? null).to.equal(null);
  });

  for (const rating of [1, 5]) {
    it(`when regulars of two shops bought one's launch and review the other's product over three weeks (${rating}★), then after every re-check all of them are still published`, () => {
      const w = regularsOfTwoShops(rating);
      w.account('later').review('later-x', 'later', 'bg-p1', 60, { body: 'A later review, weeks after, about something else entirely.' });
      const r = w.run();
      const ids = ['bbuyer0-a', 'bbuyer7-a', 'bbuyer14-a', 'bbuyer0-b', 'bbuyer7-b', 'bbuyer14-b', ...[...Array(9).keys()].map((i) => `acust${i + 3}-a`)];
      // The regulars' reviews asked for re-checks (each reviewed the other shop's product within the campaign days).
      const asked = ['bbuyer7-a', 'bbuyer14-a'].filter((id) => {
        const s = r.review(id)!.submission;
        return assess(s, r.contextFor(s), defaultPolicy, s.at).recheckAt !== null;
      });
      expect(asked).to.have.length(2);
      for (const id of ids) expect(r.review(id)!.verdict.decision, `${id}: ${JSON.stringify(r.review(id)!.verdict.reasons)}`).to.equal('published');
    });
  }

  it('/how-we-check says when a pool is checked again, with the policy’s days', () => {
    const text = describeChecks(defaultPolicy).find((c) => c.title === 'Groups of accounts reviewing the same products')!.plainWords;
    expect(text).to.contain(`checked again ${POOL_DAYS} days after it was posted`);
    expect(text).to.contain(`within ${defaultPolicy.graph.campaignDays} days`);
    const without = describeChecks(noPoolRecheck).find((c) => c.title === 'Groups of accounts reviewing the same products')!.plainWords;
    expect(without).to.not.contain('checked again');
  });
});
