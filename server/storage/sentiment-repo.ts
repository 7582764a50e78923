import type { Queryable } from './database.js';

/**
 * Counts behind CSAT and NPS, per calendar month (UTC) of the review, over every published verified review of the
 * merchant (there is no filter to pass: the merchant cannot choose which reviews count). `month` is null for the
 * all-time row.
 */
export interface SentimentCounts {
  month: string | null;
  verified: number;
  satisfied: number;
  promoters: number;
  passives: number;
  detractors: number;
}

const COUNTS = `count(*)::int AS verified,
  count(*) FILTER (WHERE r.rating >= 4)::int AS satisfied,
  count(*) FILTER (WHERE r.recommend_score >= 9)::int AS promoters,
  count(*) FILTER (WHERE r.recommend_score BETWEEN 7 AND 8)::int AS passives,
  count(*) FILTER (WHERE r.recommend_score <= 6)::int AS detractors`;

type CountsRow = { month: string | null; verified: number; satisfied: number; promoters: number; passives: number; detractors: number };

export async function sentimentCounts(db: Queryable, merchantId: string, since: Date): Promise<{ months: SentimentCounts[]; overall: SentimentCounts }> {
  const months = (
    await db.query<CountsRow>(
      `SELECT to_char(date_trunc('month', r.created_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month, ${COUNTS}
       FROM reviews r WHERE r.merchant_id = $1 AND r.status = 'published' AND r.order_id IS NOT NULL AND r.created_at >= $2
       GROUP BY 1 ORDER BY 1`,
      [merchantId, since],
    )
  ).rows;
  const overall = (
    await db.query<CountsRow>(
      `SELECT NULL::text AS month, ${COUNTS} FROM reviews r
       WHERE r.merchant_id = $1 AND r.status = 'published' AND r.order_id IS NOT NULL`,
      [merchantId],
    )
  ).rows[0]!;
  return { months, overall };
}

/**
 * Response and resolution times over every published 1–3★ review: hours from the review to the merchant's public
 * answer, and from the review to the author's own "resolved" (the only resolution Candor counts).
 */
export async function followUpTimes(
  db: Queryable,
  merchantId: string,
): Promise<{ poor: number; answered: number; resolved: number; medianResponseHours: number | null; medianResolutionHours: number | null }> {
  const row = (
    await db.query<{ poor: number; answered: number; resolved: number; response: number | null; resolution: number | null }>(
      `SELECT count(*)::int AS poor, count(mr.review_id)::int AS answered,
         count(*) FILTER (WHERE f.outcome = 'resolved')::int AS resolved,
         (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (mr.created_at - r.created_at)) / 3600)
            FILTER (WHERE mr.review_id IS NOT NULL))::float8 AS response,
         (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (f.answered_at - r.created_at)) / 3600)
            FILTER (WHERE f.outcome = 'resolved'))::float8 AS resolution
       FROM reviews r LEFT JOIN merchant_replies mr ON mr.review_id = r.id LEFT JOIN review_follow_ups f ON f.review_id = r.id
       WHERE r.merchant_id = $1 AND r.status = 'published' AND r.rating <= 3`,
      [merchantId],
    )
  ).rows[0]!;
  return {
    poor: row.poor,
    answered: row.answered,
    resolved: row.resolved,
    medianResponseHours: row.response,
    medianResolutionHours: row.resolution,
  };
}

export interface FollowUpMonth {
  month: string;
  poor: number;
  answered: number;
  resolved: number;
  medianResponseHours: number | null;
  medianResolutionHours: number | null;
}

