import { expect } from 'chai';
import { DRIP_PHRASE, dripScene } from '../../helpers/drip-scene.js';
import type { SignalResult } from '../../../server/integrity/types.js';

const find = (reasons: SignalResult[], name: string) => reasons.find((x) => x.signal === name);

describe('slow drip: the ring’s earlier texts come with the product history, and wording adds to identity beyond the line', () => {
  it('when the ring’s earlier reviews are weeks old and share no sentence, then their texts are still in the context (product history)', () => {
    const replay = dripScene().run();
    const s = replay.review('r3')!.submission;
    const context = replay.contextFor(s);
    // Not in the burst window, not linked (the build is common), no shared sentence key or band.
    const elsewhere = [
      ...context.textCandidates.map((r) => r.id),
      ...context.productRecentReviews.map((r) => r.id),
      ...context.linkedAccounts.flatMap((l) => l.reviews.map((r) => r.id)),
    ];
    expect(elsewhere).to.not.include.members(['r0']);
    const texts = Object.values(context.productHistory!.reviewers).flatMap((r) => r.reviews.filter((x) => x.text).map((x) => x.id));
    expect(texts).to.include.members(['r0', 'r1', 'r2']);
    // Only the accounts on the author's block with the author's build bring their texts (not the product's buyers).
    expect(texts.some((id) => id.startsWith('g'))).to.equal(false);
  });

  for (const rating of [1, 5]) {
    it(`when the block-and-build test is beyond the line and the ring shares a phrase the product’s reviews do not explain (${rating}★), then drip-shared-wording links them and the review is held`, () => {
      const v = dripScene({ rating }).run().review('r3')!.verdict;
      const drip = find(v.reasons, 'neighbourhood-drip');
      const wording = find(v.reasons, 'drip-shared-wording');
      expect(drip, JSON.stringify(v.reasons)).to.not.equal(undefined);
      expect(wording, JSON.stringify(v.reasons)).to.not.equal(undefined);
      const e = wording!.evidence as {
        phrase: string;
        accounts: string[];
        identityTailProbability: number;
        combinedTailProbability: number;
        againstChance: { observed: number; expected: number; tailProbability: number };
      };
      // Identity alone is already beyond the drip line; the wording is a second, independent test.
      expect(e.identityTailProbability).to.be.at.most(1e-4);
      expect(e.againstChance.tailProbability).to.be.at.most(0.01);
      expect(e.againstChance.expected).to.be.below(e.againstChance.observed);
      expect(e.combinedTailProbability).to.be.at.most(e.identityTailProbability);
      expect(e.phrase).to.include('swears by this one');
      expect(e.accounts.length).to.be.at.least(2);
      expect(['a0', 'a1', 'a2']).to.include.members(e.accounts);
      expect(v.decision).to.equal('held');
      expect(v.labels).to.include('sockpuppet');
    });
  }

  it('when a later member of the ring is held, then the earlier members are checked again with what is known now and held too', () => {
    const replay = dripScene().run();
    // The first review had no other reviewer to compare with when it was posted: only the re-check can hold it.
    expect(replay.reassessments).to.be.above(0);
    for (const id of ['r0', 'r1', 'r2']) {
      const v = replay.verdicts().find((x) => x.id === id)!;
      expect(v.decision, id).to.equal('held');
      expect(v.reasons.map((r) => r.signal)).to.include('drip-shared-wording');
    }
  });

  it('when the accounts on the block with the build write nothing alike (regional buyers), then the identity test alone does not hold the review', () => {
    const v = dripScene({ shared: null }).run().review('r3')!.verdict;
    expect(find(v.reasons, 'drip-shared-wording')).to.equal(undefined);
    expect(v.decision).to.equal('published');
  });

  it('when what they share is what every buyer of the product writes, then chance explains the wording and the review is published', () => {
    const v = dripScene({ buyersSay: `Honestly ${DRIP_PHRASE}.` })
      .run()
      .review('r3')!.verdict;
    expect(find(v.reasons, 'drip-shared-wording')).to.equal(undefined);
    expect(v.decision).to.equal('published');
  });
});
