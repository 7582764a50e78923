import { explainReasons } from '../integrity/explain.js';
import { authorOutcomes } from '../moderation/appeals.js';
import type { Database } from '../storage/database.js';
import { latestVerdicts } from '../storage/review-repo.js';
import { listOwnReviews } from '../storage/reviews-tab-repo.js';

/** An author's reviews with their state, and for anything not published, the reasons in plain words. */
export async function listOwnReviewsWithReasons(db: Database, accountId: string) {
  const reviews = await listOwnReviews(db, accountId);
  const verdicts = await latestVerdicts(
    db,
    'review',
    reviews.filter((r) => r.status !== 'published').map((r) => r.id),
  );
  const outcomes = await authorOutcomes(db, accountId, reviews);
  return reviews.map((r) => ({
    ...r,
    reasons: r.status === 'published' ? [] : explainReasons(verdicts.get(r.id)?.reasons ?? []),
    moderation: outcomes.get(r.id)!,
  }));
}
