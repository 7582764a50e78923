import type { Queryable } from './database.js';

export type RefusalReason = 'origin-not-allowed' | 'unverified' | 'suspended';

export interface WidgetRefusal {
  origin: string;
  reason: RefusalReason;
  firstSeen: Date;
  lastSeen: Date;
  count: number;
}

/**
 * Records one refusal: a new (origin, reason) row, or a bump of the existing one when its last record is older
 * than the dedupe window. A merchant keeps at most `maxRows` origins (the origin is what the embedding page
 * claims, so a stranger could otherwise fill the table with made-up ones).
 */
export async function recordRefusal(
  db: Queryable,
  input: { merchantId: string; origin: string; reason: RefusalReason; at: Date; windowMs: number; maxRows: number },
): Promise<void> {
  await db.query(
    `INSERT INTO widget_refusals AS r (merchant_id, origin, reason, first_seen, last_seen, count)
     SELECT $1, $2, $3, $4, $4, 1
     WHERE (SELECT count(*) FROM widget_refusals WHERE merchant_id = $1) < $6
        OR EXISTS (SELECT 1 FROM widget_refusals WHERE merchant_id = $1 AND origin = $2 AND reason = $3)
     ON CONFLICT (merchant_id, origin, reason) DO UPDATE SET last_seen = EXCLUDED.last_seen, count = r.count + 1
       WHERE r.last_seen < EXCLUDED.last_seen - make_interval(secs => $5::double precision / 1000)`,
    [input.merchantId, input.origin, input.reason, input.at, input.windowMs, input.maxRows],
  );
}

export async function listRecentRefusals(db: Queryable, merchantId: string, limit: number): Promise<WidgetRefusal[]> {
  const rows = (
    await db.query<{ origin: string; reason: RefusalReason; first_seen: Date; last_seen: Date; count: number }>(
      `SELECT origin, reason, first_seen, last_seen, count FROM widget_refusals WHERE merchant_id = $1 ORDER BY last_seen DESC, origin LIMIT $2`,
      [merchantId, limit],
    )
  ).rows;
  return rows.map((r) => ({ origin: r.origin, reason: r.reason, firstSeen: new Date(r.first_seen), lastSeen: new Date(r.last_seen), count: r.count }));
}
