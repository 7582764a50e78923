-- Helpful votes on answers are integrity-checked like votes on reviews: a vote from an account linked (device,
-- address, creation batch) to a counted voter or to the answer's author is kept for moderators but does not count.
ALTER TABLE answer_votes ADD COLUMN counted boolean NOT NULL DEFAULT true;
ALTER TABLE answer_votes ADD COLUMN linked_to text REFERENCES accounts (id);
ALTER TABLE answer_votes ADD COLUMN link_reason text;
ALTER TABLE answer_votes ADD COLUMN link_evidence text;
CREATE INDEX answer_votes_answer_created ON answer_votes (answer_id, created_at);
