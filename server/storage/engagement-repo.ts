import type { Queryable } from './database.js';

/** Records a vote (counted or linked); returns the review's counted total. An existing vote is left as it is. */
export async function addHelpfulVote(
  db: Queryable,
  vote: { reviewId: string; accountId: string; at: Date; counted: boolean; linkedTo: string | null; linkReason: string | null; linkEvidence: string | null },
): Promise<number> {
  await db.query(
    `INSERT INTO helpful_votes (review_id, account_id, created_at, counted, linked_to, link_reason, link_evidence)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [vote.reviewId, vote.accountId, vote.at, vote.counted, vote.linkedTo, vote.linkReason, vote.linkEvidence],
  );
  return refreshHelpfulCount(db, vote.reviewId);
}

export async function removeHelpfulVote(db: Queryable, reviewId: string, accountId: string): Promise<number> {
  await db.query('DELETE FROM helpful_votes WHERE review_id = $1 AND account_id = $2', [reviewId, accountId]);
  return refreshHelpfulCount(db, reviewId);
}

export async function hasHelpfulVote(db: Queryable, reviewId: string, accountId: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM helpful_votes WHERE review_id = $1 AND account_id = $2', [reviewId, accountId])).rows.length > 0;
}

async function refreshHelpfulCount(db: Queryable, reviewId: string): Promise<number> {
  const row = (
    await db.query<{ helpful_count: number }>(
      `UPDATE reviews SET helpful_count = (SELECT count(*) FROM helpful_votes WHERE review_id = $1 AND counted)
       WHERE id = $1 RETURNING helpful_count`,
      [reviewId],
    )
  ).rows[0];
  return row?.helpful_count ?? 0;
}

export interface VoterIdentityRow {
  accountId: string;
  createdAt: Date;
  identifiers: { kind: string; value: string }[];
}

/**
 * Accounts named by `people` (a constant SQL query over $1 = the voted item and $2 = the voter, never user text),
 * each with the identifiers a vote link is judged on. Shared by review votes and answer votes.
 */
export async function loadPeopleIdentities(db: Queryable, people: string, itemId: string, voterId: string): Promise<VoterIdentityRow[]> {
  const rows = (
    await db.query<{ id: string; created_at: Date; kinds: string[] | null; vals: string[] | null }>(
      `WITH people AS (${people})
       SELECT a.id, a.created_at, array_agg(i.kind) FILTER (WHERE i.kind IS NOT NULL) AS kinds,
              array_agg(i.value) FILTER (WHERE i.kind IS NOT NULL) AS vals
       FROM people p JOIN accounts a ON a.id = p.account_id
       LEFT JOIN account_identifiers i ON i.account_id = a.id AND i.kind IN ('device', 'ip', 'ip_prefix')
       GROUP BY a.id, a.created_at`,
      [itemId, voterId],
    )
  ).rows;
  return rows.map((r) => ({
    accountId: r.id,
    createdAt: new Date(r.created_at),
    identifiers: (r.kinds ?? []).map((kind, i) => ({ kind, value: r.vals![i]! })),
  }));
}

/** The voter, the review's author and every account whose vote on the review counts, with their identifiers. */
export function loadVoteIdentities(db: Queryable, reviewId: string, voterId: string): Promise<VoterIdentityRow[]> {
  return loadPeopleIdentities(
    db,
    `SELECT account_id FROM helpful_votes WHERE review_id = $1 AND counted
     UNION SELECT account_id FROM reviews WHERE id = $1
     UNION SELECT $2::text`,
    reviewId,
    voterId,
  );
}

export async function countVotesSince(db: Queryable, reviewId: string, since: Date): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM helpful_votes WHERE review_id = $1 AND created_at >= $2', [reviewId, since])).rows[0]!
    .n;
}

export interface VoteRow {
  voterName: string;
  at: Date;
  counted: boolean;
  linkedToName: string | null;
  linkReason: string | null;
  linkEvidence: string | null;
}

/** Every vote on a review, for the moderator's item page. */
export async function listVotesFor(db: Queryable, reviewId: string, limit = 200): Promise<VoteRow[]> {
  const rows = (
    await db.query<{ voter: string; created_at: Date; counted: boolean; linked: string | null; link_reason: string | null; link_evidence: string | null }>(
      `SELECT a.display_name AS voter, v.created_at, v.counted, l.display_name AS linked, v.link_reason, v.link_evidence
       FROM helpful_votes v JOIN accounts a ON a.id = v.account_id LEFT JOIN accounts l ON l.id = v.linked_to
       WHERE v.review_id = $1 ORDER BY v.created_at LIMIT $2`,
      [reviewId, limit],
    )
  ).rows;
  return rows.map((r) => ({
    voterName: r.voter,
    at: new Date(r.created_at),
    counted: r.counted,
    linkedToName: r.linked,
    linkReason: r.link_reason,
    linkEvidence: r.link_evidence,
  }));
}

/** A report filed by Candor's own checks (no reporting account); at most one open per item and reason. */
export async function insertSystemReport(
  db: Queryable,
  report: { id: string; targetKind: 'review' | 'comment' | 'answer'; targetId: string; reason: string; note: string; at: Date },
): Promise<boolean> {
  const rows = (
    await db.query(
      `INSERT INTO reports (id, target_kind, target_id, account_id, reason, note, created_at) VALUES ($1, $2, $3, NULL, $4, $5, $6)
       ON CONFLICT (target_kind, target_id, reason) WHERE account_id IS NULL AND status = 'open' DO NOTHING RETURNING id`,
      [report.id, report.targetKind, report.targetId, report.reason, report.note, report.at],
    )
  ).rows;
  return rows.length === 1;
}

/** Which of these items this account has already reported (so the page can stop offering "Report"). */
export async function reportedByAccount(db: Queryable, accountId: string, targetKind: 'review' | 'comment', targetIds: string[]): Promise<Set<string>> {
  if (targetIds.length === 0) return new Set();
  const rows = (
    await db.query<{ target_id: string }>('SELECT target_id FROM reports WHERE account_id = $1 AND target_kind = $2 AND target_id = ANY($3::text[])', [
      accountId,
      targetKind,
      targetIds,
    ])
  ).rows;
  return new Set(rows.map((r) => r.target_id));
}

/** Returns false when this account already reported the same item. */
export async function insertReport(
  db: Queryable,
  report: { id: string; targetKind: 'review' | 'comment' | 'question' | 'answer'; targetId: string; accountId: string; reason: string; note: string },
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

export async function upsertMerchantReply(db: Queryable, reply: { reviewId: string; merchantId: string; accountId: string; body: string; at: Date }) {
  await db.query(
    `INSERT INTO merchant_replies (review_id, merchant_id, account_id, body, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $5)
     ON CONFLICT (review_id) DO UPDATE SET body = EXCLUDED.body, account_id = EXCLUDED.account_id, updated_at = EXCLUDED.updated_at`,
    [reply.reviewId, reply.merchantId, reply.accountId, reply.body, reply.at],
  );
}
