import { notFound } from '../domain-errors.js';
import type { Queryable } from '../storage/database.js';
import { listReviewerReviews, reviewerRecords, type ReviewerRecordRow, type ReviewerReviewRow } from '../storage/reviewer-record-repo.js';

/**
 * Why a shopper might trust a reviewer, in figures nobody can buy: how long they have been a member, how many
 * reviews they have published, how many of those are verified purchases, and how many helpful votes other
 * shoppers gave them. Published reviews only; nothing a merchant pays for, sets or rates enters a figure (staff
 * cannot vote, linked accounts' votes are not counted). A deleted account has no record and no profile.
 */
export interface ReviewerRecord {
  accountId: string;
  displayName: string;
  memberSince: Date;
  publishedReviews: number;
  verifiedReviews: number;
  /** verifiedReviews / publishedReviews; 0 with no published review. */
  verifiedShare: number;
  helpfulVotes: number;
}

export const PROFILE_PAGE_SIZE = 10;

const MESSAGES = { reviewer: 'The reviewer' };

function recordOf(row: ReviewerRecordRow): ReviewerRecord {
  return { ...row, verifiedShare: row.publishedReviews ? row.verifiedReviews / row.publishedReviews : 0 };
}

/** The records of every reviewer on a page, in one query whatever the number of reviews. */
export async function loadReviewerRecords(db: Queryable, accountIds: readonly string[]): Promise<Map<string, ReviewerRecord>> {
  const rows = await reviewerRecords(db, accountIds);
  return new Map(rows.map((row) => [row.accountId, recordOf(row)]));
}

export interface ReviewerProfile {
  record: ReviewerRecord;
  reviews: ReviewerReviewRow[];
  page: number;
  pageCount: number;
}

/**
 * The public profile: the record and the published reviews, newest first. Not found for an unknown or deleted
 * account and for one with nothing published, so a profile never exists for someone who has shown nothing in public.
 */
export async function loadReviewerProfile(db: Queryable, input: { accountId: string; page: number }): Promise<ReviewerProfile> {
  const record = (await loadReviewerRecords(db, [input.accountId])).get(input.accountId);
  if (!record || record.publishedReviews === 0) throw notFound(MESSAGES.reviewer);
  const pageCount = Math.max(1, Math.ceil(record.publishedReviews / PROFILE_PAGE_SIZE));
  const page = Math.min(input.page, pageCount);
  const reviews = await listReviewerReviews(db, input.accountId, PROFILE_PAGE_SIZE, (page - 1) * PROFILE_PAGE_SIZE);
  return { record, reviews, page, pageCount };
}
