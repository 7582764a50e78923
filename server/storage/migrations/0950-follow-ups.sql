-- Follow-up on poor experiences (issue 15): a merchant's public answer to a 1–3★ review may come with a make-good
-- (apology, replacement, refund, other). Only the review's author says whether it was put right; the review's
-- rating and text are never touched by any of this.
CREATE TABLE review_follow_ups (
  review_id text PRIMARY KEY REFERENCES reviews (id),
  merchant_id text NOT NULL REFERENCES merchants (id),
  make_good text CHECK (make_good IN ('apology', 'replacement', 'refund', 'other')),
  make_good_note text NOT NULL DEFAULT '',
  offered_by text NOT NULL REFERENCES accounts (id),
  offered_at timestamptz NOT NULL,
  outcome text CHECK (outcome IN ('resolved', 'not_resolved')),
  outcome_note text NOT NULL DEFAULT '',
  answered_at timestamptz
);
CREATE INDEX review_follow_ups_merchant ON review_follow_ups (merchant_id, outcome);

-- The tab shows the make-good and "Resolved by the merchant": cached public pages must notice every change.
CREATE CONSTRAINT TRIGGER review_follow_ups_bump_content_version AFTER INSERT OR UPDATE OR DELETE ON review_follow_ups
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version();
