-- How many accounts exist, kept by triggers in the same transaction as the change: every integrity check asks how
-- many accounts the shop had at the time of a post, and counting the accounts table for that read the whole
-- created_at index, so a check grew dearer with every sign-up. Now the check reads this one row and subtracts the
-- accounts created after the post (normally none; an index range that stays short).
CREATE TABLE account_total (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  accounts bigint NOT NULL
);

INSERT INTO account_total (one, accounts) SELECT true, count(*) FROM accounts;

-- Statement-level with the changed rows as a table, so a bulk load adds once per statement, not once per row.
-- Kept on one line: migrations are split into statements at a semicolon that ends a line.
CREATE FUNCTION account_total_add() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE account_total SET accounts = accounts + (SELECT count(*) FROM added) WHERE one; RETURN NULL; END $$;

CREATE FUNCTION account_total_remove() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE account_total SET accounts = accounts - (SELECT count(*) FROM removed) WHERE one; RETURN NULL; END $$;

CREATE TRIGGER accounts_total_add AFTER INSERT ON accounts REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION account_total_add();

CREATE TRIGGER accounts_total_remove AFTER DELETE ON accounts REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION account_total_remove();

-- Emptied together with the accounts (tests and tools that TRUNCATE start from nothing).
CREATE FUNCTION account_total_reset() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE account_total SET accounts = 0 WHERE one; RETURN NULL; END $$;

CREATE TRIGGER accounts_total_reset AFTER TRUNCATE ON accounts FOR EACH STATEMENT EXECUTE FUNCTION account_total_reset();
