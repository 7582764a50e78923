-- A retrain (in any process, or the CLI) announces the new active model at its commit: every process listens on
-- candor_model and loads it at once instead of at its next poll (the poll stays, for a lost connection).
CREATE FUNCTION notify_model_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('candor_model', current_schema()); RETURN NULL; END $$;
CREATE TRIGGER text_models_notify AFTER INSERT OR UPDATE ON text_models FOR EACH STATEMENT EXECUTE FUNCTION notify_model_change();
