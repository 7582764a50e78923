// Evidence from review photos, compared by perceptual hash (the same picture re-encoded or resized at most: within
// policy.photos.maxDistance bits). People photograph their own purchase, so:
// - 'same-photo': a photo another account already posted with a review. One picture under two accounts' reviews
//   means one person, or one source handing out pictures. Like a shared device it is linkage
//   (policy.corroboration.linkageSignals), so it needs a second kind of evidence before it can hold a review.
// - 'photo-reused': a photo the author already posted with their review of another product, which cannot show
//   both. Duplicate evidence below the hold line alone: it adds to repeated text, it does not replace it.
import type { AssessmentContext, PhotoFacts, SignalResult, Submission } from '../types.js';
import type { PhotoPolicy, Policy } from '../policy.js';
import { HASH_BITS, hammingDistance, setBits } from '../photo-hash.js';
import { clamp01, round } from './signal-result.js';

interface PhotoMatch {
  reviewId: string;
  accountId: string;
  productId: string;
  distance: number;
  /** Which of the submission's photos (1-based). */
  photo: number;
}

/** Other reviews' photos within maxDistance of one of the submission's detailed photos, closest first per review photo. */
function matchesOf(submission: Submission, photos: PhotoFacts, p: PhotoPolicy): PhotoMatch[] {
  const detailed = photos.hashes.filter((hash) => {
    const ones = setBits(hash);
    return ones >= p.minDetailBits && HASH_BITS - ones >= p.minDetailBits;
  });
  const matches: PhotoMatch[] = [];
  for (const other of photos.others) {
    if (other.reviewId === submission.id || other.status === 'pending') continue;
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
  return matches;
}

function evidenceOf(matches: PhotoMatch[], p: PhotoPolicy) {
  return {
    reviews: [...new Set(matches.map((m) => m.reviewId))],
    accounts: [...new Set(matches.map((m) => m.accountId))],
    products: [...new Set(matches.map((m) => m.productId))],
    photos: [...new Set(matches.map((m) => m.photo))],
    closestDistance: Math.min(...matches.map((m) => m.distance)),
    maxDistance: p.maxDistance,
  };
}

export function samePhotoSignals(submission: Submission, context: AssessmentContext, policy: Policy): SignalResult[] {
  const p = policy.photos;
  const photos = context.photos;
  if (!p || !photos || submission.kind !== 'review' || photos.hashes.length === 0) return [];
  const all = matchesOf(submission, photos, p);
  const out: SignalResult[] = [];

  const others = all.filter((m) => m.accountId !== submission.accountId);
  if (others.length > 0) {
    const evidence = evidenceOf(others, p);
    const accounts = evidence.accounts.length;
    const strength = clamp01((evidence.closestDistance === 0 ? p.exactStrength : p.nearStrength) + p.perExtraAccount * (accounts - 1));
    const summary =
      accounts === 1
        ? `A photo in this review was already posted with a review by another account${evidence.closestDistance === 0 ? '' : ' (resized or re-encoded)'}.`
        : `A photo in this review was already posted with reviews by ${accounts} other accounts.`;
    const weight = round(strength * p.weight);
    // One person behind both accounts, or one source handing pictures to many: like a creation batch, the photo argues
    // for both coordination labels, and the other families (shared wording, timing) decide which, if any, holds.
    for (const label of ['sockpuppet', 'paid'] as const) out.push({ signal: 'same-photo', family: 'identity', label, weight, summary, evidence });
  }

  // The author's own photo again, with a review of another product (a second review of the same product is judged
  // by the one-review rule and the repeated-text check).
  const reused = all.filter((m) => m.accountId === submission.accountId && m.productId !== submission.productId);
  if (reused.length > 0) {
    out.push({
      signal: 'photo-reused',
      family: 'text',
      label: 'duplicate',
      weight: round(p.reuseWeight),
      summary: 'This account already posted a photo in this review with its review of another product.',
      evidence: evidenceOf(reused, p),
    });
  }
  return out;
}