/** The same times per calendar month (UTC) of the review, from `since` on. */
export async function followUpTimesByMonth(db: Queryable, merchantId: string, since: Date): Promise<FollowUpMonth[]> {
  const rows = (
    await db.query<{ month: string; poor: number; answered: number; resolved: number; response: number | null; resolution: number | null }>(
      `SELECT to_char(date_trunc('month', r.created_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month,
         count(*)::int AS poor, count(mr.review_id)::int AS answered,
         count(*) FILTER (WHERE f.outcome = 'resolved')::int AS resolved,
         (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (mr.created_at - r.created_at)) / 3600)
            FILTER (WHERE mr.review_id IS NOT NULL))::float8 AS response,
         (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (f.answered_at - r.created_at)) / 3600)
            FILTER (WHERE f.outcome = 'resolved'))::float8 AS resolution
       FROM reviews r LEFT JOIN merchant_replies mr ON mr.review_id = r.id LEFT JOIN review_follow_ups f ON f.review_id = r.id
       WHERE r.merchant_id = $1 AND r.status = 'published' AND r.rating <= 3 AND r.created_at >= $2
       GROUP BY 1 ORDER BY 1`,
      [merchantId, since],
    )
  ).rows;
  return rows.map((r) => ({
    month: r.month,
    poor: r.poor,
    answered: r.answered,
    resolved: r.resolved,
    medianResponseHours: r.response,
    medianResolutionHours: r.resolution,
  }));
}

/** Published reviews per product and star, products by name; products without reviews are listed with zeros. */
export async function starsByProduct(db: Queryable, merchantId: string): Promise<{ productId: string; name: string; sku: string; stars: number[] }[]> {
  const rows = (
    await db.query<{ id: string; name: string; sku: string; rating: number | null; n: number }>(
      `SELECT p.id, p.name, p.sku, r.rating, count(r.id)::int AS n
       FROM products p LEFT JOIN reviews r ON r.product_id = p.id AND r.status = 'published'
       WHERE p.merchant_id = $1 GROUP BY p.id, p.name, p.sku, r.rating ORDER BY p.name, p.id`,
      [merchantId],
    )
  ).rows;
  const byProduct = new Map<string, { productId: string; name: string; sku: string; stars: number[] }>();
  for (const r of rows) {
    const entry = byProduct.get(r.id) ?? { productId: r.id, name: r.name, sku: r.sku, stars: [0, 0, 0, 0, 0] };
    if (r.rating !== null) entry.stars[r.rating - 1] = r.n;
    byProduct.set(r.id, entry);
  }
  return [...byProduct.values()];
}

export interface ExportReviewRow {
  id: string;
  createdAt: Date;
  productName: string;
  sku: string;
  rating: number;
  verified: boolean;
  recommendScore: number | null;
  authorName: string;
  title: string;
  body: string;
  replyAt: Date | null;
  makeGood: string | null;
  outcome: string | null;
}

/** Every published review of the merchant for the CSV export, oldest first. */
export async function reviewsForExport(db: Queryable, merchantId: string, limit: number): Promise<ExportReviewRow[]> {
  const rows = (
    await db.query<{
      id: string;
      created_at: Date;
      product_name: string;
      sku: string;
      rating: number;
      order_id: string | null;
      recommend_score: number | null;
      author_name: string;
      title: string;
      body: string;
      reply_at: Date | null;
      make_good: string | null;
      outcome: string | null;
    }>(
      `SELECT r.id, r.created_at, p.name AS product_name, p.sku, r.rating, r.order_id, r.recommend_score,
         a.display_name AS author_name, r.title, r.body, mr.created_at AS reply_at, f.make_good, f.outcome
       FROM reviews r JOIN products p ON p.id = r.product_id JOIN accounts a ON a.id = r.account_id
       LEFT JOIN merchant_replies mr ON mr.review_id = r.id LEFT JOIN review_follow_ups f ON f.review_id = r.id
       WHERE r.merchant_id = $1 AND r.status = 'published' ORDER BY r.created_at, r.id LIMIT $2`,
      [merchantId, limit],
    )
  ).rows;
  return rows.map((r) => ({
    id: r.id,
    createdAt: new Date(r.created_at),
    productName: r.product_name,
    sku: r.sku,
    rating: r.rating,
    verified: r.order_id !== null,
    recommendScore: r.recommend_score,
    authorName: r.author_name,
    title: r.title,
    body: r.body,
    replyAt: r.reply_at ? new Date(r.reply_at) : null,
    makeGood: r.make_good,
    outcome: r.outcome,
  }));
}
