/**
 * "Most relevant": the order a shopper who wants useful advice would pick. Each published review scores
 *
 *   helpful × ln(1 + helpful votes) + verified × (1 if a verified purchase) + recency × 0.5^(age in days ÷ half-life)
 *   + length × min(characters, lengthCap) ÷ lengthCap
 *
 * and the highest score comes first (newest first on a tie). The star rating is never part of it, and neither is
 * anything a merchant can pay for or set (incentives, replies, staff status). Every constant lives here; the
 * /how-we-check page prints them from this module.
 */
export const RELEVANCE = {
  helpfulWeight: 1,
  verifiedWeight: 0.5,
  recencyWeight: 1,
  recencyHalfLifeDays: 90,
  lengthWeight: 0.5,
  lengthCap: 600,
} as const;

export type RelevanceWeights = typeof RELEVANCE;

/** The same score in TypeScript, for explaining a position and for tests that check the SQL agrees. */
export function relevanceScore(
  review: { helpfulCount: number; verified: boolean; createdAt: Date; bodyLength: number },
  at: Date,
  w: RelevanceWeights = RELEVANCE,
): number {
  const ageDays = Math.max(0, (at.getTime() - review.createdAt.getTime()) / 86_400_000);
  return (
    w.helpfulWeight * Math.log(1 + review.helpfulCount) +
    (review.verified ? w.verifiedWeight : 0) +
    w.recencyWeight * 0.5 ** (ageDays / w.recencyHalfLifeDays) +
    (w.lengthWeight * Math.min(review.bodyLength, w.lengthCap)) / w.lengthCap
  );
}
