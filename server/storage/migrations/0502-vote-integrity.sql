-- Helpful votes from accounts linked to a counted voter (or to the author) are kept but do not count toward
-- ranking; moderators see which vote each one is linked to and why.
ALTER TABLE helpful_votes ADD COLUMN counted boolean NOT NULL DEFAULT true;
ALTER TABLE helpful_votes ADD COLUMN linked_to text REFERENCES accounts (id);
ALTER TABLE helpful_votes ADD COLUMN link_reason text;
ALTER TABLE helpful_votes ADD COLUMN link_evidence text;
CREATE INDEX helpful_votes_review_created ON helpful_votes (review_id, created_at);

-- Reports Candor's own checks file (a burst of votes) have no reporting account; one open report per reason.
ALTER TABLE reports ALTER COLUMN account_id DROP NOT NULL;
CREATE UNIQUE INDEX reports_one_open_system_report ON reports (target_kind, target_id, reason) WHERE account_id IS NULL AND status = 'open';
