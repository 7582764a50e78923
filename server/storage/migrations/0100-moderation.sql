-- Moderation: optimistic concurrency for decisions, appeals, moderator labels (feedback) and stored text models.

-- Bumped by every moderator decision: a decision names the version it saw, so two moderators cannot both win.
ALTER TABLE reviews ADD COLUMN version integer NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN version integer NOT NULL DEFAULT 0;

-- One appeal per item, by its author; it joins the moderation queue until decided.
CREATE TABLE appeals (
  id text PRIMARY KEY,
  target_kind text NOT NULL CHECK (target_kind IN ('review', 'comment')),
  target_id text NOT NULL,
  account_id text NOT NULL REFERENCES accounts (id),
  message text NOT NULL,
  state_at_appeal text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
  created_at timestamptz NOT NULL,
  decided_at timestamptz,
  decided_by text REFERENCES accounts (id),
  outcome_note text,
  UNIQUE (target_kind, target_id)
);
CREATE INDEX appeals_status_created ON appeals (status, created_at DESC);
CREATE INDEX appeals_account ON appeals (account_id);

-- Moderators' decisions as labels for retraining the text model; fake is null when the decision says
-- nothing about authenticity (e.g. removed as offensive).
CREATE TABLE moderator_labels (
  id bigserial PRIMARY KEY,
  target_kind text NOT NULL,
  target_id text NOT NULL,
  text text NOT NULL,
  fake boolean,
  decision text NOT NULL,
  reason text,
  moderator_id text NOT NULL REFERENCES accounts (id),
  at timestamptz NOT NULL
);
CREATE INDEX moderator_labels_target ON moderator_labels (target_kind, target_id, id DESC);

-- Trained text models; exactly one (or none) is active and loaded at start.
CREATE TABLE text_models (
  version text PRIMARY KEY,
  model text NOT NULL,
  training_size integer NOT NULL,
  positives integer NOT NULL,
  trained_at timestamptz NOT NULL,
  trained_by text REFERENCES accounts (id),
  active boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX text_models_one_active ON text_models (active) WHERE active;

CREATE INDEX audit_log_at ON audit_log (at);
