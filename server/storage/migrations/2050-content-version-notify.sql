-- The public-content version is also announced: at the commit of a transaction that bumped it, PostgreSQL (and
-- PGlite) sends a notification on channel candor_content whose payload is the schema that changed. Each Candor
-- process listens on it and advances its own counter, so a cached public read needs no database read at all
-- (see content-version-watch.ts). The counter row stays: it is what a process that lost its listening connection
-- reads until it listens again. Kept on one line: migrations are split at a semicolon that ends a line.
CREATE OR REPLACE FUNCTION bump_content_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF current_setting('candor.content_bumped', true) = txid_current()::text THEN RETURN NULL; END IF; PERFORM set_config('candor.content_bumped', txid_current()::text, true); UPDATE content_version SET version = version + 1 WHERE id = 1; PERFORM pg_notify('candor_content', current_schema()); RETURN NULL; END $$;
