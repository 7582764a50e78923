-- Accounts people control (issue 16): e-mail verification, password reset, deletion, and the privacy of the
-- identity signals.

-- Accounts made by administrators, imports and the demo count as confirmed; a web sign-up waits for its e-mail.
ALTER TABLE accounts ADD COLUMN email_verified_at timestamptz;
UPDATE accounts SET email_verified_at = created_at;
-- A deleted account keeps only its id (reviews, votes and the audit log point at it) and this date.
ALTER TABLE accounts ADD COLUMN deleted_at timestamptz;

-- One-use links sent by e-mail: only a sha256 of the token is kept. `email` is the address the link confirms
-- (a change of address is confirmed at the new address before it takes effect).
CREATE TABLE account_tokens (
  id text PRIMARY KEY,
  account_id text NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
  token_hash text NOT NULL UNIQUE,
  email text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX account_tokens_account ON account_tokens (account_id, purpose);

-- Identifier values are keyed hashes (HMAC with the instance's identifier key) from the moment they are stored,
-- so links between accounts never depend on a raw address. `raw` keeps the readable value for moderators until the
-- retention window ends; maintenance then clears it.
ALTER TABLE account_identifiers ADD COLUMN raw text;
CREATE INDEX account_identifiers_raw_seen ON account_identifiers (last_seen) WHERE raw IS NOT NULL;
