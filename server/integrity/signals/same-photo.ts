// Identity evidence from review photos: this review carries a photo that a review by another account already carried
// (the same picture, re-encoded or resized at most: a perceptual hash within policy.photos.maxDistance bits). People
// photograph their own purchase; one picture under two accounts' reviews means one person, or one source handing out
// pictures. Like a shared device it is linkage (policy.corroboration.linkageSignals), so it needs a second kind of
// evidence before it can hold a review.
import type { AssessmentContext, SignalResult, Submission } from '../types.js';
import type { Policy } from '../policy.js';
import { HASH_BITS, hammingDistance, setBits } from '../photo-hash.js';
import { clamp01, round } from './signal-result.js';

export function samePhotoSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  const p = policy.photos;
  const photos = context.photos;
  if (!p || !photos || submission.kind !== 'review' || photos.hashes.length === 0) return [];
  const detailed = photos.hashes.filter((hash) => {
    const ones = setBits(hash);
    return ones >= p.minDetailBits && HASH_BITS - ones >= p.minDetailBits;
  });
  if (detailed.length === 0) return [];
  const matches: { reviewId: string; accountId: string; productId: string; distance: number; photo: number }[] = [];
  for (const other of photos.others) {
    if (other.accountId === submission.accountId || other.reviewId === submission.id || other.status === 'pending') continue;
    let distance = Number.POSITIVE_INFINITY;
    let photo = 0;
    for (const hash of detailed) {
      const d = hammingDistance(hash, other.hash);
      if (d < distance) {
        distance = d;
        photo = photos.hashes.indexOf(hash) + 1;
      }
    }
    if (distance <= p.maxDistance) matches.push({ reviewId: other.reviewId, accountId: other.accountId, productId: other.productId, distance, photo });
  }
  if (matches.length === 0) return [];
  const accounts = [...new Set(matches.map((m) => m.accountId))];
  const closest = Math.min(...matches.map((m) => m.distance));
  const strength = clamp01((closest === 0 ? p.exactStrength : p.nearStrength) + p.perExtraAccount * (accounts.length - 1));
  const summary =
    accounts.length === 1
      ? `A photo in this review was already posted with a review by another account${closest === 0 ? '' : ' (resized or re-encoded)'}.`
      : `A photo in this review was already posted with reviews by ${accounts.length} other accounts.`;
  const evidence = {
    reviews: [...new Set(matches.map((m) => m.reviewId))],
    accounts,
    products: [...new Set(matches.map((m) => m.productId))],
    photos: [...new Set(matches.map((m) => m.photo))],
    closestDistance: closest,
    maxDistance: p.maxDistance,
  };
  const weight = round(strength * p.weight);
  // One person behind both accounts, or one source handing pictures to many: like a creation batch, the photo argues
  // for both coordination labels, and the other families (shared wording, timing) decide which, if any, holds.
  return (['sockpuppet', 'paid'] as const).map((label) => ({ signal: 'same-photo', family: 'identity', label, weight, summary, evidence }));
}
