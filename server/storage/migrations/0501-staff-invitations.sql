-- A merchant's staff declaration is an invitation until the person accepts it while signed in. Only accepted
-- invitations become merchant_staff rows (the insider signal, badges and the actor policy read only those).
CREATE TABLE staff_invitations (
  id text PRIMARY KEY,
  merchant_id text NOT NULL REFERENCES merchants (id),
  email text NOT NULL,
  invited_by text REFERENCES accounts (id),
  invited_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
  answered_by text REFERENCES accounts (id),
  answered_at timestamptz
);
CREATE UNIQUE INDEX staff_invitations_open ON staff_invitations (merchant_id, lower(email)) WHERE status = 'pending';
CREATE INDEX staff_invitations_email ON staff_invitations (lower(email)) WHERE status = 'pending';
