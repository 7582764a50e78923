-- A check whose reviews-together test ran before the product's window closed is made again once it has closed
-- (Verdict.recheckAt): one row per review, moved into reassessment_jobs when due (promoteDueRechecks).
CREATE TABLE integrity_rechecks (
  review_id text PRIMARY KEY REFERENCES reviews (id) ON DELETE CASCADE,
  due_at timestamptz NOT NULL
);
CREATE INDEX integrity_rechecks_due ON integrity_rechecks (due_at, review_id);
