import type { Database } from '../storage/database.js';
import { findReviewTabPath } from '../storage/review-repo.js';

/** The page to return to after acting on a review or comment (the product's reviews tab), or home. */
export async function tabPathFor(db: Database, target: { kind: 'review' | 'comment'; id: string }): Promise<string> {
  return (await findReviewTabPath(db, target)) ?? '/';
}
