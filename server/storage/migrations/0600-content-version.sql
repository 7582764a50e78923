-- One number that changes whenever anything a public page shows changes: response caches in every Candor process
-- compare it (one primary-key read) before serving a stored page, so no process serves a page older than the
-- last committed write. The trigger is a deferred constraint trigger: it runs at commit, so the row lock on the
-- counter is held for an instant, not for the whole posting transaction (integrity checks included).
CREATE TABLE content_version (
  id int PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL
);
INSERT INTO content_version (id, version) VALUES (1, 1);

-- Kept on one line: migrations are split into statements at a semicolon that ends a line. A transaction-local
-- setting remembers that this transaction has already bumped the version, so a transaction that changes many rows
-- updates the counter once.
CREATE FUNCTION bump_content_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF current_setting('candor.content_bumped', true) = txid_current()::text THEN RETURN NULL; END IF; PERFORM set_config('candor.content_bumped', txid_current()::text, true); UPDATE content_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$;

CREATE CONSTRAINT TRIGGER reviews_bump_content_version AFTER INSERT OR UPDATE OR DELETE ON reviews
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version();
CREATE CONSTRAINT TRIGGER comments_bump_content_version AFTER INSERT OR UPDATE OR DELETE ON comments
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version();
CREATE CONSTRAINT TRIGGER merchant_replies_bump_content_version AFTER INSERT OR UPDATE OR DELETE ON merchant_replies
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version();
CREATE CONSTRAINT TRIGGER products_bump_content_version AFTER INSERT OR UPDATE OR DELETE ON products
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version();
CREATE CONSTRAINT TRIGGER merchants_bump_content_version AFTER INSERT OR UPDATE OR DELETE ON merchants
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version();
CREATE CONSTRAINT TRIGGER embed_origins_bump_content_version AFTER INSERT OR UPDATE OR DELETE ON merchant_embed_origins
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version();
CREATE CONSTRAINT TRIGGER merchant_staff_bump_content_version AFTER INSERT OR UPDATE OR DELETE ON merchant_staff
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version();
-- Display names appear on every review; other account columns change rarely enough that bumping on them is cheap.
CREATE CONSTRAINT TRIGGER accounts_bump_content_version AFTER INSERT OR UPDATE OR DELETE ON accounts
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version();
