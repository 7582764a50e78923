import type { Label, ReviewState } from '../integrity/types.js';
import type { Queryable } from './database.js';

// 'relevant' is built per query from the weights the use case passes (see relevanceOrder below).
export const SORTS = {
  relevant: '',
  newest: 'r.created_at DESC, r.id',
  helpful: 'r.helpful_count DESC, r.created_at DESC, r.id',
  highest: 'r.rating DESC, r.created_at DESC, r.id',
  lowest: 'r.rating ASC, r.created_at DESC, r.id',
} as const;
export type SortKey = keyof typeof SORTS;

export interface RatingSummary {
  count: number;
  average: number | null;
  /** index 0 = 1 star … index 4 = 5 stars */
  histogram: [number, number, number, number, number];
  verifiedCount: number;
}

export async function ratingSummary(db: Queryable, productId: string): Promise<RatingSummary> {
  const rows =
    // Counts kept by a trigger on reviews (migration 0601): one primary-key range instead of counting reviews.
    (
      await db.query<{ rating: number; n: number; verified: number }>(
        `SELECT rating, published AS n, verified FROM product_rating_counts WHERE product_id = $1`,
        [productId],
      )
    ).rows;
  const histogram: RatingSummary['histogram'] = [0, 0, 0, 0, 0];
  let sum = 0;
  let verifiedCount = 0;
  for (const row of rows) {
    histogram[row.rating - 1] = row.n;
    sum += row.rating * row.n;
    verifiedCount += row.verified;
  }
  const count = histogram.reduce((a, b) => a + b, 0);
  return { count, average: count ? sum / count : null, histogram, verifiedCount };
}

/** Published ratings across the whole catalogue: the prior of the Bayesian average (from the trigger-kept counts). */
export async function catalogueRatingTotals(db: Queryable): Promise<{ sum: number; count: number }> {
  const row = (
    await db.query<{ sum: number | string | null; count: number | string | null }>(
      `SELECT sum(rating * published)::int AS sum, sum(published)::int AS count FROM product_rating_counts`,
    )
  ).rows[0];
  return { sum: Number(row?.sum ?? 0), count: Number(row?.count ?? 0) };
}

export interface TabReviewRow {
  id: string;
  accountId: string;
  authorName: string;
  rating: number;
  title: string;
  body: string;
  status: ReviewState;
  labels: Label[];
  verified: boolean;
  incentiveKind: string | null;
  incentiveDisclosed: boolean;
  authorIsStaff: boolean;
  helpfulCount: number;
  votedByViewer: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** The merchant's public answer; resolvedAt only when the author confirmed the follow-up put things right. */
  reply: {
    body: string;
    merchantName: string;
    at: Date;
    makeGood: string | null;
    followUp: boolean;
    outcome: 'resolved' | 'not_resolved' | null;
    resolvedAt: Date | null;
  } | null;
  /**
   * With a search: the title and body with each match between HIGHLIGHT_START and HIGHLIGHT_END (control
   * characters stripped from the stored text first, so a review cannot forge a highlight). Still raw user text:
   * the view splits it into parts and escapes each.
   */
  titleHighlight: string | null;
  bodyHighlight: string | null;
}

export const HIGHLIGHT_START = '\u0001';
export const HIGHLIGHT_END = '\u0002';

export interface RelevanceSql {
  helpfulWeight: number;
  verifiedWeight: number;
  recencyWeight: number;
  recencyHalfLifeDays: number;
  lengthWeight: number;
  lengthCap: number;
  at: Date;
}

export interface TabQuery {
  productId: string;
  viewerId: string | null;
  sort: SortKey;
  stars: number | null;
  verifiedOnly: boolean;
  page: number;
  pageSize: number;
  /** Words to search for in the title and body (PostgreSQL full-text search, English stemming); null for none. */
  search: string | null;
  relevance: RelevanceSql;
}

const SEARCH_DOC = `to_tsvector('english', r.title || ' ' || r.body)`;
const HIGHLIGHT_OPTIONS = `'HighlightAll=true, StartSel=' || chr(1) || ', StopSel=' || chr(2)`;

