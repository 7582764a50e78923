import { expect } from 'chai';
import { defaultPolicy, type Policy } from '../../../server/integrity/policy.js';
import { regularsOfTwoShops, twoClientCampaign } from '../../helpers/pool-campaign-scene.js';

// The reviewer-pool test also tests the product's reviewers within ± graph.poolProductDays (wider than the ± 7 days
// the other checks read): a farm that spends two or three weeks on one client's product meets its other client's
// product through accounts outside those 7 days. The narrow test runs as before; the wide one pays log10 2 and the more surprising is kept.

/** The policy before 2026.29: only the reviewers within ± productWindowDays (and linked accounts) are tested. */
const narrowOnly: Policy = { ...defaultPolicy, graph: { ...defaultPolicy.graph, poolProductDays: undefined, poolReviewersCap: undefined } };
const poolOf = (reasons: { signal: string; weight: number; evidence: Record<string, unknown> }[]) => reasons.find((x) => x.signal === 'cross-merchant-pool');

describe('reviewer pools over a wider window of the product’s reviewers', () => {
  for (const rating of [1, 5]) {
    it(`when eight accounts review one client's product within three days and another shop's product one every 2.5 days over 18 days (${rating}★), then the wider window tests all of them and the pool holds every one as paid`, () => {
      const r = twoClientCampaign(rating, { bLaunchBuyers: 20 }).run();
      const v = r.review('farm7-a')!.verdict;
      const pool = poolOf(v.reasons);
      expect(pool, JSON.stringify(v.reasons)).to.not.equal(undefined);
      expect(pool!.evidence.accountsTested as number).to.be.at.least(8);
      expect(pool!.evidence.reviewersWithinDays).to.equal(defaultPolicy.graph.poolProductDays);
      const [b] = pool!.evidence.pools as { product: string; observed: number; surpriseLog10: number }[];
      expect(b!.product).to.equal('client-b');
      expect(b!.observed).to.equal(7);
      expect(v.decision).to.equal('held');
      expect(v.labels).to.include('paid');
      for (let i = 0; i < 8; i++) expect(r.review(`farm${i}-a`)!.verdict.decision, `farm${i}-a`).to.equal('held');
    });

    it(`when the same campaign is judged on the reviewers within the product's 7-day window only (${rating}★), then too few of the accounts are tested and nothing is held`, () => {
      const r = twoClientCampaign(rating, { bLaunchBuyers: 20 }).run(narrowOnly);
      for (let i = 0; i < 8; i++) expect(r.review(`farm${i}-a`)!.verdict.decision, `farm${i}-a`).to.equal('published');
    });

    it(`when six accounts run the same campaign (${rating}★), then their five co-reviews are below the wider test's bar of 1 in 10,000 and nothing is held`, () => {
      const r = twoClientCampaign(rating, { accounts: 6, bLaunchBuyers: 20 }).run();
      for (let i = 0; i < 6; i++) expect(r.review(`farm${i}-a`)!.verdict.decision, `farm${i}-a`).to.equal('published');
      const lowerBar: Policy = { ...defaultPolicy, graph: { ...defaultPolicy.graph, poolWideMinSurpriseLog10: defaultPolicy.graph.minSurpriseLog10 } };
      const pool = poolOf(twoClientCampaign(rating, { accounts: 6, bLaunchBuyers: 20 }).run(lowerBar).review('farm5-a')!.verdict.reasons);
      expect(pool?.evidence.reviewersWithinDays, 'found by the wider test at the narrow bar').to.equal(defaultPolicy.graph.poolProductDays);
    });

    it(`when three regulars of two shops bought one's launch and review the other's product among twelve customers over three weeks (${rating}★), then the launch's popularity explains the overlap and every review is published`, () => {
      const r = regularsOfTwoShops(rating).run();
      for (const id of ['bbuyer0-a', 'bbuyer7-a', 'bbuyer14-a', ...[...Array(9).keys()].map((i) => `acust${i + 3}-a`)]) {
        const v = r.review(id)!.verdict;
        expect(v.decision, `${id}: ${JSON.stringify(v.reasons)}`).to.equal('published');
      }
    });
  }

  it('when the same campaign is posted at 1★ and at 5★, then every review gets the same pool evidence and the same verdict', () => {
    const one = twoClientCampaign(1, { bLaunchBuyers: 20 }).run();
    const five = twoClientCampaign(5, { bLaunchBuyers: 20 }).run();
    for (let i = 0; i < 8; i++) {
      const a = one.review(`farm${i}-a`)!.verdict;
      const b = five.review(`farm${i}-a`)!.verdict;
      expect(a.decision, `farm${i}-a`).to.equal(b.decision);
      expect(poolOf(a.reasons)?.evidence, `farm${i}-a`).to.deep.equal(poolOf(b.reasons)?.evidence);
    }
  });
});
