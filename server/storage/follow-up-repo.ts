import type { Queryable } from './database.js';

export interface FollowUpInboxRow {
  id: string;
  productName: string;
  authorName: string;
  rating: number;
  title: string;
  body: string;
  createdAt: Date;
}

/** Published 1–3★ reviews of the merchant without a public answer, oldest first (longest waiting on top). */
export async function listUnansweredPoorReviews(db: Queryable, merchantId: string, limit: number): Promise<FollowUpInboxRow[]> {
  const rows = (
    await db.query<{ id: string; product_name: string; author_name: string; rating: number; title: string; body: string; created_at: Date }>(
      `SELECT r.id, p.name AS product_name, a.display_name AS author_name, r.rating, r.title, r.body, r.created_at
       FROM reviews r JOIN products p ON p.id = r.product_id JOIN accounts a ON a.id = r.account_id
       LEFT JOIN merchant_replies mr ON mr.review_id = r.id
       WHERE r.merchant_id = $1 AND r.status = 'published' AND r.rating <= 3 AND mr.review_id IS NULL
       ORDER BY r.created_at, r.id LIMIT $2`,
      [merchantId, limit],
    )
  ).rows;
  return rows.map((r) => ({
    id: r.id,
    productName: r.product_name,
    authorName: r.author_name,
    rating: r.rating,
    title: r.title,
    body: r.body,
    createdAt: new Date(r.created_at),
  }));
}

export async function upsertFollowUp(
  db: Queryable,
  f: { reviewId: string; merchantId: string; makeGood: string | null; note: string; accountId: string; at: Date },
): Promise<void> {
  // A new offer replaces the old one and clears the author's earlier answer: they judge what is offered now.
  await db.query(
    `INSERT INTO review_follow_ups (review_id, merchant_id, make_good, make_good_note, offered_by, offered_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (review_id) DO UPDATE SET make_good = EXCLUDED.make_good, make_good_note = EXCLUDED.make_good_note,
       offered_by = EXCLUDED.offered_by, offered_at = EXCLUDED.offered_at, outcome = NULL, outcome_note = '', answered_at = NULL`,
    [f.reviewId, f.merchantId, f.makeGood, f.note, f.accountId, f.at],
  );
}

export interface FollowUpRow {
  reviewId: string;
  merchantId: string;
  authorId: string;
  makeGood: string | null;
  note: string;
  offeredAt: Date;
  outcome: 'resolved' | 'not_resolved' | null;
  outcomeNote: string;
  answeredAt: Date | null;
}

export async function lockFollowUp(db: Queryable, reviewId: string): Promise<FollowUpRow | null> {
  const row = (
    await db.query<{
      review_id: string;
      merchant_id: string;
      account_id: string;
      make_good: string | null;
      make_good_note: string;
      offered_at: Date;
      outcome: FollowUpRow['outcome'];
      outcome_note: string;
      answered_at: Date | null;
    }>(`SELECT f.*, r.account_id FROM review_follow_ups f JOIN reviews r ON r.id = f.review_id WHERE f.review_id = $1 FOR UPDATE OF f`, [reviewId])
  ).rows[0];
  return row
    ? {
        reviewId: row.review_id,
        merchantId: row.merchant_id,
        authorId: row.account_id,
        makeGood: row.make_good,
        note: row.make_good_note,
        offeredAt: new Date(row.offered_at),
        outcome: row.outcome,
        outcomeNote: row.outcome_note,
        answeredAt: row.answered_at ? new Date(row.answered_at) : null,
      }
    : null;
}

export async function recordFollowUpOutcome(db: Queryable, reviewId: string, outcome: 'resolved' | 'not_resolved', note: string, at: Date): Promise<void> {
  await db.query('UPDATE review_follow_ups SET outcome = $2, outcome_note = $3, answered_at = $4 WHERE review_id = $1', [reviewId, outcome, note, at]);
}

/**
 * The public follow-up figures of one merchant, over every published 1–3★ review (no filter): median hours from
 * the review to the merchant's first public answer, and how many the authors themselves confirmed resolved.
 */
export async function followUpFigures(
  db: Queryable,
  merchantId: string,
): Promise<{ poor: number; answered: number; resolved: number; medianResponseHours: number | null }> {
  const row = (
    await db.query<{ poor: number; answered: number; resolved: number; median_hours: number | null }>(
      `SELECT count(*)::int AS poor, count(mr.review_id)::int AS answered,
         count(*) FILTER (WHERE f.outcome = 'resolved')::int AS resolved,
         (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (mr.created_at - r.created_at)) / 3600)
            FILTER (WHERE mr.review_id IS NOT NULL))::float8 AS median_hours
       FROM reviews r LEFT JOIN merchant_replies mr ON mr.review_id = r.id LEFT JOIN review_follow_ups f ON f.review_id = r.id
       WHERE r.merchant_id = $1 AND r.status = 'published' AND r.rating <= 3`,
      [merchantId],
    )
  ).rows[0]!;
  return { poor: row.poor, answered: row.answered, resolved: row.resolved, medianResponseHours: row.median_hours };
}
