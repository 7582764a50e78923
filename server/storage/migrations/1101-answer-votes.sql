-- Helpful votes on answers: one per account and answer; the count is kept on the answer for the tab.
ALTER TABLE question_answers ADD COLUMN helpful_count integer NOT NULL DEFAULT 0;
CREATE TABLE answer_votes (
  answer_id text NOT NULL REFERENCES question_answers (id),
  account_id text NOT NULL REFERENCES accounts (id),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (answer_id, account_id)
);
CREATE INDEX answer_votes_account ON answer_votes (account_id);
