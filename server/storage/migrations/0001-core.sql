CREATE TABLE merchants (
  id text PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  domain text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE accounts (
  id text PRIMARY KEY,
  email text NOT NULL,
  display_name text NOT NULL,
  password_hash text,
  role text NOT NULL DEFAULT 'customer' CHECK (role IN ('customer', 'moderator', 'admin')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  created_at timestamptz NOT NULL DEFAULT now(),
  signup_ip text,
  signup_user_agent text
);
CREATE INDEX accounts_created_at ON accounts (created_at);
-- An email signs in to one account. Accounts without a password (imported or replayed histories) may repeat one:
-- that repetition is evidence for the identity signals, not an error.
CREATE UNIQUE INDEX accounts_login_email ON accounts (lower(email)) WHERE password_hash IS NOT NULL;
CREATE INDEX accounts_email ON accounts (lower(email));

-- Staff of a merchant: members who use the merchant area (can_manage) and accounts the merchant declared
-- as employees or contractors. Both count as insiders for that merchant's products.
CREATE TABLE merchant_staff (
  merchant_id text NOT NULL REFERENCES merchants (id),
  account_id text NOT NULL REFERENCES accounts (id),
  can_manage boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (merchant_id, account_id)
);
CREATE INDEX merchant_staff_account ON merchant_staff (account_id);

CREATE TABLE products (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  slug text NOT NULL UNIQUE,
  sku text NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  category text NOT NULL DEFAULT 'general',
  url text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (merchant_id, sku)
);

CREATE TABLE orders (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  product_id text NOT NULL REFERENCES products (id),
  account_id text REFERENCES accounts (id),
  email text,
  ordered_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_account ON orders (account_id, product_id);

CREATE TABLE reviews (
  id text PRIMARY KEY,
  product_id text NOT NULL REFERENCES products (id),
  merchant_id text NOT NULL REFERENCES merchants (id),
  account_id text NOT NULL REFERENCES accounts (id),
  order_id text REFERENCES orders (id),
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  title text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'held', 'rejected', 'removed')),
  labels text[] NOT NULL DEFAULT '{}',
  score real NOT NULL DEFAULT 0,
  incentive_kind text CHECK (incentive_kind IN ('free_product', 'discount', 'payment', 'sweepstakes')),
  incentive_disclosed boolean NOT NULL DEFAULT false,
  ip text,
  user_agent text,
  helpful_count integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
-- One review per product per account is a rule of the web form (submitReview), not of the table: an imported or
-- replayed stream may hold a repeat purchase's second review, which the integrity pipeline must judge.
CREATE INDEX reviews_product_account ON reviews (product_id, account_id);
CREATE INDEX reviews_product_status_created ON reviews (product_id, status, created_at DESC);
CREATE INDEX reviews_product_created ON reviews (product_id, created_at DESC);
CREATE INDEX reviews_account_created ON reviews (account_id, created_at DESC);
CREATE INDEX reviews_status_created ON reviews (status, created_at DESC);

-- MinHash LSH bands of each review's text: candidates for near-duplicates come from one indexed lookup.
CREATE TABLE review_text_bands (
  band text NOT NULL,
  review_id text NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
  PRIMARY KEY (band, review_id)
);
CREATE INDEX review_text_bands_review ON review_text_bands (review_id);

CREATE TABLE comments (
  id text PRIMARY KEY,
  review_id text NOT NULL REFERENCES reviews (id),
  parent_id text REFERENCES comments (id),
  account_id text NOT NULL REFERENCES accounts (id),
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'held', 'rejected', 'removed')),
  labels text[] NOT NULL DEFAULT '{}',
  score real NOT NULL DEFAULT 0,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX comments_review ON comments (review_id, created_at);
CREATE INDEX comments_account_created ON comments (account_id, created_at DESC);

CREATE TABLE helpful_votes (
  review_id text NOT NULL REFERENCES reviews (id),
  account_id text NOT NULL REFERENCES accounts (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (review_id, account_id)
);

CREATE TABLE reports (
  id text PRIMARY KEY,
  target_kind text NOT NULL CHECK (target_kind IN ('review', 'comment')),
  target_id text NOT NULL,
  account_id text NOT NULL REFERENCES accounts (id),
  reason text NOT NULL,
  note text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolved_by text REFERENCES accounts (id),
  UNIQUE (target_kind, target_id, account_id)
);
CREATE INDEX reports_status_created ON reports (status, created_at DESC);

CREATE TABLE merchant_replies (
  review_id text PRIMARY KEY REFERENCES reviews (id),
  merchant_id text NOT NULL REFERENCES merchants (id),
  account_id text NOT NULL REFERENCES accounts (id),
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every automatic verdict, kept whole: the evidence a moderator and the author see.
CREATE TABLE verdicts (
  id bigserial PRIMARY KEY,
  target_kind text NOT NULL CHECK (target_kind IN ('review', 'comment')),
  target_id text NOT NULL,
  decision text NOT NULL,
  labels text[] NOT NULL DEFAULT '{}',
  score real NOT NULL,
  reasons jsonb NOT NULL,
  policy_version text NOT NULL,
  model_version text,
  trigger text NOT NULL DEFAULT 'submit',
  decided_at timestamptz NOT NULL
);
CREATE INDEX verdicts_target ON verdicts (target_kind, target_id, id DESC);

-- Append-only: what happened to each item, by whom (actor_id null = the integrity pipeline), and why.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id text REFERENCES accounts (id),
  action text NOT NULL,
  target_kind text NOT NULL,
  target_id text NOT NULL,
  before_state text,
  after_state text,
  reason text,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_target ON audit_log (target_kind, target_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);

CREATE TABLE account_identifiers (
  kind text NOT NULL,
  value text NOT NULL,
  account_id text NOT NULL REFERENCES accounts (id),
  first_seen timestamptz NOT NULL,
  last_seen timestamptz NOT NULL,
  PRIMARY KEY (kind, value, account_id)
);
CREATE INDEX account_identifiers_account ON account_identifiers (account_id);

-- Per product and day, kept in the same transaction as each review, so a burst test reads one row range.
CREATE TABLE product_daily (
  product_id text NOT NULL REFERENCES products (id),
  day date NOT NULL,
  count integer NOT NULL DEFAULT 0,
  rating_sum integer NOT NULL DEFAULT 0,
  verified_count integer NOT NULL DEFAULT 0,
  PRIMARY KEY (product_id, day)
);

CREATE TABLE reassessment_jobs (
  id bigserial PRIMARY KEY,
  review_id text NOT NULL REFERENCES reviews (id),
  reason text NOT NULL,
  as_of timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz
);
CREATE INDEX reassessment_jobs_open ON reassessment_jobs (id) WHERE done_at IS NULL;

CREATE TABLE sessions (
  sid text PRIMARY KEY,
  sess jsonb NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE rate_limit_hits (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  reset_at timestamptz NOT NULL
);
