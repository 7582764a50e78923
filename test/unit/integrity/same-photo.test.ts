import { expect } from 'chai';
import { assess } from '../../../server/integrity/assess.js';
import { defaultPolicy } from '../../../server/integrity/policy.js';
import { samePhotoSignals } from '../../../server/integrity/signals/same-photo.js';
import type { AssessmentContext, PhotoFacts, Submission } from '../../../server/integrity/types.js';
import { world } from '../../helpers/in-memory-context.js';

const PHOTO = '9c3a5e71d20f48b6';
const NEAR = '9c3a5e71d20f48b7'; // one bit apart: the same picture re-encoded
const OTHER = '61c5a18e2df0b749';

/** Two accounts on different networks; the second posts after the first. Photos are added to its check's context. */
function scene(rating: number, bodies: [string, string]) {
  const r = world()
    .merchant()
    .product('p1')
    .account('first', { ip: '81.2.10.10' })
    .account('second', { ip: '92.40.7.7' })
    .review('r1', 'first', 'p1', -2, { rating, body: bodies[0] })
    .review('r2', 'second', 'p1', 0, { rating, body: bodies[1] })
    .run();
  const second = r.review('r2')!;
  const withPhotos = (photos: PhotoFacts): { submission: Submission; context: AssessmentContext } => ({
    submission: second.submission,
    context: { ...r.contextFor(second.submission), photos },
  });
  return { withPhotos, first: r.review('r1')! };
}

const other = (hash: string, reviewId = 'r1', accountId = 'first') => ({
  hash,
  reviewId,
  accountId,
  productId: 'p1',
  status: 'published' as const,
  at: new Date('2026-01-01T00:00:00Z'),
});

const DIFFERENT: [string, string] = [
  'The tent kept us dry during two nights of heavy rain on the coast path.',
  'Took ten minutes to pitch alone and the vestibule fits two rucksacks easily.',
];
const SAME: [string, string] = [
  'Pitched this tent in five minutes, stayed bone dry through the storm, and the poles feel very solid.',
  'Pitched this tent in five minutes, stayed bone dry through the storm, and the poles feel really solid.',
];

describe('same photo across accounts', () => {
  it('when a photo matches one posted by another account within the policy distance, then same-photo names that review and account', () => {
    const { withPhotos } = scene(5, DIFFERENT);
    const { submission, context } = withPhotos({ hashes: [OTHER, NEAR], others: [other(PHOTO)] });
    const signals = samePhotoSignals(submission, context, defaultPolicy);
    expect(signals.map((s) => s.label)).to.deep.equal(['sockpuppet', 'paid']);
    const signal = signals[0];
    expect(signal!.signal).to.equal('same-photo');
    expect(signal!.family).to.equal('identity');
    expect(signal!.evidence).to.deep.include({ reviews: ['r1'], accounts: ['first'], photos: [2], closestDistance: 1 });
    expect(signal!.weight).to.equal(Math.round(defaultPolicy.photos!.nearStrength * defaultPolicy.photos!.weight * 1000) / 1000);
  });

  it('when the hashes are further apart than policy.photos.maxDistance, or the match is the author’s own, then there is no signal', () => {
    const { withPhotos } = scene(5, DIFFERENT);
    const far = '9c3a5e71d20f4849'; // 4 bits from PHOTO
    const a = withPhotos({ hashes: [far], others: [other(PHOTO)] });
    expect(samePhotoSignals(a.submission, a.context, defaultPolicy)).to.deep.equal([]);
    const b = withPhotos({ hashes: [PHOTO], others: [other(PHOTO, 'r0', 'second')] });
    expect(samePhotoSignals(b.submission, b.context, defaultPolicy)).to.deep.equal([]);
  });

  it('when a photo has almost no detail (a plain colour hashes to all zeros), then it is not compared', () => {
    const { withPhotos } = scene(5, DIFFERENT);
    const flat = withPhotos({ hashes: ['0000000000000000'], others: [other('0000000000000000')] });
    expect(samePhotoSignals(flat.submission, flat.context, defaultPolicy)).to.deep.equal([]);
  });

  it('when more accounts carried the photo, then the signal is stronger', () => {
    const { withPhotos } = scene(5, DIFFERENT);
    const one = withPhotos({ hashes: [PHOTO], others: [other(PHOTO)] });
    const three = withPhotos({ hashes: [PHOTO], others: [other(PHOTO), other(PHOTO, 'rx', 'x'), other(PHOTO, 'ry', 'y')] });
    const w1 = samePhotoSignals(one.submission, one.context, defaultPolicy)[0]!.weight;
    const w3 = samePhotoSignals(three.submission, three.context, defaultPolicy)[0]!.weight;
    expect(w3).to.be.greaterThan(w1);
  });

  for (const rating of [1, 5]) {
    it(`when only the photo is shared (${rating}★), then the review is published with the evidence: a shared photo alone never holds`, () => {
      const { withPhotos } = scene(rating, DIFFERENT);
      const { submission, context } = withPhotos({ hashes: [PHOTO], others: [other(PHOTO)] });
      const verdict = assess(submission, context, defaultPolicy);
      expect(verdict.decision).to.equal('published');
      expect(verdict.reasons.map((r) => r.signal)).to.include('same-photo');
    });

    it(`when the photo and nearly the same text are shared (${rating}★), then the photo is the linkage and the review is held as coordinated`, () => {
      const { withPhotos } = scene(rating, SAME);
      const without = withPhotos({ hashes: [], others: [] });
      expect(assess(without.submission, without.context, defaultPolicy).decision, 'text alone').to.equal('published');
      const { submission, context } = withPhotos({ hashes: [PHOTO], others: [other(PHOTO)] });
      const verdict = assess(submission, context, defaultPolicy);
      expect(verdict.decision).to.equal('held');
      expect(verdict.labels).to.include('paid');
    });
  }

  it('when the author posts their own photo again with a review of another product, then photo-reused is duplicate evidence below the hold line', () => {
    const { withPhotos } = scene(4, DIFFERENT);
    const own = { ...other(PHOTO, 'r0', 'second'), productId: 'p2' };
    const { submission, context } = withPhotos({ hashes: [PHOTO], others: [own] });
    const signals = samePhotoSignals(submission, context, defaultPolicy);
    expect(signals.map((s) => [s.signal, s.label, s.weight])).to.deep.equal([['photo-reused', 'duplicate', defaultPolicy.photos!.reuseWeight]]);
    expect(signals[0]!.evidence).to.deep.include({ reviews: ['r0'], products: ['p2'] });
    const verdict = assess(submission, context, defaultPolicy);
    expect(verdict.decision).to.equal('published');
    expect(verdict.labels).to.not.include('duplicate');
  });

  it('when the author’s own photo is on another review of the same product, then photo-reused stays silent (the one-review rule and repeated text judge that)', () => {
    const { withPhotos } = scene(4, DIFFERENT);
    const { submission, context } = withPhotos({ hashes: [PHOTO], others: [other(PHOTO, 'r0', 'second')] });
    expect(samePhotoSignals(submission, context, defaultPolicy)).to.deep.equal([]);
  });
});
