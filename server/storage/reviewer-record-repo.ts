import type { Label } from '../integrity/types.js';
import type { Queryable } from './database.js';

/**
 * A reviewer's public track record, from published reviews only: held, pending, rejected and removed reviews
 * neither count nor show. Helpful votes are the reviews' counted votes (linked accounts and the merchant's own
 * staff never count, see helpful-vote.ts). Deleted accounts ("a former customer") have no record.
 */
export interface ReviewerRecordRow {
  accountId: string;
  displayName: string;
  memberSince: Date;
  publishedReviews: number;
  verifiedReviews: number;
  helpfulVotes: number;
}

interface RecordSqlRow {
  id: string;
  display_name: string;
  created_at: Date;
  published: number;
  verified: number;
  helpful: number;
}

const toRecord = (row: RecordSqlRow): ReviewerRecordRow => ({
  accountId: row.id,
  displayName: row.display_name,
  memberSince: new Date(row.created_at),
  publishedReviews: row.published,
  verifiedReviews: row.verified,
  helpfulVotes: row.helpful,
});

/** One query for every reviewer on a page (an index range per account on reviews_account_created). */
export async function reviewerRecords(db: Queryable, accountIds: readonly string[]): Promise<ReviewerRecordRow[]> {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return [];
  const rows = (
    await db.query<RecordSqlRow>(
      `SELECT a.id, a.display_name, a.created_at,
              count(r.id)::int AS published, count(r.order_id)::int AS verified, coalesce(sum(r.helpful_count), 0)::int AS helpful
       FROM accounts a LEFT JOIN reviews r ON r.account_id = a.id AND r.status = 'published'
       WHERE a.id = ANY($1::text[]) AND a.deleted_at IS NULL
       GROUP BY a.id, a.display_name, a.created_at`,
      [ids],
    )
  ).rows;
  return rows.map(toRecord);
}

export interface ReviewerReviewRow {
  id: string;
  productName: string;
  productSlug: string;
  merchantName: string;
  rating: number;
  title: string;
  body: string;
  labels: Label[];
  verified: boolean;
  incentiveKind: string | null;
  helpfulCount: number;
  createdAt: Date;
}

/** A page of the reviewer's published reviews, newest first. */
export async function listReviewerReviews(db: Queryable, accountId: string, limit: number, offset: number): Promise<ReviewerReviewRow[]> {
  const rows = (
    await db.query<{
      id: string;
      product_name: string;
      product_slug: string;
      merchant_name: string;
      rating: number;
      title: string;
      body: string;
      labels: Label[];
      verified: boolean;
      incentive_kind: string | null;
      helpful_count: number;
      created_at: Date;
    }>(
      `SELECT r.id, p.name AS product_name, p.slug AS product_slug, m.name AS merchant_name, r.rating, r.title, r.body, r.labels,
              (r.order_id IS NOT NULL) AS verified, r.incentive_kind, r.helpful_count, r.created_at
       FROM reviews r JOIN products p ON p.id = r.product_id JOIN merchants m ON m.id = r.merchant_id
       WHERE r.account_id = $1 AND r.status = 'published'
       ORDER BY r.created_at DESC, r.id LIMIT $2 OFFSET $3`,
      [accountId, limit, offset],
    )
  ).rows;
  return rows.map((row) => ({
    id: row.id,
    productName: row.product_name,
    productSlug: row.product_slug,
    merchantName: row.merchant_name,
    rating: row.rating,
    title: row.title,
    body: row.body,
    labels: row.labels,
    verified: row.verified,
    incentiveKind: row.incentive_kind,
    helpfulCount: row.helpful_count,
    createdAt: new Date(row.created_at),
  }));
}
