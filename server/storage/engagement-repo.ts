import type { Queryable } from './database.js';

export async function addHelpfulVote(db: Queryable, reviewId: string, accountId: string): Promise<number> {
  await db.query(
    'INSERT INTO helpful_votes (review_id, account_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [reviewId, accountId],
  );
  return refreshHelpfulCount(db, reviewId);
}

export async function removeHelpfulVote(db: Queryable, reviewId: string, accountId: string): Promise<number> {
  await db.query('DELETE FROM helpful_votes WHERE review_id = $1 AND account_id = $2', [reviewId, accountId]);
  return refreshHelpfulCount(db, reviewId);
}

async function refreshHelpfulCount(db: Queryable, reviewId: string): Promise<number> {
  const row = (
    await db.query<{ helpful_count: number }>(
      `UPDATE reviews SET helpful_count = (SELECT count(*) FROM helpful_votes WHERE review_id = $1)
       WHERE id = $1 RETURNING helpful_count`,
      [reviewId],
    )
  ).rows[0];
  return row?.helpful_count ?? 0;
}

/** Which of these items this account has already reported (so the page can stop offering "Report"). */
export async function reportedByAccount(db: Queryable, accountId: string, targetKind: 'review' | 'comment', targetIds: string[]): Promise<Set<string>> {
  if (targetIds.length === 0) return new Set();
  const rows = (
    await db.query<{ target_id: string }>(
      'SELECT target_id FROM reports WHERE account_id = $1 AND target_kind = $2 AND target_id = ANY($3::text[])',
      [accountId, targetKind, targetIds],
    )
  ).rows;
  return new Set(rows.map((r) => r.target_id));
}

/** Returns false when this account already reported the same item. */
export async function insertReport(
  db: Queryable,
  report: { id: string; targetKind: 'review' | 'comment'; targetId: string; accountId: string; reason: string; note: string },
): Promise<boolean> {
  const rows = (
    await db.query(
      `INSERT INTO reports (id, target_kind, target_id, account_id, reason, note) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (target_kind, target_id, account_id) DO NOTHING RETURNING id`,
      [report.id, report.targetKind, report.targetId, report.accountId, report.reason, report.note],
    )
  ).rows;
  return rows.length === 1;
}

export async function upsertMerchantReply(
  db: Queryable,
  reply: { reviewId: string; merchantId: string; accountId: string; body: string; at: Date },
) {
  await db.query(
    `INSERT INTO merchant_replies (review_id, merchant_id, account_id, body, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $5)
     ON CONFLICT (review_id) DO UPDATE SET body = EXCLUDED.body, account_id = EXCLUDED.account_id, updated_at = EXCLUDED.updated_at`,
    [reply.reviewId, reply.merchantId, reply.accountId, reply.body, reply.at],
  );
}
