-- How often each text key (a stemmed pair of adjacent content words, or a sentence skeleton) occurs among the
-- reviews of a product and of a category, so the text checks can compare a shared phrase with what chance and the
-- product's own topic give. Maintained in the posting transaction; one review adds each of its keys once.
CREATE TABLE text_key_docs (
  scope text NOT NULL,   -- 'p:<product id>' or 'c:<category>'
  key text NOT NULL,
  docs integer NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE TABLE text_scope_docs (
  scope text PRIMARY KEY,
  docs integer NOT NULL
);
-- The keys each review added, so an edit can take them back out.
CREATE TABLE review_text_keys (
  review_id text NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
  scope_product text NOT NULL,
  scope_category text NOT NULL,
  keys text[] NOT NULL,
  PRIMARY KEY (review_id)
);
