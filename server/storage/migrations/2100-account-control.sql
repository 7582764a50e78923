-- Accounts people control (issue 16 point 5): signing out everywhere finds an account's sessions by the id passport
-- keeps in them, and deleted accounts are looked up by date.
CREATE INDEX sessions_account ON sessions ((sess -> 'passport' ->> 'user'));
CREATE INDEX accounts_deleted ON accounts (deleted_at) WHERE deleted_at IS NOT NULL;
-- Accounts opened before this change (web sign-ups included) keep working: they count as confirmed.
UPDATE accounts SET email_verified_at = created_at WHERE email_verified_at IS NULL AND deleted_at IS NULL;
