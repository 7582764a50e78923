-- Values one Candor installation creates once and every process then shares (e.g. the generated session secret
-- when SESSION_SECRET is not set). The first writer wins; later processes read its value.
CREATE TABLE instance_settings (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
