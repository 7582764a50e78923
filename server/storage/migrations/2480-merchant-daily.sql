-- Reviews per merchant and day, kept by a trigger on product_daily in the same transaction: every integrity check
-- asks how many reviews the merchant had over the last days (its share of the shop is the chance of merchant-wide
-- evidence), and summing product_daily over all the merchant's products read one index range per product, a cost
-- that grew with the catalogue. Now the check reads one short range of this table.
CREATE TABLE merchant_daily (
  merchant_id text NOT NULL REFERENCES merchants (id) ON DELETE CASCADE,
  day date NOT NULL,
  count integer NOT NULL DEFAULT 0,
  PRIMARY KEY (merchant_id, day)
);

INSERT INTO merchant_daily (merchant_id, day, count)
  SELECT p.merchant_id, d.day, sum(d.count) FROM product_daily d JOIN products p ON p.id = d.product_id GROUP BY p.merchant_id, d.day;

-- The old row's count taken out, the new row's added: any insert, update (the upsert of each posted review) or
-- delete of product_daily, one row at a time. Kept on one line: migrations are split at a semicolon ending a line.
CREATE FUNCTION merchant_daily_count() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP IN ('UPDATE', 'DELETE') THEN INSERT INTO merchant_daily AS m (merchant_id, day, count) SELECT p.merchant_id, OLD.day, -OLD.count FROM products p WHERE p.id = OLD.product_id ON CONFLICT (merchant_id, day) DO UPDATE SET count = m.count + EXCLUDED.count; END IF; IF TG_OP IN ('INSERT', 'UPDATE') THEN INSERT INTO merchant_daily AS m (merchant_id, day, count) SELECT p.merchant_id, NEW.day, NEW.count FROM products p WHERE p.id = NEW.product_id ON CONFLICT (merchant_id, day) DO UPDATE SET count = m.count + EXCLUDED.count; END IF; RETURN NULL; END $$;

CREATE TRIGGER product_daily_merchant_count AFTER INSERT OR DELETE OR UPDATE OF product_id, day, count ON product_daily
  FOR EACH ROW EXECUTE FUNCTION merchant_daily_count();

-- Emptied together with product_daily (tests and tools that TRUNCATE start from nothing).
CREATE FUNCTION merchant_daily_reset() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM merchant_daily; RETURN NULL; END $$;

CREATE TRIGGER product_daily_merchant_reset AFTER TRUNCATE ON product_daily FOR EACH STATEMENT EXECUTE FUNCTION merchant_daily_reset();
