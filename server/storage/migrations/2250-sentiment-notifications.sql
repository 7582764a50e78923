-- CSAT, NPS and notifications (issue 15, points 4 and 5).

-- "How likely are you to recommend this shop to a friend? 0–10": optional, asked on verified (invited) reviews only.
-- Stored with the review for the merchant's NPS; never shown as a rating and never read by the integrity checks.
ALTER TABLE reviews ADD COLUMN recommend_score smallint CHECK (recommend_score BETWEEN 0 AND 10);

-- One row per account and kind of e-mail it does not want (one-click unsubscribe, RFC 8058, or the account page).
-- No row means the e-mail is sent: every kind is a notice about the person's own review or shop.
CREATE TABLE notification_opt_outs (
  account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (account_id, kind)
);

-- Notifications are read from the audit log behind their own cursor. It starts at the current end of the log, so an
-- upgraded instance does not mail people about everything that happened before.
INSERT INTO event_cursors (name, last_id) VALUES ('notifications', (SELECT COALESCE(max(id), 0) FROM audit_log));

-- An invitation sends at most one neutral reminder; this records that it went, or that the buyer declined it with
-- the one-click link in the invitation (buyers may have no account, so this lives on the invitation).
ALTER TABLE invitations ADD COLUMN reminded_at timestamptz;
ALTER TABLE invitations ADD COLUMN reminder_declined_at timestamptz;
