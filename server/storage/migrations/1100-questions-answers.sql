-- Questions and answers on a product: checked by the same integrity pipeline as reviews and comments (states,
-- labels, score, the poster's address and browser for the identity checks).
CREATE TABLE product_questions (
  id text PRIMARY KEY,
  product_id text NOT NULL REFERENCES products (id),
  merchant_id text NOT NULL REFERENCES merchants (id),
  account_id text NOT NULL REFERENCES accounts (id),
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'held', 'rejected', 'removed')),
  labels text[] NOT NULL DEFAULT '{}',
  score real NOT NULL DEFAULT 0,
  ip text,
  user_agent text,
  version integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX product_questions_product ON product_questions (product_id, created_at DESC);
CREATE INDEX product_questions_account ON product_questions (account_id, created_at DESC);

-- The badge is decided when the answer is posted and kept with it: "owner" (a verified buyer of the product),
-- "seller" (staff of the product's merchant) or null. Staff always answer as "seller": an insider cannot choose
-- to look like a customer; undeclared insiders are the pipeline's insider check to catch.
CREATE TABLE question_answers (
  id text PRIMARY KEY,
  question_id text NOT NULL REFERENCES product_questions (id),
  account_id text NOT NULL REFERENCES accounts (id),
  body text NOT NULL,
  badge text CHECK (badge IN ('owner', 'seller')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'held', 'rejected', 'removed')),
  labels text[] NOT NULL DEFAULT '{}',
  score real NOT NULL DEFAULT 0,
  ip text,
  user_agent text,
  version integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX question_answers_question ON question_answers (question_id, created_at);
CREATE INDEX question_answers_account ON question_answers (account_id, created_at DESC);

-- Verdicts of questions and answers are kept with the others.
ALTER TABLE verdicts DROP CONSTRAINT verdicts_target_kind_check;
ALTER TABLE verdicts ADD CONSTRAINT verdicts_target_kind_check CHECK (target_kind IN ('review', 'comment', 'question', 'answer'));

-- The tab shows questions and answers: the cached tab moves with them (see 0600-content-version.sql).
CREATE CONSTRAINT TRIGGER product_questions_bump_content_version AFTER INSERT OR UPDATE OR DELETE ON product_questions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version();
CREATE CONSTRAINT TRIGGER question_answers_bump_content_version AFTER INSERT OR UPDATE OR DELETE ON question_answers
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version();
