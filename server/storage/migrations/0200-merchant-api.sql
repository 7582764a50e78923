-- Merchants, the public API and review invitations (issue "Merchants and the embeddable widget").

-- The merchant's own order reference: POST /api/v1/orders is idempotent on (merchant_id, external_ref).
ALTER TABLE orders ADD COLUMN external_ref text;
CREATE UNIQUE INDEX orders_merchant_external_ref ON orders (merchant_id, external_ref) WHERE external_ref IS NOT NULL;

-- API keys: only a sha256 of the key is kept; the key itself is shown once, when it is created.
CREATE TABLE api_keys (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  label text NOT NULL,
  key_prefix text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  created_by text REFERENCES accounts (id),
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_keys_merchant ON api_keys (merchant_id, created_at DESC);

-- One invitation per recorded order; the emailed link carries an HMAC over the id and expiry.
CREATE TABLE invitations (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  order_id text NOT NULL UNIQUE REFERENCES orders (id),
  product_id text NOT NULL REFERENCES products (id),
  email text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by text REFERENCES accounts (id)
);
CREATE INDEX invitations_merchant ON invitations (merchant_id, created_at DESC);

-- Everything that leaves Candor (email, webhooks) goes through here and is retried with backoff.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('email', 'webhook')),
  merchant_id text REFERENCES merchants (id),
  dedupe_key text UNIQUE,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 8,
  next_attempt_at timestamptz NOT NULL,
  last_error text,
  created_at timestamptz NOT NULL,
  sent_at timestamptz
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_merchant ON outbox (merchant_id, id DESC);

CREATE TABLE webhook_endpoints (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  url text NOT NULL,
  secret text NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (merchant_id, url)
);

-- How far the webhook pump has read the audit log (it re-reads a window behind it; dedupe keys absorb repeats).
CREATE TABLE event_cursors (
  name text PRIMARY KEY,
  last_id bigint NOT NULL DEFAULT 0
);
INSERT INTO event_cursors (name, last_id) VALUES ('webhooks', 0);
