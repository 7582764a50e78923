import type { Queryable } from './database.js';

export interface OutcomeGroup {
  month: string;
  rating: number;
  status: string;
  /** The reason key of the latest moderator decision, if a moderator decided. */
  reasonKey: string | null;
  /** The automatic labels the item carries. */
  labels: string[];
  decidedByHuman: boolean;
  everHeld: boolean;
  appealStatus: string | null;
  count: number;
}

// Per review received since `since`: its state now, who decided it and why, whether it was ever held and how
// its appeal ended; grouped so the report aggregates a few hundred rows, not every review.
export async function outcomeGroups(db: Queryable, since: Date): Promise<OutcomeGroup[]> {
  const rows = (
    await db.query<Record<string, unknown>>(
      `WITH x AS (
         SELECT to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, r.rating::int AS rating, r.status,
                h.reason_key, r.labels, h.id IS NOT NULL AS by_human,
                EXISTS (SELECT 1 FROM verdicts v WHERE v.target_kind = 'review' AND v.target_id = r.id AND v.decision = 'held') AS ever_held,
                (SELECT a.status FROM appeals a WHERE a.target_kind = 'review' AND a.target_id = r.id) AS appeal_status
         FROM reviews r
         LEFT JOIN LATERAL (
           SELECT l.id, l.details->>'reasonKey' AS reason_key FROM audit_log l
           WHERE l.target_kind = 'review' AND l.target_id = r.id AND l.actor_id IS NOT NULL AND l.action LIKE 'moderator.%'
             AND l.action <> 'moderator.dismiss'
           ORDER BY l.id DESC LIMIT 1
         ) h ON TRUE
         WHERE r.created_at >= $1 AND r.status <> 'pending'
       )
       SELECT month, rating, status, reason_key, labels,
              by_human, ever_held, appeal_status, count(*)::int AS n
       FROM x GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
      [since],
    )
  ).rows;
  return rows.map((r) => ({
    month: r.month as string,
    rating: Number(r.rating),
    status: r.status as string,
    reasonKey: (r.reason_key as string | null) ?? null,
    labels: (r.labels as string[] | null) ?? [],
    decidedByHuman: Boolean(r.by_human),
    everHeld: Boolean(r.ever_held),
    appealStatus: (r.appeal_status as string | null) ?? null,
    count: Number(r.n),
  }));
}

/** Median hours from receiving a review to a moderator's first decision on it, per month received. */
export async function medianHoursToHumanDecision(db: Queryable, since: Date): Promise<Map<string, number>> {
  const rows = (
    await db.query<{ month: string; median: number | null }>(
      `SELECT to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (d.at - r.created_at)) / 3600.0) AS median
       FROM reviews r
       JOIN LATERAL (
         SELECT l.at FROM audit_log l WHERE l.target_kind = 'review' AND l.target_id = r.id AND l.actor_id IS NOT NULL
           AND l.action LIKE 'moderator.%' ORDER BY l.id LIMIT 1
       ) d ON TRUE
       WHERE r.created_at >= $1 GROUP BY 1`,
      [since],
    )
  ).rows;
  return new Map(rows.map((r) => [r.month, Number(r.median ?? 0)]));
}

export async function overallMedianHoursToHumanDecision(db: Queryable, since: Date): Promise<number | null> {
  const row = (
    await db.query<{ median: number | null }>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (d.at - r.created_at)) / 3600.0) AS median
       FROM reviews r
       JOIN LATERAL (
         SELECT l.at FROM audit_log l WHERE l.target_kind = 'review' AND l.target_id = r.id AND l.actor_id IS NOT NULL
           AND l.action LIKE 'moderator.%' ORDER BY l.id LIMIT 1
       ) d ON TRUE
       WHERE r.created_at >= $1`,
      [since],
    )
  ).rows[0];
  return row?.median === null || row?.median === undefined ? null : Number(row.median);
}
