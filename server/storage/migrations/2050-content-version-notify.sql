-- The public-content version is also announced: at the commit of a transaction that bumped it, PostgreSQL (and
-- PGlite) sends a notification on channel candor_content with the payload "<schema>:<new version>". Each Candor
-- process listens on it and moves its own counter, so a cached public read needs no database read at all (see
-- content-version-watch.ts); the version in the payload lets a process ignore the same commit heard twice. The
-- row stays: it is what a process that lost its listening connection reads until it listens again.
-- Kept on one line: migrations are split at a semicolon that ends a line.
CREATE OR REPLACE FUNCTION bump_content_version() RETURNS trigger LANGUAGE plpgsql AS $$ DECLARE v bigint; BEGIN IF current_setting('candor.content_bumped', true) = txid_current()::text THEN RETURN NULL; END IF; PERFORM set_config('candor.content_bumped', txid_current()::text, true); UPDATE content_version SET version = version + 1 WHERE id = 1 RETURNING version INTO v; PERFORM pg_notify('candor_content', current_schema() || ':' || v); RETURN NULL; END $$;
