-- Team roles: a merchant's team members (rows with can_manage) open the merchant area with one role: owners
-- manage everything (team, products, origins, keys), staff also reply to reviews, viewers only read. Every row of
-- merchant_staff (team member or declared staff) stays an insider for the integrity checks. Existing managers
-- become owners; code that still inserts can_manage without a role is read as an owner (the effective role).
ALTER TABLE merchant_staff ADD COLUMN role text CHECK (role IN ('owner', 'staff', 'viewer'));
UPDATE merchant_staff SET role = 'owner' WHERE can_manage;
-- A staff invitation with a role invites into the team; without one it only declares staff (0501).
ALTER TABLE staff_invitations ADD COLUMN role text CHECK (role IN ('owner', 'staff', 'viewer'));

-- Why the widget frame was refused, per embedding origin, so the merchant's area can say it ("refused on
-- https://x: not in allowed origins"). One row per (merchant, origin, reason): repeated refusals bump a counter
-- at most once per dedupe window rather than adding rows.
CREATE TABLE widget_refusals (
  merchant_id text NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
  origin text NOT NULL,
  reason text NOT NULL CHECK (reason IN ('origin-not-allowed', 'unverified', 'suspended')),
  first_seen timestamptz NOT NULL,
  last_seen timestamptz NOT NULL,
  count integer NOT NULL DEFAULT 1,
  PRIMARY KEY (merchant_id, origin, reason)
);
CREATE INDEX widget_refusals_recent ON widget_refusals (merchant_id, last_seen DESC);
