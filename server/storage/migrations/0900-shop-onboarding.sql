-- A shop can join on its own: it names its website origin and category, proves it owns the origin with a
-- token served there, and may be suspended by an admin. Merchants added by operators (the CLI, the demo data,
-- merchants that existed before this migration) were checked by a person, so they count as verified at once:
-- only the self-service path inserts verified_at = NULL.
ALTER TABLE merchants ADD COLUMN website_origin text;
ALTER TABLE merchants ADD COLUMN category text;
ALTER TABLE merchants ADD COLUMN verification_token text;
ALTER TABLE merchants ADD COLUMN verified_at timestamptz DEFAULT now();
ALTER TABLE merchants ADD COLUMN suspended_at timestamptz;
ALTER TABLE merchants ADD COLUMN suspended_reason text;