/** Published reviews, plus the viewer's own review whatever its state: held content is shown only to its author. */
export async function listTabReviews(db: Queryable, q: TabQuery): Promise<{ rows: TabReviewRow[]; total: number }> {
  const where = [`r.product_id = $1`, `(r.status = 'published' OR (r.account_id = $2 AND r.status IN ('pending', 'held', 'rejected')))`];
  const params: unknown[] = [q.productId, q.viewerId ?? ''];
  if (q.stars) {
    params.push(q.stars);
    where.push(`r.rating = $${params.length}`);
  }
  if (q.verifiedOnly) where.push('r.order_id IS NOT NULL');
  let searchParam = 0;
  if (q.search) {
    params.push(q.search);
    searchParam = params.length;
    where.push(`${SEARCH_DOC} @@ websearch_to_tsquery('english', $${searchParam})`);
  }
  const whereSql = where.join(' AND ');
  const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM reviews r WHERE ${whereSql}`, params)).rows[0]!.n;
  let order: string = SORTS[q.sort];
  if (q.sort === 'relevant') {
    const w = q.relevance;
    params.push(w.helpfulWeight, w.verifiedWeight, w.recencyWeight, w.recencyHalfLifeDays, w.lengthWeight, w.lengthCap, w.at);
    const p = (i: number) => `$${params.length - 6 + i}`;
    // The same formula as relevanceScore() in server/reviews/review-relevance.ts; a test checks they agree.
    order = `(${p(0)}::float8 * ln(1 + r.helpful_count)
      + CASE WHEN r.order_id IS NOT NULL THEN ${p(1)}::float8 ELSE 0 END
      + ${p(2)}::float8 * power(0.5, greatest(0, extract(epoch FROM (${p(6)}::timestamptz - r.created_at)) / 86400) / ${p(3)}::float8)
      + ${p(4)}::float8 * least(length(r.body), ${p(5)}::int)::float8 / ${p(5)}::int) DESC, r.created_at DESC, r.id`;
  }
  const highlight = searchParam
    ? `ts_headline('english', translate(r.title, chr(1) || chr(2), ''), websearch_to_tsquery('english', $${searchParam}), ${HIGHLIGHT_OPTIONS}) AS title_highlight,
       ts_headline('english', translate(r.body, chr(1) || chr(2), ''), websearch_to_tsquery('english', $${searchParam}), ${HIGHLIGHT_OPTIONS}) AS body_highlight`
    : `NULL::text AS title_highlight, NULL::text AS body_highlight`;
  params.push(q.pageSize, (q.page - 1) * q.pageSize);
  const rows = (
    await db.query<{
      id: string;
      account_id: string;
      author_name: string;
      rating: number;
      title: string;
      body: string;
      status: ReviewState;
      labels: Label[];
      verified: boolean;
      incentive_kind: string | null;
      incentive_disclosed: boolean;
      author_is_staff: boolean;
      helpful_count: number;
      voted: boolean;
      created_at: Date;
      updated_at: Date;
      reply_body: string | null;
      reply_at: Date | null;
      merchant_name: string;
      follow_up: boolean;
      make_good: string | null;
      outcome: 'resolved' | 'not_resolved' | null;
      answered_at: Date | null;
      title_highlight: string | null;
      body_highlight: string | null;
    }>(
      `SELECT r.id, r.account_id, a.display_name AS author_name, r.rating, r.title, r.body, r.status, r.labels,
         (r.order_id IS NOT NULL) AS verified, r.incentive_kind, r.incentive_disclosed,
         EXISTS (SELECT 1 FROM merchant_staff s WHERE s.account_id = r.account_id AND s.merchant_id = r.merchant_id) AS author_is_staff,
         r.helpful_count,
         EXISTS (SELECT 1 FROM helpful_votes v WHERE v.review_id = r.id AND v.account_id = $2) AS voted,
         r.created_at, r.updated_at, mr.body AS reply_body, mr.updated_at AS reply_at, m.name AS merchant_name,
         (f.review_id IS NOT NULL) AS follow_up, f.make_good, f.outcome, f.answered_at,
         ${highlight}
       FROM reviews r JOIN accounts a ON a.id = r.account_id JOIN merchants m ON m.id = r.merchant_id
       LEFT JOIN merchant_replies mr ON mr.review_id = r.id
       LEFT JOIN review_follow_ups f ON f.review_id = r.id
       WHERE ${whereSql}
       ORDER BY (r.account_id = $2 AND r.status <> 'published') DESC, ${order}
       LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )
  ).rows;
  return {
    total,
    rows: rows.map((row) => ({
      id: row.id,
      accountId: row.account_id,
      authorName: row.author_name,
      rating: row.rating,
      title: row.title,
      body: row.body,
      status: row.status,
      labels: row.labels,
      verified: row.verified,
      incentiveKind: row.incentive_kind,
      incentiveDisclosed: row.incentive_disclosed,
      authorIsStaff: row.author_is_staff,
      helpfulCount: row.helpful_count,
      votedByViewer: row.voted,
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
      reply: row.reply_body
        ? {
            body: row.reply_body,
            merchantName: row.merchant_name,
            at: new Date(row.reply_at!),
            makeGood: row.make_good,
            followUp: row.follow_up,
            outcome: row.outcome,
            resolvedAt: row.outcome === 'resolved' && row.answered_at ? new Date(row.answered_at) : null,
          }
        : null,
      titleHighlight: row.title_highlight,
      bodyHighlight: row.body_highlight,
    })),
  };
}

