-- The numbers every product summary shows (published reviews per star, and how many of them are verified), kept
-- by a trigger in the same transaction as the change to the review: posting, moderator decisions, re-checks,
-- edits, appeals and deletions all pass through the reviews table, so none can leave the counts behind.
CREATE TABLE product_rating_counts (
  product_id text NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  rating smallint NOT NULL,
  published integer NOT NULL DEFAULT 0,
  verified integer NOT NULL DEFAULT 0,
  PRIMARY KEY (product_id, rating)
);

INSERT INTO product_rating_counts (product_id, rating, published, verified)
  SELECT product_id, rating, count(*), count(order_id) FROM reviews WHERE status = 'published' GROUP BY product_id, rating;

-- Kept on one line: migrations are split into statements at a semicolon that ends a line.
CREATE FUNCTION count_published_ratings() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'published' THEN UPDATE product_rating_counts SET published = published - 1, verified = verified - (OLD.order_id IS NOT NULL)::int WHERE product_id = OLD.product_id AND rating = OLD.rating; END IF; IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'published' THEN INSERT INTO product_rating_counts AS c (product_id, rating, published, verified) VALUES (NEW.product_id, NEW.rating, 1, (NEW.order_id IS NOT NULL)::int) ON CONFLICT (product_id, rating) DO UPDATE SET published = c.published + 1, verified = c.verified + EXCLUDED.verified; END IF; RETURN NULL; END $$;

CREATE TRIGGER reviews_count_published_ratings AFTER INSERT OR DELETE OR UPDATE OF status, rating, order_id, product_id ON reviews
  FOR EACH ROW EXECUTE FUNCTION count_published_ratings();
