-- Reviews per day posted without an order from accounts opened at most two days before (policy
-- unboughtCohort.freshAccountDays, 2 since integrity-2026.20), kept with the shop's day count in the posting
-- transaction: the unbought-cohort check compares a product's share of such reviewers with the shop's own
-- (signals/unbought-cohort.ts). Days stored before this migration are counted from their reviews.
ALTER TABLE shop_daily ADD COLUMN fresh_unbought integer NOT NULL DEFAULT 0;
UPDATE shop_daily s SET fresh_unbought = f.n
FROM (
  SELECT (r.created_at AT TIME ZONE 'UTC')::date AS day, count(*)::int AS n
  FROM reviews r JOIN accounts a ON a.id = r.account_id
  WHERE r.order_id IS NULL AND r.created_at - a.created_at <= interval '2 days'
  GROUP BY 1
) f
WHERE f.day = s.day;