export interface TabCommentRow {
  id: string;
  reviewId: string;
  parentId: string | null;
  accountId: string;
  authorName: string;
  body: string;
  status: ReviewState;
  createdAt: Date;
}

export async function listTabComments(db: Queryable, reviewIds: string[], viewerId: string | null): Promise<TabCommentRow[]> {
  if (reviewIds.length === 0) return [];
  const rows = (
    await db.query<{
      id: string;
      review_id: string;
      parent_id: string | null;
      account_id: string;
      author_name: string;
      body: string;
      status: ReviewState;
      created_at: Date;
    }>(
      `SELECT c.id, c.review_id, c.parent_id, c.account_id, a.display_name AS author_name, c.body, c.status, c.created_at
       FROM comments c JOIN accounts a ON a.id = c.account_id
       WHERE c.review_id = ANY($1::text[]) AND (c.status = 'published' OR (c.account_id = $2 AND c.status IN ('pending', 'held')))
       ORDER BY c.created_at`,
      [reviewIds, viewerId ?? ''],
    )
  ).rows;
  return rows.map((row) => ({
    id: row.id,
    reviewId: row.review_id,
    parentId: row.parent_id,
    accountId: row.account_id,
    authorName: row.author_name,
    body: row.body,
    status: row.status,
    createdAt: new Date(row.created_at),
  }));
}

export interface OwnReviewRow {
  id: string;
  productName: string;
  productSlug: string;
  rating: number;
  title: string;
  status: ReviewState;
  labels: Label[];
  createdAt: Date;
}

export async function listOwnReviews(db: Queryable, accountId: string): Promise<OwnReviewRow[]> {
  const rows = (
    await db.query<{
      id: string;
      product_name: string;
      product_slug: string;
      rating: number;
      title: string;
      status: ReviewState;
      labels: Label[];
      created_at: Date;
    }>(
      `SELECT r.id, p.name AS product_name, p.slug AS product_slug, r.rating, r.title, r.status, r.labels, r.created_at
       FROM reviews r JOIN products p ON p.id = r.product_id WHERE r.account_id = $1 ORDER BY r.created_at DESC LIMIT 200`,
      [accountId],
    )
  ).rows;
  return rows.map((row) => ({
    id: row.id,
    productName: row.product_name,
    productSlug: row.product_slug,
    rating: row.rating,
    title: row.title,
    status: row.status,
    labels: row.labels,
    createdAt: new Date(row.created_at),
  }));
}
